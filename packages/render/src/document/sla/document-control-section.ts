import type { SectionDraft, BuildContext } from '../section-draft.ts';
import { addMonths, datePart } from '../format/dates.ts';

/**
 * The header an approver reads first, after the SRE workbook's SLO document: status, version and hash,
 * publication, validity, approvers, revisit date, reporting, and the budget convention.
 */
export function documentControlSection(ctx: BuildContext): SectionDraft {
  const { meta } = ctx.requirements;
  const { version } = ctx.record;
  const start = meta.validFrom ?? (version ? datePart(version.publishedAt) : undefined);
  const review = `every ${meta.reviewEveryMonths} months${start ? `; next review by ${addMonths(start, meta.reviewEveryMonths)}` : ''}`;
  const approvers = meta.sponsors.map((s) => (s.role ? `${s.name} (${s.role})` : s.name)).join('; ') || 'none named';
  return {
    id: 'sla-control',
    title: 'Document control',
    blocks: [
      {
        kind: 'facts',
        rows: [
          ['Status', ctx.identity.status],
          ['Version', version ? String(version.number) : 'none yet: a draft gets its number when it is published'],
          ['Version hash (SHA-256)', ctx.identity.hash],
          ['Published', ctx.identity.published || 'not yet published'],
          ['Service', meta.service],
          ['Valid from', meta.validFrom ?? 'the date every sponsor has signed'],
          ['Review', review],
          [
            'Reporting',
            `${meta.reportingCadence}; downtime budgets are compared per ${ctx.derivation.reportingPeriod}`,
          ],
          ['Approvers', approvers],
          ['Budget convention', ctx.derivation.convention],
        ],
      },
    ],
  };
}
