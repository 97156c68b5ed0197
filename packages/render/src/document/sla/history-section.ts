import { cell } from '../document-model.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';
import { agreementOf } from './agreement-text.ts';

/** Document history (ITIL, FitSM): each earlier version, when, by whom and what changed. */
export function historySection(ctx: BuildContext): SectionDraft {
  const { history } = agreementOf(ctx);
  return {
    id: 'sla-history',
    title: 'Document history',
    blocks:
      history.length > 0
        ? [
            {
              kind: 'table',
              columns: [
                { label: 'Version', width: 1.2 },
                { label: 'Date', width: 1.4 },
                { label: 'Author', width: 2.2 },
                { label: 'Change', width: 5 },
              ],
              rows: history.map((h) => [
                cell(h.version || '—'),
                cell(h.date ?? '—'),
                cell(h.author || '—'),
                cell(h.change || '—'),
              ]),
            },
          ]
        : [{ kind: 'paragraph', text: 'First version: no earlier versions of this agreement.' }],
  };
}
