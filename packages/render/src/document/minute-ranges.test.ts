import { describe, expect, it } from 'vitest';
import { mergeRanges, splitByDay, subtractRanges, totalMinutes } from './minute-ranges.ts';

describe('minute ranges', () => {
  it('merges overlapping and touching ranges and drops empty ones', () => {
    expect(
      mergeRanges([
        [60, 120],
        [0, 30],
        [30, 45],
        [100, 200],
        [300, 300],
      ]),
    ).toEqual([
      [0, 45],
      [60, 200],
    ]);
  });

  it('subtracts coverage, leaving the uncovered pieces', () => {
    expect(
      subtractRanges(
        [[0, 1440]],
        [
          [420, 1140],
          [1140, 1380],
        ],
      ),
    ).toEqual([
      [0, 420],
      [1380, 1440],
    ]);
    expect(subtractRanges([[0, 100]], [])).toEqual([[0, 100]]);
    expect(subtractRanges([[0, 100]], [[0, 100]])).toEqual([]);
  });

  it('splits week ranges at midnight and wraps Sunday night into Monday', () => {
    const days = splitByDay([[6 * 1440 + 1380, 6 * 1440 + 1380 + 180]]);
    expect(days[6]).toEqual([[1380, 1440]]);
    expect(days[0]).toEqual([[0, 120]]);
    expect(splitByDay([[-60, 30]])[6]).toEqual([[1380, 1440]]);
    expect(totalMinutes(days.flat())).toBe(180);
  });
});
