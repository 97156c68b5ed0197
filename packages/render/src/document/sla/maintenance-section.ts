import { formatBudget, formatDuration } from '@accord/core/duration';
import { cell, type Block } from '../document-model.ts';
import { summariseRecurrence } from '../format/calendar-summary.ts';
import { findingsFor } from '../finding-views.ts';
import { appliesToLabel, type BuildContext, type SectionDraft } from '../section-draft.ts';

/** Planned maintenance: when, for which functions, and whether it is excluded or charged to the budget. */
export function maintenanceSection(ctx: BuildContext): SectionDraft {
  const { requirements, derivation } = ctx;
  const blocks: Block[] = [];
  if (requirements.maintenance.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: 'No planned maintenance windows are agreed: any planned interruption counts as downtime.',
    });
  } else {
    blocks.push({
      kind: 'paragraph',
      text: 'Excluded windows are taken out of measured time; counted windows are charged against the downtime budget of the functions they apply to.',
    });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Window', width: 2.5 },
        { label: 'When', width: 3 },
        { label: 'Time zone', width: 2 },
        { label: 'Applies to', width: 2.5 },
        { label: 'Treatment', width: 2.2 },
      ],
      rows: requirements.maintenance.map((m) => [
        cell(m.name),
        cell(summariseRecurrence(m)),
        m.timeZone ? cell(m.timeZone) : cell(`none (read as ${requirements.meta.timeZone})`, 'warning'),
        cell(appliesToLabel(requirements, m.appliesTo)),
        cell(
          m.counted ? 'counted against the budget' : 'excluded from measured time',
          m.counted ? 'warning' : undefined,
        ),
      ]),
    });
    const charged = derivation.functions.filter((fn) => (fn.target?.budgets.month.countedMaintenanceSeconds ?? 0) > 0);
    if (charged.length > 0) {
      blocks.push({
        kind: 'table',
        columns: [
          { label: 'Business function', width: 3 },
          { label: 'Counted maintenance per month', width: 2, align: 'right' },
          { label: 'Budget per month', width: 2, align: 'right' },
          { label: 'Left for incidents', width: 2, align: 'right' },
        ],
        rows: charged.map((fn) => {
          const month = fn.target?.budgets.month;
          const left = month?.remainingSeconds ?? 0;
          return [
            cell(fn.name),
            cell(formatDuration(month?.countedMaintenanceSeconds ?? 0)),
            cell(month ? formatBudget(month.seconds) : '—'),
            cell(left >= 60 ? formatBudget(left) : 'none', left >= 60 ? undefined : 'error'),
          ];
        }),
      });
    }
  }
  const findings = findingsFor(derivation, 'maintenance');
  if (findings.length > 0) blocks.push({ kind: 'findings', findings });
  return { id: 'sla-maintenance', title: 'Maintenance windows', blocks };
}
