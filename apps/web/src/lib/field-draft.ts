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

/** What this person stored in a field when they left it, and when (ms since the epoch). */
export interface Committed {
  readonly value: unknown;
  readonly at: number;
}

/** A value of this person's replaced by another moments after they left the field: they choose. */
export interface Raced {
  readonly mine: unknown;
  readonly theirs: unknown;
}

/**
 * How long after someone leaves a field a different value replacing theirs counts as a race rather than a
 * later decision. Two people pressing Tab together each reach the other through the server in well under a
 * second on a good link; a phone on a weak network or a busy room server can take a few seconds, so five
 * covers that. Much longer and a deliberate change, made after the other person had read the stored value,
 * would be reported as if it had collided with it.
 */
export const SAME_MOMENT_MS = 5_000;

/**
 * What a change of the stored value means for what this person just committed: their own value coming back
 * (the echo) keeps the watch; another value within `SAME_MOMENT_MS` replaced theirs (their write lost a
 * concurrent race, or someone overwrote it moments later) and they are told; after the window, nothing.
 */
export function afterStoredChange(
  stored: unknown,
  committed: Committed | null,
  now: number,
  windowMs: number = SAME_MOMENT_MS,
): { readonly watch: Committed | null; readonly raced: Raced | null } {
  if (committed === null || now - committed.at > windowMs) return { watch: null, raced: null };
  if (sameValue(stored, committed.value)) return { watch: committed, raced: null };
  return { watch: null, raced: { mine: committed.value, theirs: stored } };
}
