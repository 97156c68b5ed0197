import type { BuildContext, SectionDraft } from '../section-draft.ts';
import { agreementOf, notAgreed } from './agreement-text.ts';

/** FitSM scope: what the service does not include, so nobody reads a promise into it. */
export function outOfScopeSection(ctx: BuildContext): SectionDraft {
  const { outOfScope } = agreementOf(ctx);
  return {
    id: 'sla-out-of-scope',
    title: 'Out of scope',
    blocks:
      outOfScope.length > 0
        ? [
            { kind: 'paragraph', text: 'The service does not include:' },
            { kind: 'list', items: outOfScope },
          ]
        : [notAgreed('what the service does not include')],
  };
}
