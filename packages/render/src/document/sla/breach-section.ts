import type { BuildContext, SectionDraft } from '../section-draft.ts';
import { agreementOf, factsOrGaps } from './agreement-text.ts';

/** What a missed target means: service credits (or explicitly none) and when an improvement plan is due. */
export function breachSection(ctx: BuildContext): SectionDraft {
  const { breach } = agreementOf(ctx);
  return {
    id: 'sla-breach',
    title: 'When a target is missed',
    blocks: factsOrGaps([
      ['Service credits', breach.credits],
      ['Improvement plan', breach.improvementPlan],
    ]),
  };
}
