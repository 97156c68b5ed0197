import { cell } from '../document-model.ts';
import type { SectionDraft, BuildContext } from '../section-draft.ts';

/** FitSM's "general" section: who provides, who receives, and the sponsors who sign this version hash. */
export function partiesSection(ctx: BuildContext): SectionDraft {
  const { provider, customer } = ctx.requirements.meta;
  return {
    id: 'sla-parties',
    title: 'Parties and sign-off',
    blocks: [
      {
        kind: 'table',
        columns: [
          { label: 'Party', width: 1 },
          { label: 'Name', width: 2 },
          { label: 'Contact', width: 2 },
        ],
        rows: [
          [cell('Service provider'), cell(provider.name || 'not named'), cell(provider.contact || '—')],
          [cell('Customer'), cell(customer.name || 'not named'), cell(customer.contact || '—')],
        ],
      },
      {
        kind: 'paragraph',
        text: 'A signature applies to this version hash only: any change to the requirements or the derivation makes a new version that needs new signatures.',
      },
      { kind: 'signatures', signOff: ctx.signOff },
    ],
  };
}
