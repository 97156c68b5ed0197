import { sameValue } from './units.ts';

/**
 * What a co-edited input of an atomic value (a number, a duration, a date) shows: while someone types, what
 * they typed ("99.", "4 h"), whatever the doc holds meanwhile; otherwise the stored value. Someone else's
 * value never rewrites an input mid-typing: half of one entry and half of another would make a value
 * nobody entered ("99.9" and "98.5" → "98.59").
 */
export function displayText(stored: unknown, draft: string | null, format: (value: unknown) => string): string {
  return draft ?? format(stored);
}

/**
 * Whether someone else stored a value in a field while this person was typing in it: they have a draft, and
 * the stored value is neither the one their draft started from or last stored (`base`) nor what the draft
 * itself says (two people typing the same thing do not conflict).
 */
export function typedOver(
  stored: unknown,
  draft: string | null,
  base: unknown,
  parse: (text: string) => { ok: boolean; value?: unknown },
): boolean {
  if (draft === null || sameValue(stored, base)) return false;
  const mine = parse(draft);
  return !(mine.ok && sameValue(mine.value ?? null, stored ?? null));
}

/**
 * Who most likely stored a remote value: the others seen editing this field since this person began typing
 * ("Dana", "Dana or Lee"). Awareness does not say who wrote an update, so with nobody seen it is "Someone".
 */
export function whoChanged(names: readonly string[]): string {
  const unique = [...new Set(names)];
  if (unique.length === 0) return 'Someone';
  if (unique.length === 1) return unique[0] ?? 'Someone';
  return `${unique.slice(0, -1).join(', ')} or ${unique.at(-1)}`;
}
