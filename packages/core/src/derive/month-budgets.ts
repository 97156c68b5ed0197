import { intervalsBetween, type Measured } from '../budget/service-calendar.ts';
import { intersect, normalise, subtract, totalMs, type Interval } from '../budget/intervals.ts';
import { maintenanceIntervals } from '../budget/maintenance.ts';
import { localToUtc } from '../budget/zoned-time.ts';
import type { MaintenanceWindow } from '../model/index.ts';

/** The budget of one real calendar month, as opposed to the mean month (a twelfth of 365.2425 days). */
export interface RealMonthBudget {
  /** "2027-02". */
  readonly month: string;
  readonly measuredSeconds: number;
  readonly allowedSeconds: number;
  readonly countedMaintenanceSeconds: number;
}

/**
 * The real month with the smallest budget in the twelve months from `validFrom`: a commitment "in every month"
 * has to hold in February, with its 28 days, holidays and maintenance, not only in the mean month. Months
 * start at local midnight in the workshop's zone; excluded maintenance leaves measured time, counted
 * maintenance is charged against the budget.
 */
export function shortestRealMonth(
  measured: Measured,
  maintenance: readonly MaintenanceWindow[],
  targetPercent: number,
  validFrom: string,
  zone: string,
): RealMonthBudget | undefined {
  const year = Number(validFrom.slice(0, 4));
  const firstMonth = Number(validFrom.slice(5, 7)) - 1;
  let shortest: RealMonthBudget | undefined;
  for (let i = 0; i < 12; i += 1) {
    const startWall = Date.UTC(year, firstMonth + i, 1);
    const start = localToUtc(zone, startWall);
    const end = localToUtc(zone, Date.UTC(year, firstMonth + i + 1, 1));
    const window: Interval[] = measured === '24x7' ? [[start, end]] : [...intervalsBetween(measured, start, end, zone)];
    const excluded = normalise(
      maintenance.filter((m) => !m.counted).flatMap((m) => maintenanceIntervals(m, start, end, zone)),
    );
    const counted = normalise(
      maintenance.filter((m) => m.counted).flatMap((m) => maintenanceIntervals(m, start, end, zone)),
    );
    const inside = subtract(normalise(window), excluded);
    const measuredSeconds = totalMs(inside) / 1000;
    const budget: RealMonthBudget = {
      month: new Date(startWall).toISOString().slice(0, 7),
      measuredSeconds,
      allowedSeconds: (1 - targetPercent / 100) * measuredSeconds,
      countedMaintenanceSeconds: totalMs(intersect(inside, counted)) / 1000,
    };
    if (!shortest || budget.allowedSeconds < shortest.allowedSeconds) shortest = budget;
  }
  return shortest;
}
