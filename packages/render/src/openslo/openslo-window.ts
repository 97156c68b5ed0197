import type { SlaDerivation } from '@accord/core/derive';

type ReportingPeriod = SlaDerivation['reportingPeriod'];

/**
 * OpenSLO duration shorthand of the reporting period. Case matters: `1M` is a month, `1m` a minute.
 * Only week, month and quarter are reporting periods; day and year map for completeness.
 */
export const PERIOD_DURATION: Readonly<Record<ReportingPeriod, string>> = {
  day: '1d',
  week: '1w',
  month: '1M',
  quarter: '1Q',
  year: '1Y',
};

/**
 * The start of a calendar-aligned window containing `anchorDate` ("YYYY-MM-DD"), as OpenSLO's
 * "YYYY-MM-DD HH:MM:SS" local time: the Monday of its week, the first of its month or of its quarter.
 */
export function calendarStart(period: ReportingPeriod, anchorDate: string): string {
  const [year, month, day] = anchorDate.split('-').map(Number) as [number, number, number];
  let start: Date;
  switch (period) {
    case 'day':
      start = new Date(Date.UTC(year, month - 1, day));
      break;
    case 'week': {
      const date = new Date(Date.UTC(year, month - 1, day));
      start = new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000);
      break;
    }
    case 'month':
      start = new Date(Date.UTC(year, month - 1, 1));
      break;
    case 'quarter':
      start = new Date(Date.UTC(year, Math.floor((month - 1) / 3) * 3, 1));
      break;
    case 'year':
      start = new Date(Date.UTC(year, 0, 1));
      break;
    default: {
      const unknown: never = period;
      return unknown;
    }
  }
  return `${start.toISOString().slice(0, 10)} 00:00:00`;
}
