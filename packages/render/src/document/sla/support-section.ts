import { formatDuration } from '@accord/core/duration';
import { cell, type Block } from '../document-model.ts';
import { summariseSlots } from '../format/calendar-summary.ts';
import { findingsFor } from '../finding-views.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';

function gapText(seconds: number | undefined, startsAt: string | undefined, zone: string): string {
  if (seconds === undefined) return 'not known: no support calendar';
  if (seconds === 0) return 'none: someone is always on duty or on call';
  return `${formatDuration(seconds)} around the clock${startsAt ? `, from ${startsAt} (${zone})` : ''}`;
}

/**
 * The stretch each function's own measured time leaves uncovered, when it differs from the round-the-clock one
 * (service hours and excluded maintenance are not counted): the figure the support findings quote.
 */
function measuredGapRows(derivation: BuildContext['derivation']): (readonly [string, string])[] {
  const overall = derivation.support.longestGapSeconds;
  const groups = new Map<string, string[]>();
  for (const fn of derivation.functions) {
    const gap = fn.supportGap;
    if (!fn.target || gap === undefined || gap.seconds === overall) continue;
    const text =
      gap.seconds === 0 ? 'none' : `${formatDuration(gap.seconds)}${gap.startsAt ? ` from ${gap.startsAt}` : ''}`;
    groups.set(text, [...(groups.get(text) ?? []), fn.name]);
  }
  if (groups.size === 0) return [];
  return [
    [
      'Of measured time (service hours, less excluded maintenance)',
      [...groups].map(([text, names]) => `${text} for ${names.join(', ')}`).join('; '),
    ],
  ];
}

/** Support: staffed and on-call hours, the priority matrix (response and resolution) and escalation. */
export function supportSection(ctx: BuildContext): SectionDraft {
  const { requirements, derivation } = ctx;
  const calendar = (id: string | undefined): string => {
    const found = requirements.calendars.find((c) => c.id === id);
    return found ? `${found.name}: ${summariseSlots(found)}${found.timeZone ? ` (${found.timeZone})` : ''}` : 'none';
  };
  const blocks: Block[] = [
    {
      kind: 'facts',
      rows: [
        ['Support desk', calendar(requirements.support.coverageCalendarId)],
        ['On call', calendar(requirements.support.onCallCalendarId)],
        [
          'Longest stretch without anyone on duty',
          gapText(
            derivation.support.longestGapSeconds,
            derivation.support.longestGapStartsAt,
            ctx.requirements.meta.timeZone,
          ),
        ],
        ...measuredGapRows(derivation),
      ],
    },
  ];
  const { severities, escalation } = requirements.support;
  if (severities.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No severity levels are defined yet.', tone: 'warning' });
  } else {
    blocks.push({ kind: 'heading', text: 'Severities, response and resolution' });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Severity', width: 2.2 },
        { label: 'Definition', width: 4 },
        { label: 'Covers a full outage', width: 1.4 },
        { label: 'Response', width: 1.3, align: 'right' },
        { label: 'Resolution', width: 1.3, align: 'right' },
      ],
      rows: severities.map((s) => [
        cell(s.name),
        cell(s.definition || '—'),
        cell(s.fullOutage ? 'yes' : 'no'),
        s.responseSeconds === undefined ? cell('not set', 'warning') : cell(formatDuration(s.responseSeconds)),
        s.resolutionSeconds === undefined ? cell('not set', 'warning') : cell(formatDuration(s.resolutionSeconds)),
      ]),
    });
  }
  if (escalation.length > 0) {
    blocks.push({ kind: 'heading', text: 'Escalation' });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Level', width: 0.8, align: 'right' },
        { label: 'Contact', width: 2.4 },
        { label: 'Role', width: 2 },
        { label: 'Reach at', width: 2.4 },
        { label: 'After', width: 1.2, align: 'right' },
      ],
      rows: [...escalation]
        .sort((a, b) => a.level - b.level)
        .map((e) => [
          cell(String(e.level)),
          cell(e.name),
          cell(e.role || '—'),
          cell(e.contact || '—'),
          cell(e.afterSeconds === 0 ? 'at once' : formatDuration(e.afterSeconds)),
        ]),
    });
  }
  const findings = findingsFor(derivation, 'support');
  if (findings.length > 0) blocks.push({ kind: 'findings', findings });
  return { id: 'sla-support', title: 'Support', blocks };
}
