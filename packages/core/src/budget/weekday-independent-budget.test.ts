import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  WEEKDAYS,
  calendarSchema,
  maintenanceWindowSchema,
  type MaintenanceWindow,
  type Weekday,
} from '../model/index.ts';
import { downtimeBudget, measuredSecondsPerPeriod } from './downtime-budget.ts';
import { maintenanceSecondsPerPeriod } from './maintenance.ts';
import { PERIOD_SECONDS } from './periods.ts';

// Regression: a weekly window was spread over the real year 2026 (52 Sundays, 53 Thursdays), so the same
// window cost a different amount on each weekday and never exactly its length a week.

const clock = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const weekday = fc.constantFrom(...WEEKDAYS);
const zone = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata');

function window(
  kind: 'weekly' | 'monthly',
  day: Weekday,
  start: string,
  durationSeconds: number,
  timeZone: string,
  counted: boolean,
): MaintenanceWindow {
  return maintenanceWindowSchema.parse({
    id: 'w',
    name: 'W',
    timeZone,
    counted,
    durationSeconds,
    recurrence: kind === 'weekly' ? { kind, day, start } : { kind, week: 2, day, start },
  });
}

const budgetsOf = (w: MaintenanceWindow) => {
  const excluded = downtimeBudget({ targetPercent: 99.9, measuredSeconds: measuredSecondsPerPeriod('24x7', [w]) });
  const countedWindow = { ...w, counted: true };
  const counted = downtimeBudget({
    targetPercent: 99.9,
    measuredSeconds: PERIOD_SECONDS,
    countedMaintenanceSeconds: maintenanceSecondsPerPeriod(countedWindow, '24x7'),
  });
  return [...excluded, ...counted]
    .filter((b) => b.period !== 'day')
    .map((b) => [b.period, Math.round(b.allowedSeconds * 1000), Math.round(b.remainingSeconds * 1000)]);
};

describe('recurring windows on the mean Gregorian calendar', () => {
  it('a weekly 4 h window removes exactly 4 h a week and 4 h × 365.2425 / 7 a year', () => {
    const sunday = measuredSecondsPerPeriod('24x7', [
      window('weekly', 'sun', '02:00', 4 * 3600, 'Europe/Berlin', false),
    ]);
    const thursday = measuredSecondsPerPeriod('24x7', [
      window('weekly', 'thu', '02:00', 4 * 3600, 'Europe/Berlin', false),
    ]);
    expect(PERIOD_SECONDS.week - sunday.week).toBe(4 * 3600);
    expect(PERIOD_SECONDS.year - sunday.year).toBeCloseTo(4 * 3600 * (365.2425 / 7), 6);
    expect(thursday).toEqual(sunday);
  });

  it('moving a window to any weekday or hour leaves week, month, quarter and year budgets unchanged to the millisecond', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'weekly' | 'monthly'>('weekly', 'monthly'),
        weekday,
        clock,
        weekday,
        clock,
        fc.integer({ min: 60, max: 12 * 3600 }),
        zone,
        (kind, dayA, startA, dayB, startB, duration, timeZone) => {
          expect(budgetsOf(window(kind, dayB, startB, duration, timeZone, false))).toEqual(
            budgetsOf(window(kind, dayA, startA, duration, timeZone, false)),
          );
        },
      ),
    );
  });

  it('service hours keep the part of a window they cover, on any weekday the same way', () => {
    const office = calendarSchema.parse({
      id: 'office',
      name: 'Office',
      timeZone: 'Europe/Berlin',
      slots: WEEKDAYS.map((day) => ({ day, start: '08:00', end: '18:00' })),
    });
    // 17:00–19:00 overlaps one hour of every day's 08:00–18:00; a window from Sunday 23:00 wraps into Monday.
    for (const day of WEEKDAYS) {
      expect(maintenanceSecondsPerPeriod(window('weekly', day, '17:00', 2 * 3600, 'UTC', true), office).week).toBe(
        3600,
      );
    }
    expect(maintenanceSecondsPerPeriod(window('weekly', 'sun', '23:00', 10 * 3600, 'UTC', true), office).week).toBe(
      3600,
    );
    expect(maintenanceSecondsPerPeriod(window('monthly', 'tue', '17:00', 2 * 3600, 'UTC', true), office).month).toBe(
      3600,
    );
  });
});
