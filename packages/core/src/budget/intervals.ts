/** Half-open UTC intervals [start, end) in ms, always sorted and disjoint once normalised. */
export type Interval = readonly [start: number, end: number];

export function normalise(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

export function totalMs(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, [s, e]) => sum + (e - s), 0);
}

/** The parts of `a` inside `b` (both normalised). */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [as, ae] = a[i] as Interval;
    const [bs, be] = b[j] as Interval;
    const start = Math.max(as, bs);
    const end = Math.min(ae, be);
    if (end > start) out.push([start, end]);
    if (ae < be) i += 1;
    else j += 1;
  }
  return out;
}

/** The parts of `a` outside `b` (both normalised). */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const [as, ae] of a) {
    let cursor = as;
    while (j < b.length && (b[j] as Interval)[1] <= cursor) j += 1;
    let k = j;
    while (k < b.length && (b[k] as Interval)[0] < ae) {
      const [bs, be] = b[k] as Interval;
      if (bs > cursor) out.push([cursor, Math.min(bs, ae)]);
      cursor = Math.max(cursor, be);
      k += 1;
    }
    if (cursor < ae) out.push([cursor, ae]);
  }
  return out;
}
