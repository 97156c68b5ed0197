import { cell } from '../document-model.ts';
import { findingPlace, findingView } from '../finding-views.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';

/**
 * The stable finding codes, kept out of the body a sponsor reads: pipelines and the CLI key on them, so the
 * appendix maps each code to the issue as the documents word it, when it fires and where it is stated.
 */
export function findingCodesAppendix(ctx: BuildContext): SectionDraft | undefined {
  const { derivation } = ctx;
  if (derivation.findings.length === 0) return undefined;
  const rows = new Map<string, { code: string; title: string; places: string[] }>();
  for (const finding of derivation.findings) {
    const row = rows.get(finding.code) ?? {
      code: finding.code,
      title: findingView(finding, derivation).title,
      places: [],
    };
    const place = findingPlace(finding, ctx.slaNumbers);
    if (!row.places.includes(place)) row.places.push(place);
    rows.set(finding.code, row);
  }
  return {
    id: 'why-finding-codes',
    title: 'Appendix: finding codes',
    blocks: [
      {
        kind: 'paragraph',
        text: 'The codes under which tools and the command line report the open issues of this document.',
      },
      {
        kind: 'table',
        // The code column fits the longest code (DISASTER_EXCLUSION_WITHOUT_SITE_OBJECTIVE) on one line in the PDF.
        columns: [
          { label: 'Code', width: 5.2 },
          { label: 'Issue', width: 3.6 },
          { label: 'Stated in', width: 1.4 },
        ],
        rows: [...rows.values()]
          .sort((a, b) => (a.code < b.code ? -1 : 1))
          .map((r) => [cell(r.code, 'muted'), cell(r.title), cell(r.places.join(', '))]),
      },
    ],
  };
}
