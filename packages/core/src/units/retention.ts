import { parseDuration } from './duration.ts';

export type RetentionParseResult =
  { readonly ok: true; readonly days: number } | { readonly ok: false; readonly error: string };

const DAY_SECONDS = 86_400;

/**
 * Parse a retention period into whole days: a bare number is days; "10 years", "6 months" and "2 weeks" use
 * the mean Gregorian calendar (a year is 365.2425 days) and round up, so a stated retention is never shortened
 * ("10 years" is 3 653 days).
 * @example parseRetentionDays('10 years') // { ok: true, days: 3653 }
 */
export function parseRetentionDays(input: string): RetentionParseResult {
  const text = input.trim().replace(/(\d),(\d)/g, '$1.$2');
  if (/^\d+$/.test(text)) return { ok: true, days: Number(text) };
  const parsed = parseDuration(text);
  if (!parsed.ok)
    return {
      ok: false,
      error: parsed.error
        .replace('is not a duration', 'is not a retention period')
        .replace(/"4h", "15 min" or "1d 2h"/, '"90 days", "6 months" or "10 years"'),
    };
  return { ok: true, days: Math.ceil(parsed.seconds / DAY_SECONDS - 1e-9) };
}
