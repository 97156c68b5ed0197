import { sameValue } from './units.ts';

/**
 * What a co-edited input shows. While someone types, their draft stays on screen exactly as typed ("99.",
 * "4 h") as long as the stored value is still the one their draft produced (`base`). When the stored
 * value moves away from it — someone else changed the field — the input shows the stored value.
 */
export function displayText(stored: unknown, draft: string | null, base: unknown, format: (value: unknown) => string): string {
  if (draft !== null && sameValue(stored, base)) return draft;
  return format(stored);
}
