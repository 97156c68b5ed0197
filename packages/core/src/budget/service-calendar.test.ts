import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarSchema } from '../model/index.ts';
import {
  intervalsBetween,
  longestUncoveredStretch,
  longestUncoveredStretchSeconds,
  measuredSecondsBetween,
  weeklySeconds,
} from './service-calendar.ts';

const H = 3600;
const calendar = (
  timeZone: string | undefined,
  slots: { day: string; start: string; end: string }[],
  holidays: string[] = [],
) => calendarSchema.parse({ id: 'c', name: 'c', timeZone, slots, holidays: holidays.map((date) => ({ date })) });
const weekdays = (start: string, end: string) =>
  ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, start, end }));
const allWeek = (start: string, end: string) =>
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({ day, start, end }));

describe('weeklySeconds', () => {
  it('sums slots once even when they overlap', () => {
    expect(
      weeklySeconds(calendar('UTC', [...weekdays('08:00', '18:00'), { day: 'mon', start: '17:00', end: '19:00' }])),
    ).toBe(51 * H);
  });
});

describe('measuredSecondsBetween across a clock change (Europe/Berlin, 29 March 2026)', () => {
  const weekStart = Date.UTC(2026, 2, 22, 23); // Monday 23 March 00:00 CET
  const weekEnd = Date.UTC(2026, 2, 29, 22); // Monday 30 March 00:00 CEST

  it('a 24×7 week containing the change lasts 167 hours', () => {
    expect(
      measuredSecondsBetween(calendar('Europe/Berlin', allWeek('00:00', '24:00')), weekStart, weekEnd, 'UTC'),
    ).toBe(167 * H);
  });

  it('a Sunday 02:00–04:00 slot lasts one hour on the night the clocks go forward', () => {
    const night = calendar('Europe/Berlin', [{ day: 'sun', start: '02:00', end: '04:00' }]);
    expect(measuredSecondsBetween(night, weekStart, weekEnd, 'UTC')).toBe(1 * H);
  });

  it('the same slot lasts three hours when the clocks go back (25 October 2026)', () => {
    const night = calendar('Europe/Berlin', [{ day: 'sun', start: '01:00', end: '04:00' }]);
    expect(measuredSecondsBetween(night, Date.UTC(2026, 9, 24), Date.UTC(2026, 9, 26), 'UTC')).toBe(4 * H);
  });

  it('office hours keep 10 local hours a day on both sides of the change', () => {
    const office = calendar('Europe/Berlin', weekdays('08:00', '18:00'));
    expect(measuredSecondsBetween(office, Date.UTC(2026, 2, 23), Date.UTC(2026, 3, 4), 'UTC')).toBe(100 * H);
    const [firstMonday] = intervalsBetween(office, Date.UTC(2026, 2, 23), Date.UTC(2026, 2, 24), 'UTC');
    expect(firstMonday?.[0]).toBe(Date.UTC(2026, 2, 23, 7));
    const [afterChange] = intervalsBetween(office, Date.UTC(2026, 2, 30), Date.UTC(2026, 2, 31), 'UTC');
    expect(afterChange?.[0]).toBe(Date.UTC(2026, 2, 30, 6));
  });
});

describe('measuredSecondsBetween', () => {
  it('removes holidays as whole local days', () => {
    const office = calendar('Europe/Berlin', weekdays('08:00', '18:00'), ['2026-12-24', '2026-12-25']);
    expect(measuredSecondsBetween(office, Date.UTC(2026, 11, 20), Date.UTC(2026, 11, 27), 'UTC')).toBe(30 * H);
  });

  it('uses the workshop zone for a calendar without one', () => {
    const office = calendar(undefined, weekdays('09:00', '17:00'));
    const [monday] = intervalsBetween(office, Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 6), 'America/New_York');
    expect(monday?.[0]).toBe(Date.UTC(2026, 0, 5, 14));
  });

  it('is additive over split intervals', () => {
    const office = calendar('Asia/Kolkata', weekdays('09:30', '18:00'));
    const start = Date.UTC(2026, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * 86_400 }), fc.integer({ min: 0, max: 40 * 86_400 }), (a, b) => {
        const [x, y] = [start + Math.min(a, b) * 1000, start + Math.max(a, b) * 1000];
        const end = start + 40 * 86_400 * 1000;
        const whole = measuredSecondsBetween(office, start, end, 'UTC');
        const split =
          measuredSecondsBetween(office, start, x, 'UTC') +
          measuredSecondsBetween(office, x, y, 'UTC') +
          measuredSecondsBetween(office, y, end, 'UTC');
        expect(split).toBeCloseTo(whole, 6);
      }),
      { numRuns: 50 },
    );
  });
});

describe('longestUncoveredStretchSeconds', () => {
  const from = Date.UTC(2026, 0, 5);
  const to = Date.UTC(2026, 1, 2);

  it('is zero when support covers all measured time', () => {
    const hours = calendar('Europe/Berlin', weekdays('08:00', '18:00'));
    expect(longestUncoveredStretchSeconds(hours, [hours], from, to, 'UTC')).toBe(0);
  });

  it('adds uncovered measured time across a night but not the night itself', () => {
    const service = calendar('Europe/Berlin', weekdays('08:00', '18:00'));
    const desk = calendar('Europe/Berlin', weekdays('10:00', '16:00'));
    // Mon–Thu: 16:00–18:00 then next morning 08:00–10:00 = 4 h; Fri 16:00–18:00 + Mon 08:00–10:00 = 4 h.
    expect(longestUncoveredStretchSeconds(service, [desk], from, to, 'UTC')).toBe(4 * H);
  });

  it('measures a 24×7 service against office-hours support: the weekend is the longest gap', () => {
    const desk = calendar('Europe/Berlin', weekdays('08:00', '18:00'));
    expect(longestUncoveredStretchSeconds('24x7', [desk], from, to, 'UTC')).toBe((6 + 48 + 8) * H);
  });

  it('leaves maintenance excluded from measured time out of a gap without ending it, and says where the gap starts', () => {
    const desk = calendar('Europe/Berlin', weekdays('08:00', '18:00'));
    // Sundays 02:00–06:00 in Berlin (UTC+1 in January) within the span.
    const sundayWindows = [11, 18, 25, 1].map((day): [number, number] => {
      const start = Date.UTC(2026, day === 1 ? 1 : 0, day, 1);
      return [start, start + 4 * H * 1000];
    });
    const stretch = longestUncoveredStretch('24x7', [desk], from, to, 'UTC', sundayWindows);
    expect(stretch.seconds).toBe((6 + 48 + 8 - 4) * H);
    // Friday 9 January, 18:00 in Berlin.
    expect(stretch.startUtcMs).toBe(Date.UTC(2026, 0, 9, 17));
    expect(longestUncoveredStretchSeconds('24x7', [desk], from, to, 'UTC')).toBe((6 + 48 + 8) * H);
  });

  it('combines support desk and on-call calendars', () => {
    const desk = calendar('Europe/Berlin', weekdays('08:00', '18:00'));
    const onCall = calendar(
      'Europe/Berlin',
      allWeek('00:00', '24:00').filter((s) => s.day === 'sat' || s.day === 'sun'),
    );
    expect(longestUncoveredStretchSeconds('24x7', [desk, onCall], from, to, 'UTC')).toBe(14 * H);
  });

  it('compares calendars in different zones', () => {
    const service = calendar('Europe/Berlin', weekdays('08:00', '18:00'));
    const newYorkDesk = calendar('America/New_York', weekdays('08:00', '18:00'));
    // Berlin 08:00–14:00 is New York 02:00–08:00 in January: six uncovered hours a day, which end at 14:00 Berlin.
    expect(longestUncoveredStretchSeconds(service, [newYorkDesk], from, to, 'UTC')).toBe(6 * H);
  });
});
