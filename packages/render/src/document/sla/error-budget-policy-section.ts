import { formatBudget } from '@accord/core/duration';
import { cell, type Block } from '../document-model.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';

/** Share of a period's budget one incident may use before it needs a postmortem (SRE workbook, appendix B). */
export const POSTMORTEM_SHARE = 0.2;

/**
 * What happens when the downtime budget is spent, following the structure of the SRE workbook's error budget
 * policy: goals, what the policy is not, the miss policy, the outage policy and escalation.
 */
export function errorBudgetPolicySection(ctx: BuildContext): SectionDraft {
  const { derivation, requirements } = ctx;
  const period = derivation.reportingPeriod;
  const names = requirements.meta.sponsors.map((s) => s.name).join(', ');
  const sponsors = names ? `the sponsors (${names})` : 'the sponsors who sign this agreement';
  const committed = derivation.functions.filter((fn) => fn.target !== undefined);
  const blocks: Block[] = [
    { kind: 'heading', text: 'Goals' },
    {
      kind: 'paragraph',
      text: 'The budget is the downtime the business has agreed to tolerate. While budget remains, the provider may change the service at its own pace; when it is spent, reliability work comes first until the service is back within its target.',
    },
    { kind: 'heading', text: 'What the policy is not' },
    {
      kind: 'paragraph',
      text: 'It is not a penalty and not a licence: spending the budget on purpose is not a goal, and an unspent budget does not carry over to the next period.',
    },
    { kind: 'heading', text: `When a function spends its ${period}ly budget` },
    {
      kind: 'list',
      items: [
        `Changes to that function are limited to fixes, security updates and work that makes it more reliable for the rest of the ${period}.`,
        'Counted maintenance is charged first: a function whose counted maintenance already uses most of the budget has little left for incidents.',
        'The provider reports the causes and the remedies at the next service review.',
      ],
    },
    { kind: 'heading', text: 'Outage policy' },
    {
      kind: 'paragraph',
      text: `A single incident that uses more than ${POSTMORTEM_SHARE * 100} % of a function's ${period}ly budget gets a written postmortem with actions, owners and dates; the actions are tracked at the service review.`,
    },
  ];
  if (committed.length > 0) {
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Business function', width: 3 },
        { label: `Budget per ${period}`, width: 2, align: 'right' },
        { label: 'Postmortem above', width: 2, align: 'right' },
      ],
      rows: committed.map((fn) => {
        const budget = fn.target?.budgets[period];
        return [
          cell(fn.name),
          cell(budget ? formatBudget(budget.seconds) : '—'),
          cell(formatBudget((budget?.seconds ?? 0) * POSTMORTEM_SHARE)),
        ];
      }),
    });
  }
  blocks.push({ kind: 'heading', text: 'Escalation' });
  blocks.push({
    kind: 'paragraph',
    text: `Disagreement about how downtime was counted, or about applying this policy, goes to ${sponsors}, who decide.`,
  });
  return { id: 'sla-error-budget', title: 'Error budget policy', blocks };
}
