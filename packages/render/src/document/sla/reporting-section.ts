import type { Block } from '../document-model.ts';
import { OPENSLO_NOTE } from '../measurement.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';

/** Reporting and review cadence, the machine-readable objectives, and the caveats of the numbers. */
export function reportingSection(ctx: BuildContext): SectionDraft {
  const { meta } = ctx.requirements;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `The provider reports availability, downtime against each budget, incidents by severity and response and resolution times ${meta.reportingCadence}. The parties review this agreement every ${meta.reviewEveryMonths} months, and whenever a finding marked as an error is resolved or the service changes.`,
    },
    { kind: 'heading', text: 'Machine-readable objectives (OpenSLO)' },
    { kind: 'paragraph', text: OPENSLO_NOTE },
    { kind: 'heading', text: 'Clarifications and caveats' },
    {
      kind: 'list',
      items: [
        'Budgets use mean period lengths; a calendar month of 28 or 31 days measures slightly less or more time than the mean month.',
        'Service-hours budgets count only service hours: an outage at night on a business-hours function uses no budget.',
        'Composite availability assumes the components fail independently; shared causes (power, storage, people) make real availability lower.',
      ],
    },
  ];
  return { id: 'sla-reporting', title: 'Reporting and review', blocks };
}
