/** Half-open ranges of minutes [start, end), e.g. minutes after local midnight or after the week's start. */
export type MinuteRange = readonly [start: number, end: number];

/** Sorted, merged, empty ranges dropped. */
export function mergeRanges(ranges: readonly MinuteRange[]): MinuteRange[] {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = out.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** The parts of `from` not covered by `minus`. */
export function subtractRanges(from: readonly MinuteRange[], minus: readonly MinuteRange[]): MinuteRange[] {
  const cut = mergeRanges(minus);
  const out: MinuteRange[] = [];
  for (const [start, end] of mergeRanges(from)) {
    let cursor = start;
    for (const [s, e] of cut) {
      if (e <= cursor || s >= end) continue;
      if (s > cursor) out.push([cursor, s]);
      cursor = Math.max(cursor, e);
    }
    if (cursor < end) out.push([cursor, end]);
  }
  return out;
}

/** Week-relative ranges wrapped into [0, week) and split at day boundaries: index 0 is Monday. */
export function splitByDay(weekRanges: readonly MinuteRange[], dayMinutes = 1440, days = 7): MinuteRange[][] {
  const week = dayMinutes * days;
  const perDay: MinuteRange[][] = Array.from({ length: days }, () => []);
  for (const [rawStart, rawEnd] of weekRanges) {
    const length = Math.min(rawEnd - rawStart, week);
    const start = ((rawStart % week) + week) % week;
    for (let cursor = start; cursor < start + length;) {
      const wrapped = cursor % week;
      const day = Math.floor(wrapped / dayMinutes);
      const dayEnd = (day + 1) * dayMinutes;
      const end = Math.min(dayEnd, wrapped + (start + length - cursor));
      perDay[day]?.push([wrapped - day * dayMinutes, end - day * dayMinutes]);
      cursor += end - wrapped;
    }
  }
  return perDay.map(mergeRanges);
}

export function totalMinutes(ranges: readonly MinuteRange[]): number {
  return ranges.reduce((sum, [s, e]) => sum + (e - s), 0);
}
