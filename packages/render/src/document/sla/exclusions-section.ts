import type { Block } from '../document-model.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';

/** FitSM's limitations: what the provider is not answerable for, as the workshop wrote it. */
export function exclusionsSection(ctx: BuildContext): SectionDraft {
  const { exclusions } = ctx.requirements.meta;
  const blocks: Block[] =
    exclusions.length === 0
      ? [{ kind: 'paragraph', text: 'No exclusions are agreed: every outage of measured time counts as downtime.' }]
      : [
          { kind: 'paragraph', text: 'Outages with these causes do not count as downtime:' },
          { kind: 'list', items: exclusions },
        ];
  return {
    id: 'sla-exclusions',
    title: 'Exclusions',
    blocks: [
      ...blocks,
      {
        kind: 'paragraph',
        text: 'Excluded maintenance windows (section "Maintenance windows") are not measured time either.',
      },
    ],
  };
}
