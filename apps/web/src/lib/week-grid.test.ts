import { describe, expect, it } from 'vitest';
import { describeSlots, paintHours, slotsToGrid, weeklyHours } from './week-grid.ts';

const office = [
  { day: 'mon', start: '07:00', end: '19:00' },
  { day: 'tue', start: '07:30', end: '19:00' },
] as const;

describe('slotsToGrid', () => {
  it('marks whole and partly covered hours', () => {
    const grid = slotsToGrid([...office]);
    expect(grid[0]?.slice(6, 9)).toEqual(['none', 'full', 'full']);
    expect(grid[0]?.[19]).toBe('none');
    expect(grid[1]?.[7]).toBe('part');
    expect(grid[6]?.every((c) => c === 'none')).toBe(true);
  });
});

describe('paintHours', () => {
  it('extends a slot and merges touching hours into one slot', () => {
    expect(paintHours([...office], 'mon', [19, 20], true).filter((s) => s.day === 'mon')).toEqual([{ day: 'mon', start: '07:00', end: '21:00' }]);
  });
  it('splits a slot when an hour inside it is painted off', () => {
    expect(paintHours([...office], 'mon', [12], false).filter((s) => s.day === 'mon')).toEqual([
      { day: 'mon', start: '07:00', end: '12:00' }, { day: 'mon', start: '13:00', end: '19:00' },
    ]);
  });
  it('keeps other days exactly, minutes included, and writes 24:00 for midnight', () => {
    const painted = paintHours([...office], 'sun', [23], true);
    expect(painted).toEqual([...office, { day: 'sun', start: '23:00', end: '24:00' }]);
  });
  it('keeps minute precision within the painted day', () => {
    expect(paintHours([...office], 'tue', [20], true).filter((s) => s.day === 'tue')).toEqual([
      { day: 'tue', start: '07:30', end: '19:00' }, { day: 'tue', start: '20:00', end: '21:00' },
    ]);
  });
});

describe('summaries', () => {
  it('count weekly hours and describe the slots in words', () => {
    expect(weeklyHours([...office])).toBe(23.5);
    expect(describeSlots([...office])).toBe('Mon 07:00–19:00; Tue 07:30–19:00');
    expect(describeSlots([])).toBe('no hours');
  });
});
