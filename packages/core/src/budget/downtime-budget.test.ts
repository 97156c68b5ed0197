import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarSchema, maintenanceWindowSchema } from '../model/index.ts';
import { downtimeBudget, measuredSecondsPerPeriod, targetForDowntime } from './downtime-budget.ts';
import { maintenanceSecondsPerPeriod } from './maintenance.ts';
import { PERIOD_SECONDS } from './periods.ts';

const budgetOf = (targetPercent: number, measured = PERIOD_SECONDS) =>
  Object.fromEntries(downtimeBudget({ targetPercent, measuredSeconds: measured }).map((b) => [b.period, b]));

const officeHours = calendarSchema.parse({
  id: 'office',
  name: 'Office hours',
  timeZone: 'Europe/Berlin',
  slots: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, start: '08:00', end: '18:00' })),
});

describe('downtimeBudget over 24×7 (mean Gregorian periods, as uptime.is)', () => {
  it('gives 99.9 % the figures of uptime.is', () => {
    const budget = budgetOf(99.9);
    expect(budget.year?.allowedSeconds).toBeCloseTo(31_556.952, 6);
    expect(budget.year?.allowedHuman).toBe('8h 45m 57s');
    expect(budget.month?.allowedSeconds).toBeCloseTo(2_629.746, 6);
    expect(budget.month?.allowedHuman).toBe('43m 50s');
    expect(budget.quarter?.allowedSeconds).toBeCloseTo(7_889.238, 6);
    expect(budget.quarter?.allowedHuman).toBe('2h 11m 29s');
    expect(budget.week?.allowedSeconds).toBeCloseTo(604.8, 6);
    expect(budget.day?.allowedSeconds).toBeCloseTo(86.4, 6);
  });

  it('gives 99 % 7h 18m 17s a month and 3d 15h 39m 30s a year', () => {
    const budget = budgetOf(99);
    expect(budget.month?.allowedHuman).toBe('7h 18m 17s');
    expect(budget.year?.allowedHuman).toBe('3d 15h 39m 30s');
  });

  it('never grows when the target rises', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 99.999, noNaN: true }),
        fc.double({ min: 1, max: 99.999, noNaN: true }),
        (a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const lowBudget = downtimeBudget({ targetPercent: low, measuredSeconds: PERIOD_SECONDS });
          const highBudget = downtimeBudget({ targetPercent: high, measuredSeconds: PERIOD_SECONDS });
          lowBudget.forEach((entry, index) => {
            expect(highBudget[index]?.allowedSeconds ?? Infinity).toBeLessThanOrEqual(entry.allowedSeconds);
          });
        },
      ),
    );
  });
});

describe('measuredSecondsPerPeriod', () => {
  it('measures 50 h a week for Mon–Fri 08:00–18:00, so 99.5 % allows 900 s a week', () => {
    const measured = measuredSecondsPerPeriod(officeHours, []);
    expect(measured.week).toBe(50 * 3600);
    expect(budgetOf(99.5, measured).week?.allowedSeconds).toBeCloseTo(900, 9);
  });

  it('takes holidays out, prorated over the year', () => {
    const withHolidays = calendarSchema.parse({
      ...officeHours,
      holidays: [
        { date: '2026-12-24', name: 'Christmas Eve' },
        { date: '2026-12-25', name: 'Christmas' },
        { date: '2026-12-27', name: 'a Sunday' },
      ],
    });
    const measured = measuredSecondsPerPeriod(withHolidays, []);
    const plain = measuredSecondsPerPeriod(officeHours, []);
    // Thursday and Friday lose 10 h each; the Sunday has no service hours to lose.
    expect(plain.year - measured.year).toBeCloseTo(20 * 3600, 6);
  });

  it('subtracts excluded maintenance inside measured time only', () => {
    const sundayNight = maintenanceWindowSchema.parse({
      id: 'sunday',
      name: 'Sunday patching',
      timeZone: 'Europe/Berlin',
      counted: false,
      recurrence: { kind: 'weekly', day: 'sun', start: '02:00' },
      durationSeconds: '4h',
    });
    const allDay = measuredSecondsPerPeriod('24x7', [sundayNight]);
    expect(PERIOD_SECONDS.week - allDay.week).toBe(4 * 3600);
    const office = measuredSecondsPerPeriod(officeHours, [sundayNight]);
    expect(office.week).toBe(50 * 3600);
  });
});

describe('maintenance: excluded versus counted', () => {
  const window = (counted: boolean) =>
    maintenanceWindowSchema.parse({
      id: 'patch',
      name: 'Patch night',
      timeZone: 'UTC',
      counted,
      recurrence: { kind: 'monthly', week: 2, day: 'tue', start: '22:00' },
      durationSeconds: '2h',
    });

  it('an excluded window lowers measured time and so the budget', () => {
    const measured = measuredSecondsPerPeriod('24x7', [window(false)]);
    // Twelve occurrences a year, whatever the year's length: exactly 24 h out of the mean year.
    expect(measured.year).toBeCloseTo(PERIOD_SECONDS.year - 12 * 2 * 3600, 6);
    const excludedBudget = budgetOf(99.9, measured);
    expect(excludedBudget.year?.allowedSeconds).toBeLessThan(31_556.952);
    expect(excludedBudget.year?.remainingSeconds).toBe(excludedBudget.year?.allowedSeconds);
  });

  it('a counted window is charged: remaining = allowed − maintenance, and may go negative', () => {
    const counted = maintenanceSecondsPerPeriod(window(true), '24x7');
    const budget = downtimeBudget({
      targetPercent: 99.9,
      measuredSeconds: PERIOD_SECONDS,
      countedMaintenanceSeconds: counted,
    });
    const month = budget.find((b) => b.period === 'month');
    // A 2 h monthly window costs exactly 2 h a month (not 2 h 5 s from spreading a 365-day year's twelve).
    expect(month?.countedMaintenanceSeconds).toBeCloseTo(2 * 3600, 6);
    expect(month?.remainingSeconds).toBeLessThan(0);
    expect(month?.allowedSeconds).toBeCloseTo(2_629.746, 6);
  });
});

describe('targetForDowntime (reverse calculation)', () => {
  it('turns 43m 50s a month back into 99.9 %', () => {
    expect(targetForDowntime(2_629.746, PERIOD_SECONDS.month)).toBeCloseTo(99.9, 9);
  });

  it('turns one hour a month into about 99.863 %', () => {
    expect(targetForDowntime(3600, PERIOD_SECONDS.month)).toBeCloseTo(99.8631, 4);
  });

  it('works on service hours: 900 s of a 50-hour week is 99.5 %', () => {
    expect(targetForDowntime(900, 50 * 3600)).toBeCloseTo(99.5, 9);
  });

  it('clamps impossible requests', () => {
    expect(targetForDowntime(PERIOD_SECONDS.day * 2, PERIOD_SECONDS.day)).toBe(0);
    expect(targetForDowntime(10, 0)).toBe(0);
  });
});
