/**
 * Data rates as people quote them ("200 MB/s", "720 GB/h", "1.2 TB/h") and as Accord stores them: GB per
 * hour. Units are decimal, as storage vendors and backup tools state them: 1 TB = 1 000 GB = 1 000 000 MB.
 */

export type ThroughputParseResult =
  { readonly ok: true; readonly gbPerHour: number } | { readonly ok: false; readonly error: string };

const SIZE_GB: Readonly<Record<string, number>> = { mb: 0.001, gb: 1, tb: 1000 };
const PER_HOUR: Readonly<Record<string, number>> = {
  s: 3600,
  sec: 3600,
  second: 3600,
  min: 60,
  minute: 60,
  h: 1,
  hr: 1,
  hour: 1,
};

/** How the stored unit is stated in documents and messages. */
export const THROUGHPUT_CONVENTION = 'Rates are decimal: 1 TB = 1 000 GB = 1 000 000 MB, so 1 MB/s = 3.6 GB/h.';

/**
 * Parse a data rate into GB per hour; a bare number is GB per hour already.
 * @example parseThroughput('200 MB/s') // { ok: true, gbPerHour: 720 }
 */
export function parseThroughput(input: string): ThroughputParseResult {
  const text = input
    .trim()
    .toLowerCase()
    .replace(/(\d),(\d)/g, '$1.$2');
  const bare = /^\d+(\.\d+)?$/.exec(text);
  const match = bare ? null : /^(\d+(?:\.\d+)?)\s*([a-z]+)\s*(?:\/|per\s+)\s*([a-z]+)$/.exec(text);
  const value = Number(bare ? text : match?.[1]);
  const size = match ? SIZE_GB[match[2] ?? ''] : 1;
  const per = match ? PER_HOUR[match[3] ?? ''] : 1;
  if ((!bare && !match) || size === undefined || per === undefined) {
    return {
      ok: false,
      error: `"${input.trim()}" is not a data rate; write e.g. "200 MB/s", "720 GB/h" or "1.2 TB/h"`,
    };
  }
  if (!(value > 0)) return { ok: false, error: 'a restore rate must be more than 0' };
  return { ok: true, gbPerHour: value * size * per };
}

/** GB per hour in the form documents use: `720 GB/h (200 MB/s)`. */
export function formatThroughput(gbPerHour: number): string {
  const mbPerSecond = (gbPerHour * 1000) / 3600;
  const round = (n: number): string => String(Math.round(n * 100) / 100);
  return `${round(gbPerHour)} GB/h (${round(mbPerSecond)} MB/s)`;
}
