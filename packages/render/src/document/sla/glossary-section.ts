import { cell } from '../document-model.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';
import { agreementOf } from './agreement-text.ts';

/** Terms every Accord SLA uses; the workshop's own entries come first and win over these. */
const STANDARD_TERMS: readonly (readonly [term: string, definition: string])[] = [
  ['Availability', 'The share of measured time in which the business function works, as the probe sees it.'],
  ['Downtime budget', 'The downtime a target allows in a period: (1 − target) × measured time.'],
  [
    'Measured time',
    'The hours the commitment covers: around the clock, or the service-hours calendar, less excluded maintenance and holidays.',
  ],
  ['RPO (recovery point objective)', 'The most data, measured in time, a failure may lose.'],
  [
    'RTO (recovery time objective)',
    'The longest a business function may be down after a failure before it works again.',
  ],
  [
    'CCR, SCR, LCR',
    'Cluster, standby and local continuous replication: Exchange Server 2007 copies of mailbox databases kept up to date by shipping transaction logs.',
  ],
  [
    'Transport dumpster',
    'A store of recently delivered mail on the Hub Transport servers, re-delivered after a mailbox failover that lost data.',
  ],
];

/** FitSM: a glossary, so sponsors, engineers and auditors read the same words the same way. */
export function glossarySection(ctx: BuildContext): SectionDraft {
  const own = agreementOf(ctx).glossary.map((g) => [g.term, g.definition] as const);
  const known = new Set(own.map(([term]) => term.toLowerCase()));
  const rows = [...own, ...STANDARD_TERMS.filter(([term]) => !known.has(term.toLowerCase()))];
  return {
    id: 'sla-glossary',
    title: 'Glossary',
    blocks: [
      {
        kind: 'table',
        columns: [
          { label: 'Term', width: 2.4 },
          { label: 'Meaning', width: 7 },
        ],
        rows: rows.map(([term, definition]) => [cell(term), cell(definition || '—')]),
      },
    ],
  };
}
