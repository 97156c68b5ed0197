import { cell, type Block } from '../document-model.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';
import { agreementOf, notAgreed } from './agreement-text.ts';

/** FitSM: provider and customer responsibilities, and the underpinning contracts the service rests on. */
export function responsibilitiesSection(ctx: BuildContext): SectionDraft {
  const { responsibilities, underpinningContracts } = agreementOf(ctx);
  const { provider, customer } = ctx.requirements.meta;
  const side = (who: string, items: readonly string[]): Block[] =>
    items.length > 0
      ? [
          { kind: 'paragraph', text: `${who} is responsible for:` },
          { kind: 'list', items },
        ]
      : [notAgreed(`the responsibilities of ${who}`)];
  const contracts: Block[] =
    underpinningContracts.length > 0
      ? [
          {
            kind: 'table',
            columns: [
              { label: 'Supplier', width: 2.5 },
              { label: 'Provides', width: 3 },
              { label: 'Commitment', width: 3 },
            ],
            rows: underpinningContracts.map((c) => [
              cell(c.supplier),
              cell(c.covers || '—'),
              cell(c.terms || 'not stated', c.terms ? undefined : 'warning'),
            ]),
          },
        ]
      : [
          notAgreed(
            'the underpinning contracts (carrier, hardware repair, storage vendor, directory and DNS teams) the targets rely on',
          ),
        ];
  return {
    id: 'sla-responsibilities',
    title: 'Responsibilities',
    blocks: [
      ...side(provider.name || 'The provider', responsibilities.provider),
      ...side(customer.name || 'The customer', responsibilities.customer),
    ],
    subsections: [{ id: 'sla-underpinning', title: 'Underpinning contracts', blocks: contracts }],
  };
}
