import { createHash } from 'node:crypto';
import { requirementsSchema, type Requirements } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import type { RenderInput } from '../render-input.ts';
import { buildVersionRecord, canonicalVersionJson, type VersionInfo } from '../../version/version-record.ts';

/**
 * The messaging-platform template, validated, as a workshop would publish it after deliberating: one open
 * proposal with the votes the server recorded, and one decision (templates themselves carry no such history).
 */
export function messagingRequirements(): Requirements {
  const template = requirementsSchema.parse(templateById('messaging')?.requirements);
  return requirementsSchema.parse({
    ...template,
    proposals: [
      {
        id: 'webmail-9995',
        field: '/functions/webmail/availability/targetPercent',
        value: 99.9,
        reason: 'Field staff are as dependent on webmail as office staff on Outlook.',
        proposedBy: 'Field sales lead',
        createdAt: '2026-11-20T10:15:00Z',
        status: 'open',
        votes: [
          { voter: 'Markus Brandt', choice: 'for' },
          { voter: 'Messaging team', choice: 'against' },
        ],
      },
    ],
    decisions: [
      {
        id: 'mailbox-rto',
        field: '/functions/mailbox-access/recovery/component-failure/rtoSeconds',
        value: 1800,
        decidedBy: 'Facilitator',
        decidedAt: '2026-11-20T09:40:00Z',
        note: 'Agreed 30 minutes instead of 15: CCR fails over in minutes, the rest covers client reconnects.',
      },
    ],
  });
}

export const PUBLISHED: VersionInfo = {
  workshopId: 'ws-messaging',
  number: 3,
  publishedAt: '2026-11-21T14:03:00.000Z',
  publishedBy: 'Anna Keller',
};

/** A render input as the server builds one: record, its SHA-256, optional sign-off state. */
export function inputFor(
  requirements: Requirements,
  version: VersionInfo | null,
  signOff?: RenderInput['signOff'],
): RenderInput {
  const record = buildVersionRecord(requirements, version);
  const hash = createHash('sha256').update(canonicalVersionJson(record)).digest('hex');
  return signOff ? { record, hash, signOff } : { record, hash };
}

/** Text that would execute, link, embed or restructure if any format passed it through. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  image: '<img src=x onerror=alert(1)>',
  jsLink: '[click me](javascript:alert(1))',
  mdImage: '![x](http://evil.example/x.png)',
  bareLinks: 'see http://evil.example/phish, www.evil.example and mail@evil.example',
  yaml: 'key: value # comment - item | block > folded \' single " double',
  documents: 'line one\n---\nkind: Injected\napiVersion: openslo/v1',
  markup: '**bold** _it_ `code` ~~strike~~ | pipe | $x$ @user #1 \\ <!-- c -->',
} as const;

export const ALL_HOSTILE = Object.values(HOSTILE).join(' ');

/** The messaging template with hostile text in every kind of field a participant can type. */
export function hostileRequirements(): Requirements {
  const r = messagingRequirements();
  const meta = {
    ...r.meta,
    title: `${HOSTILE.script} ${HOSTILE.jsLink}`,
    service: `Mail ${HOSTILE.image} --- & "quoted"`,
    description: ALL_HOSTILE,
    exclusions: Object.values(HOSTILE),
    provider: { name: HOSTILE.mdImage, contact: HOSTILE.bareLinks },
    sponsors: [{ name: HOSTILE.script, role: HOSTILE.yaml }, ...r.meta.sponsors.slice(1)],
  };
  const functions = r.functions.map((fn, index) => {
    if (index === 0 && fn.availability) {
      return {
        ...fn,
        name: `${HOSTILE.mdImage} Mailbox`,
        availability: {
          ...fn.availability,
          provenance: { ...fn.availability.provenance, requestedBy: HOSTILE.yaml, rationale: ALL_HOSTILE },
        },
      };
    }
    return index === 1 ? { ...fn, description: HOSTILE.documents, users: HOSTILE.markup } : fn;
  });
  const calendars = r.calendars.map((c, index) =>
    index === 0
      ? {
          ...c,
          name: `Hours ${HOSTILE.yaml}`,
          holidays: c.holidays.map((h, i) => (i === 0 ? { ...h, name: HOSTILE.documents } : h)),
        }
      : c,
  );
  return requirementsSchema.parse({
    ...r,
    meta,
    functions,
    calendars,
    components: r.components.map((c, i) => (i === 0 ? { ...c, notes: HOSTILE.markup } : c)),
    maintenance: r.maintenance.map((m, i) => (i === 0 ? { ...m, name: HOSTILE.documents } : m)),
    backups: r.backups.map((b, i) => (i === 0 ? { ...b, name: HOSTILE.mdImage } : b)),
    support: {
      ...r.support,
      severities: r.support.severities.map((s, i) =>
        i === 0 ? { ...s, name: HOSTILE.markup, definition: HOSTILE.image } : s,
      ),
      escalation: r.support.escalation.map((e, i) => (i === 0 ? { ...e, contact: HOSTILE.bareLinks } : e)),
    },
    risks: r.risks.map((risk, i) => (i === 0 ? { ...risk, threat: HOSTILE.script, mitigation: ALL_HOSTILE } : risk)),
    proposals: r.proposals.map((p) => ({ ...p, reason: ALL_HOSTILE, proposedBy: HOSTILE.jsLink })),
    decisions: r.decisions.map((d) => ({ ...d, note: ALL_HOSTILE })),
    attendance: r.attendance.map((a, i) => (i === 0 ? { ...a, name: HOSTILE.jsLink } : a)),
  });
}
