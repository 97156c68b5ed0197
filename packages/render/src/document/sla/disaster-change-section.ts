import type { BuildContext, SectionDraft } from '../section-draft.ts';
import { agreementOf, factsOrGaps } from './agreement-text.ts';

/** Who declares a disaster (which moves outages to the site-loss objectives), and how changes are announced. */
export function disasterChangeSection(ctx: BuildContext): SectionDraft {
  const { disasterDeclaration, changeNotice } = agreementOf(ctx);
  return {
    id: 'sla-declarations',
    title: 'Disaster declaration and change notice',
    blocks: factsOrGaps([
      ['Disaster declared by', disasterDeclaration.declaredBy],
      ['Declaration procedure', disasterDeclaration.procedure],
      [
        'Notice of planned changes',
        changeNotice.standardDays === undefined ? '' : `${changeNotice.standardDays} days before the change`,
      ],
      ['Emergency changes', changeNotice.emergency],
    ]),
  };
}
