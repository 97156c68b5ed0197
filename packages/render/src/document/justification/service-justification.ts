import { cell, type Block } from '../document-model.ts';
import { words } from '../format/labels.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';
import { deliberationBlocks } from './deliberation-blocks.ts';
import { riskTable } from './function-justification.ts';

/** Who asked for the support, maintenance and backup commitments and why, and decisions outside any function. */
export function serviceJustification(ctx: BuildContext): SectionDraft {
  const { requirements } = ctx;
  const blocks: Block[] = [];
  const rows = [
    ...requirements.support.severities.map((s) => ['Severity', s.name, s.provenance] as const),
    ...requirements.maintenance.map((m) => ['Maintenance', m.name, m.provenance] as const),
    ...requirements.backups.map((b) => ['Backup', b.name, b.provenance] as const),
  ];
  if (rows.length > 0) {
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Commitment', width: 1.4 },
        { label: 'Name', width: 2.6 },
        { label: 'Source', width: 1.3 },
        { label: 'Requested by', width: 1.8 },
        { label: 'Rationale', width: 4.4 },
      ],
      rows: rows.map(([kind, name, provenance]) => [
        cell(kind),
        cell(name),
        provenance.source ? cell(words(provenance.source)) : cell('not stated', 'warning'),
        cell(provenance.requestedBy || 'not stated'),
        provenance.rationale ? cell(provenance.rationale) : cell('not stated', 'warning'),
      ]),
    });
  } else {
    blocks.push({ kind: 'paragraph', text: 'No support, maintenance or backup commitments yet.' });
  }
  blocks.push(...deliberationBlocks(requirements, (field) => !field.startsWith('/functions/'), true, ctx.derivation));
  const serviceWide = requirements.risks.filter((r) => r.functionIds.length === 0);
  const subsections: SectionDraft[] =
    serviceWide.length > 0
      ? [{ id: 'why-service-risks', title: 'Service-wide risks', blocks: [riskTable(serviceWide)] }]
      : [];
  return { id: 'why-service', title: 'Support, maintenance and backup', blocks, subsections };
}
