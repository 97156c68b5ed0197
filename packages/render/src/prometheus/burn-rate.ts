import type { Commitment } from '../operational/measured-time.ts';
import { MEAN_PERIOD_SECONDS } from '../document/measurement.ts';
import type { SlaDerivation } from '@accord/core/derive';

/** The error-ratio windows recorded for every commitment (the SRE workbook's alert windows and their short pairs). */
export const RATIO_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
export type RatioWindow = (typeof RATIO_WINDOWS)[number];

const WINDOW_SECONDS: Readonly<Record<RatioWindow, number>> = {
  '5m': 300,
  '30m': 1800,
  '1h': 3600,
  '2h': 7200,
  '6h': 21_600,
  '1d': 86_400,
  '3d': 259_200,
};

/** One multi-window condition: alert when both windows burn faster than `burn` times the budget rate. */
export interface BurnCondition {
  readonly severity: 'page' | 'ticket';
  /** Share of the period's error budget spent within the long window that triggers the alert. */
  readonly budgetShare: number;
  readonly long: RatioWindow;
  readonly short: RatioWindow;
  readonly burn: number;
}

/**
 * The SRE workbook's multi-window, multi-burn-rate alerts (ch. 5, table 5-8): page when 2 % of the budget goes in
 * 1 h (checked against 5 m too) or 5 % in 6 h (against 30 m); ticket when 10 % goes in 3 d (against 6 h).
 * The workbook's burn rates 14.4, 6 and 1 assume a 30-day budget over every minute. Here the budget is the
 * SLA's: its reporting period and its measured time. The ratios are of measured time only, and a page fires only
 * in measured time, so a page window is measured throughout: burn = share × measured time of the period ÷ window.
 * A 3-day ticket window also spans unmeasured hours; it is taken to hold the period's average share of measured
 * time, so its burn is share × the period's length ÷ window.
 */
export function burnConditions(commitment: Commitment, period: SlaDerivation['reportingPeriod']): BurnCondition[] {
  const measured = commitment.periodMeasuredSeconds;
  const wall = MEAN_PERIOD_SECONDS[period];
  const round = (value: number): number => Number(value.toFixed(4));
  return [
    {
      severity: 'page',
      budgetShare: 0.02,
      long: '1h',
      short: '5m',
      burn: round((0.02 * measured) / WINDOW_SECONDS['1h']),
    },
    {
      severity: 'page',
      budgetShare: 0.05,
      long: '6h',
      short: '30m',
      burn: round((0.05 * measured) / WINDOW_SECONDS['6h']),
    },
    { severity: 'ticket', budgetShare: 0.1, long: '3d', short: '6h', burn: round((0.1 * wall) / WINDOW_SECONDS['3d']) },
  ];
}
