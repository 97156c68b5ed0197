import type { Calendar, MaintenanceWindow } from '../model/index.ts';
import { formatDuration } from '../units/duration.ts';
import { maintenanceSecondsPerPeriod } from './maintenance.ts';
import { PERIOD_SECONDS, PERIODS, periodsRecord, type Period } from './periods.ts';
import { daySeconds, weeklySeconds, type Measured } from './service-calendar.ts';
import { WEEKDAYS } from '../model/common.schema.ts';

export interface PeriodBudget {
  readonly period: Period;
  /** Seconds of the period that count towards availability (after excluded maintenance). */
  readonly measuredSeconds: number;
  /** (1 − target) × measured seconds, unrounded. */
  readonly allowedSeconds: number;
  /** `allowedSeconds` in human form, e.g. `43m 50s`. */
  readonly allowedHuman: string;
  /** Counted maintenance charged against the budget in this period. */
  readonly countedMaintenanceSeconds: number;
  /** What is left for unplanned downtime; negative when counted maintenance alone overspends. */
  readonly remainingSeconds: number;
}

/** Holiday seconds per year a calendar loses: each listed holiday removes its weekday's hours, averaged over the years listed. */
function holidaySecondsPerYear(calendar: Calendar): number {
  if (calendar.holidays.length === 0) return 0;
  const years = new Set(calendar.holidays.map((h) => h.date.slice(0, 4)));
  const dates = new Set(calendar.holidays.map((h) => h.date));
  let seconds = 0;
  for (const date of dates) {
    const weekday = WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];
    if (weekday) seconds += daySeconds(calendar, weekday);
  }
  return seconds / years.size;
}

/**
 * Measured seconds per period. 24×7 is the whole period; a service-hours calendar gives its typical week
 * scaled to the period, less its holidays prorated over the year. Excluded maintenance inside measured time
 * is subtracted, spread over the mean calendar like the service hours (`maintenanceSecondsPerPeriod`), so no
 * budget depends on the weekday a window falls on. Exact dates (with clock changes) come from
 * `measuredSecondsBetween`.
 */
export function measuredSecondsPerPeriod(
  window: Measured,
  excludedMaintenance: readonly MaintenanceWindow[],
): Record<Period, number> {
  const base =
    window === '24x7'
      ? { ...PERIOD_SECONDS }
      : periodsRecord((period) => {
          const fromWeeks = weeklySeconds(window) * (PERIOD_SECONDS[period] / PERIOD_SECONDS.week);
          const holidays = holidaySecondsPerYear(window) * (PERIOD_SECONDS[period] / PERIOD_SECONDS.year);
          return Math.max(0, fromWeeks - holidays);
        });
  const excluded = excludedMaintenance.map((m) => maintenanceSecondsPerPeriod(m, window));
  return periodsRecord((period) => Math.max(0, base[period] - excluded.reduce((sum, e) => sum + e[period], 0)));
}

export interface BudgetInput {
  readonly targetPercent: number;
  readonly measuredSeconds: Readonly<Record<Period, number>>;
  readonly countedMaintenanceSeconds?: Readonly<Record<Period, number>>;
}

/** The downtime budget of each period: allowed = (1 − target) × measured, less counted maintenance. */
export function downtimeBudget(input: BudgetInput): readonly PeriodBudget[] {
  const unavailability = 1 - input.targetPercent / 100;
  return PERIODS.map((period) => {
    const measuredSeconds = input.measuredSeconds[period];
    const allowedSeconds = unavailability * measuredSeconds;
    const countedMaintenanceSeconds = input.countedMaintenanceSeconds?.[period] ?? 0;
    return {
      period,
      measuredSeconds,
      allowedSeconds,
      allowedHuman: formatDuration(allowedSeconds),
      countedMaintenanceSeconds,
      remainingSeconds: allowedSeconds - countedMaintenanceSeconds,
    };
  });
}

/**
 * The reverse calculation: the target a tolerated downtime per period implies.
 * @example targetForDowntime(3600, PERIOD_SECONDS.month) // ≈ 99.863 (one hour a month)
 */
export function targetForDowntime(downtimeSeconds: number, measuredSeconds: number): number {
  if (measuredSeconds <= 0) return 0;
  const target = (1 - downtimeSeconds / measuredSeconds) * 100;
  return Math.min(100, Math.max(0, target));
}
