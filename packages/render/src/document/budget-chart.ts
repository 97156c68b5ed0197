import type { SlaDerivation } from '@accord/core/derive';
import { formatBudget, formatDuration } from '@accord/core/duration';
import { PERIOD_LABEL, PERIOD_ORDER, targetLabel, type Period } from './format/labels.ts';

export interface BudgetBar {
  readonly seconds: number;
  readonly human: string;
  /** Counted maintenance charged against this budget, seconds. */
  readonly maintenanceSeconds: number;
  readonly maintenanceHuman: string;
}

export interface BudgetChartRow {
  readonly name: string;
  /** "99.9 % of service hours". */
  readonly caption: string;
  readonly bars: Readonly<Record<Period, BudgetBar>>;
}

/**
 * Downtime budget per period per function. Each period column has its own scale (a year's budget dwarfs a
 * day's), so bars compare functions within a period; the numbers carry the magnitude.
 */
export interface BudgetChart {
  readonly periods: readonly { readonly period: Period; readonly label: string; readonly maxSeconds: number }[];
  readonly rows: readonly BudgetChartRow[];
}

export function buildBudgetChart(derivation: SlaDerivation): BudgetChart {
  const rows: BudgetChartRow[] = derivation.functions.flatMap((fn) => {
    const target = fn.target;
    if (!target) return [];
    const window = target.window.kind === '24x7' ? '24×7' : 'service hours';
    const bars = Object.fromEntries(
      PERIOD_ORDER.map((period) => {
        const figure = target.budgets[period];
        const bar: BudgetBar = {
          seconds: figure.seconds,
          human: formatBudget(figure.seconds),
          maintenanceSeconds: figure.countedMaintenanceSeconds,
          maintenanceHuman: formatDuration(figure.countedMaintenanceSeconds),
        };
        return [period, bar];
      }),
    ) as Record<Period, BudgetBar>;
    return [{ name: fn.name, caption: `${targetLabel(target)} of ${window}`, bars }];
  });
  return {
    periods: PERIOD_ORDER.map((period) => ({
      period,
      label: `per ${PERIOD_LABEL[period].toLowerCase()}`,
      maxSeconds: Math.max(0, ...rows.map((r) => Math.max(r.bars[period].seconds, r.bars[period].maintenanceSeconds))),
    })),
    rows,
  };
}
