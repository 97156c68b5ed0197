import { EMPTY_AGREEMENT, type Agreement } from '@accord/core/model';
import type { Block } from '../document-model.ts';
import type { BuildContext } from '../section-draft.ts';

/** The workshop's agreement sections, or the empty ones for a file written before they existed. */
export function agreementOf(ctx: BuildContext): Agreement {
  return ctx.requirements.agreement ?? EMPTY_AGREEMENT;
}

/** A gap a sponsor must see: the section exists, the workshop has not agreed its content yet. */
export function notAgreed(what: string): Block {
  return {
    kind: 'paragraph',
    text: `Not agreed yet: ${what}. The workshop has to settle this before the agreement is signed.`,
    tone: 'warning',
  };
}

/** Facts rows for the fields that are filled, and a gap line naming those that are not. */
export function factsOrGaps(rows: readonly (readonly [label: string, value: string])[]): Block[] {
  const filled = rows.filter(([, value]) => value.trim() !== '');
  const missing = rows.filter(([, value]) => value.trim() === '').map(([label]) => label.toLowerCase());
  return [
    ...(filled.length > 0 ? [{ kind: 'facts' as const, rows: filled }] : []),
    ...(missing.length > 0 ? [notAgreed(missing.join(', '))] : []),
  ];
}
