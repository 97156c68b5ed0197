import { describe, expect, it } from 'vitest';
import { messagingRequirements } from '../render/test-support/fixtures.ts';
import { buildWeekGrid } from './week-grid.ts';

const hours = (h: number): number => h * 60;

describe('buildWeekGrid', () => {
  const grid = buildWeekGrid(messagingRequirements());
  const day = (label: string) => grid.days.find((d) => d.label === label);

  it('lays service hours, staffed support and on-call on their weekdays', () => {
    expect(day('Mon')?.service).toEqual([[hours(7), hours(19)]]);
    expect(day('Sat')?.service).toEqual([]);
    expect(day('Tue')?.staffed).toEqual([[hours(7), hours(19)]]);
    expect(day('Wed')?.onCall).toEqual([[hours(19), hours(23)]]);
    expect(day('Sun')?.onCall).toEqual([[hours(8), hours(20)]]);
  });

  it('marks measured time with nobody on duty as a gap, leaving out excluded maintenance', () => {
    expect(day('Mon')?.gaps).toEqual([
      [0, hours(7)],
      [hours(23), hours(24)],
    ]);
    expect(day('Sat')?.gaps).toEqual([
      [0, hours(8)],
      [hours(20), hours(24)],
    ]);
    expect(day('Sun')?.maintenanceExcluded).toEqual([[hours(2), hours(6)]]);
    expect(day('Sun')?.gaps).toEqual([
      [0, hours(2)],
      [hours(6), hours(8)],
      [hours(20), hours(24)],
    ]);
  });

  it('shows counted maintenance and notes windows that recur monthly', () => {
    expect(day('Sat')?.maintenanceCounted).toEqual([[hours(20), hours(22)]]);
    expect(grid.notes.join(' ')).toContain('monthly, last Sat 20:00 for 2h');
  });

  it('reads a calendar kept in another zone in the workshop zone', () => {
    const base = messagingRequirements();
    const shifted = {
      ...base,
      calendars: base.calendars.map((c) =>
        c.id === 'service-desk'
          ? { ...c, timeZone: 'America/New_York', slots: [{ day: 'mon' as const, start: '09:00', end: '17:00' }] }
          : c,
      ),
    };
    // January: New York is UTC−5, Berlin UTC+1, so 09:00–17:00 there is 15:00–23:00 here.
    expect(buildWeekGrid(shifted).days[0]?.staffed).toEqual([[hours(15), hours(23)]]);
  });

  it('finds no gap where nobody has a support calendar, and measures every hour without targets', () => {
    const base = messagingRequirements();
    const bare = buildWeekGrid({ ...base, functions: [], support: { severities: [], escalation: [] } });
    expect(bare.days.every((d) => d.gaps.length === 0)).toBe(true);
    expect(bare.staffedLabel).toBe('Support desk (none)');
    expect(bare.measuredLabel).toContain('no availability targets');
  });

  it('names the functions measured around the clock in a sentence a sponsor can read', () => {
    expect(buildWeekGrid(messagingRequirements()).measuredLabel).toBe(
      'Webmail (Outlook Web Access) and Mobile sync (ActiveSync) are measured around the clock, less excluded maintenance',
    );
  });
});
