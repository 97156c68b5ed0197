import { cell, type Block } from '../document-model.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';
import { agreementOf, factsOrGaps, notAgreed } from './agreement-text.ts';

const CLOCKS = {
  'support-hours':
    'Response and resolution clocks run only in support hours: an incident reported outside them starts its clock when support opens.',
  'around-the-clock': 'Response and resolution clocks run around the clock, whatever the support hours.',
} as const;

/** How users reach the desk, whether the clocks run in support hours, and named contacts on both sides. */
export function contactsSection(ctx: BuildContext): SectionDraft {
  const { desk, contacts } = agreementOf(ctx);
  const blocks: Block[] = [
    ...factsOrGaps([['Reaching the service desk', desk.howToReach]]),
    desk.clocksRunIn
      ? { kind: 'paragraph', text: CLOCKS[desk.clocksRunIn] }
      : notAgreed('whether response and resolution clocks run in support hours only'),
  ];
  for (const side of ['provider', 'customer'] as const) {
    const people = contacts.filter((c) => c.side === side);
    blocks.push({ kind: 'heading', text: side === 'provider' ? 'Provider contacts' : 'Customer contacts' });
    blocks.push(
      people.length > 0
        ? {
            kind: 'table',
            columns: [
              { label: 'Name', width: 2.5 },
              { label: 'Role', width: 2.5 },
              { label: 'Contact', width: 3 },
            ],
            rows: people.map((p) => [cell(p.name), cell(p.role || '—'), cell(p.contact || '—')]),
          }
        : notAgreed(`named ${side} contacts`),
    );
  }
  return { id: 'sla-contacts', title: 'Contacts and response clocks', blocks };
}
