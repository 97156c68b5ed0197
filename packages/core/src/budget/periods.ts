/** The periods a downtime budget is stated for. */
export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

const DAY = 86_400;
/** Mean Gregorian year: 365.2425 days (the convention uptime.is uses). */
const YEAR = 365.2425 * DAY;

/**
 * Length of each period in seconds: year = 365.2425 d = 31 556 952 s, month = year / 12, quarter = year / 4,
 * week = 7 d, day = 24 h. Calculators disagree (30-day months, 365-day years); documents state this one.
 */
export const PERIOD_SECONDS: Readonly<Record<Period, number>> = Object.freeze({
  day: DAY,
  week: 7 * DAY,
  month: YEAR / 12,
  quarter: YEAR / 4,
  year: YEAR,
});

export const BUDGET_CONVENTION =
  'Periods use the mean Gregorian calendar: a year is 365.2425 days (31 556 952 s), a month one twelfth of it ' +
  '(30.436875 days), a quarter one quarter of it, a week 7 days and a day 24 hours. ' +
  'Allowed downtime = (1 − target) × measured time of the period.';

export function periodsRecord(value: (period: Period) => number): Record<Period, number> {
  return {
    day: value('day'),
    week: value('week'),
    month: value('month'),
    quarter: value('quarter'),
    year: value('year'),
  };
}
