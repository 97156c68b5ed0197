import { describe, expect, it } from 'vitest';
import {
  cellsBetween,
  copyDay,
  describeSlots,
  paintCells,
  paintHours,
  PRESETS,
  slotsToGrid,
  weeklyHours,
} from './week-grid.ts';

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
    expect(paintHours([...office], 'mon', [19, 20], true).filter((s) => s.day === 'mon')).toEqual([
      { day: 'mon', start: '07:00', end: '21:00' },
    ]);
  });
  it('splits a slot when an hour inside it is painted off', () => {
    expect(paintHours([...office], 'mon', [12], false).filter((s) => s.day === 'mon')).toEqual([
      { day: 'mon', start: '07:00', end: '12:00' },
      { day: 'mon', start: '13:00', end: '19:00' },
    ]);
  });
  it('keeps other days exactly, minutes included, and writes 24:00 for midnight', () => {
    const painted = paintHours([...office], 'sun', [23], true);
    expect(painted).toEqual([...office, { day: 'sun', start: '23:00', end: '24:00' }]);
  });
  it('keeps minute precision within the painted day', () => {
    expect(paintHours([...office], 'tue', [20], true).filter((s) => s.day === 'tue')).toEqual([
      { day: 'tue', start: '07:30', end: '19:00' },
      { day: 'tue', start: '20:00', end: '21:00' },
    ]);
  });
});

describe('summaries', () => {
  it('count weekly hours and describe the slots in words', () => {
    expect(weeklyHours([...office])).toBe(23.5);
    expect(describeSlots([...office])).toBe('Mon 07:00–19:00; Tue 07:30–19:00');
    expect(describeSlots([])).toBe('no hours');
  });

  it("describe each day's hours from morning to night, whatever order they were painted in", () => {
    const painted = [
      { day: 'tue', start: '20:00', end: '21:00' },
      { day: 'mon', start: '20:00', end: '21:00' },
      { day: 'mon', start: '06:00', end: '18:00' },
    ] as const;
    expect(describeSlots([...painted])).toBe('Mon 06:00–18:00, 20:00–21:00; Tue 20:00–21:00');
  });
});

describe('cellsBetween', () => {
  it('fills the cells a fast stroke skipped, in a row and across rows', () => {
    expect(cellsBetween({ day: 2, hour: 3 }, { day: 2, hour: 7 }).map((c) => c.hour)).toEqual([3, 4, 5, 6, 7]);
    expect(cellsBetween({ day: 0, hour: 9 }, { day: 4, hour: 9 }).map((c) => c.day)).toEqual([0, 1, 2, 3, 4]);
    const diagonal = cellsBetween({ day: 0, hour: 0 }, { day: 2, hour: 6 });
    expect(diagonal[0]).toEqual({ day: 0, hour: 0 });
    expect(diagonal.at(-1)).toEqual({ day: 2, hour: 6 });
    expect(diagonal).toHaveLength(7);
  });
  it('is one cell for a tap', () => {
    expect(cellsBetween({ day: 5, hour: 10 }, { day: 5, hour: 10 })).toEqual([{ day: 5, hour: 10 }]);
  });
});

describe('paintCells', () => {
  it('paints cells of several days in one change', () => {
    const painted = paintCells(
      [],
      [
        { day: 0, hour: 8 },
        { day: 0, hour: 9 },
        { day: 2, hour: 8 },
      ],
      true,
    );
    expect(painted).toEqual([
      { day: 'mon', start: '08:00', end: '10:00' },
      { day: 'wed', start: '08:00', end: '09:00' },
    ]);
  });
});

describe('presets and copying a day', () => {
  it('offers 24×7 and weekday office hours', () => {
    expect(weeklyHours(PRESETS['all-week'].slots)).toBe(168);
    expect(weeklyHours(PRESETS['office-hours'].slots)).toBe(50);
    expect(describeSlots(PRESETS['office-hours'].slots)).toBe(
      'Mon 08:00–18:00; Tue 08:00–18:00; Wed 08:00–18:00; Thu 08:00–18:00; Fri 08:00–18:00',
    );
  });
  it('copies a day, minutes included, onto other days and leaves the rest', () => {
    const copied = copyDay([...office, { day: 'sat', start: '09:00', end: '12:00' }], 'tue', ['wed', 'thu', 'tue']);
    expect(copied).toEqual([
      office[0],
      office[1],
      { day: 'wed', start: '07:30', end: '19:00' },
      { day: 'thu', start: '07:30', end: '19:00' },
      { day: 'sat', start: '09:00', end: '12:00' },
    ]);
  });
});
