import type { BudgetChart } from '../document/budget-chart.ts';
import { PALETTE, fit, r2, type Scene, type SceneItem } from './scene.ts';

const WIDTH = 720;
const NAME_W = 190;
const TOP = 20;
const ROW_H = 36;

/** Downtime budget per period per function: a column per period, each with its own scale, the value under each bar. */
export function budgetChartScene(chart: BudgetChart): Scene {
  const items: SceneItem[] = [];
  const columnW = (WIDTH - NAME_W) / Math.max(1, chart.periods.length);
  const barMax = columnW - 12;
  const bottom = TOP + chart.rows.length * ROW_H;
  chart.periods.forEach((period, index) => {
    const left = NAME_W + index * columnW;
    items.push({
      kind: 'text',
      x: r2(left),
      y: TOP - 7,
      text: period.label,
      size: 9,
      anchor: 'start',
      bold: true,
      fill: PALETTE.ink,
    });
    items.push({
      kind: 'line',
      x1: r2(left - 4),
      y1: TOP - 16,
      x2: r2(left - 4),
      y2: bottom,
      stroke: PALETTE.grid,
      width: 0.6,
    });
  });
  chart.rows.forEach((row, rowIndex) => {
    const top = TOP + rowIndex * ROW_H;
    items.push({ kind: 'line', x1: 0, y1: top, x2: WIDTH, y2: top, stroke: PALETTE.grid, width: 0.4 });
    items.push({
      kind: 'text',
      x: 0,
      y: top + 14,
      text: fit(row.name, 34),
      size: 10,
      anchor: 'start',
      bold: true,
      fill: PALETTE.ink,
    });
    items.push({
      kind: 'text',
      x: 0,
      y: top + 27,
      text: fit(row.caption, 38),
      size: 9,
      anchor: 'start',
      fill: PALETTE.muted,
    });
    chart.periods.forEach((period, index) => {
      const left = NAME_W + index * columnW;
      const bar = row.bars[period.period];
      const scale = (seconds: number): number => (period.maxSeconds > 0 ? (seconds / period.maxSeconds) * barMax : 0);
      items.push({ kind: 'rect', x: r2(left), y: top + 6, w: r2(barMax), h: 10, fill: PALETTE.track });
      items.push({
        kind: 'rect',
        x: r2(left),
        y: top + 6,
        w: r2(Math.max(0.5, scale(bar.seconds))),
        h: 10,
        fill: PALETTE.budget,
      });
      if (bar.maintenanceSeconds > 0) {
        items.push({
          kind: 'rect',
          x: r2(left),
          y: top + 6,
          w: r2(scale(Math.min(bar.maintenanceSeconds, period.maxSeconds))),
          h: 10,
          fill: PALETTE.maintenanceCounted,
        });
      }
      items.push({
        kind: 'text',
        x: r2(left),
        y: top + 28,
        text: bar.human,
        size: 9,
        anchor: 'start',
        fill: PALETTE.ink,
      });
    });
  });
  items.push({ kind: 'line', x1: 0, y1: bottom, x2: WIDTH, y2: bottom, stroke: PALETTE.grid, width: 0.4 });
  const legendY = bottom + 8;
  items.push({ kind: 'rect', x: 0, y: legendY, w: 10, h: 10, fill: PALETTE.budget });
  items.push({
    kind: 'text',
    x: 14,
    y: legendY + 9,
    text: 'Allowed downtime',
    size: 9,
    anchor: 'start',
    fill: PALETTE.ink,
  });
  items.push({ kind: 'rect', x: 130, y: legendY, w: 10, h: 10, fill: PALETTE.maintenanceCounted });
  items.push({
    kind: 'text',
    x: 144,
    y: legendY + 9,
    text: 'Counted maintenance within it',
    size: 9,
    anchor: 'start',
    fill: PALETTE.ink,
  });
  items.push({
    kind: 'text',
    x: WIDTH,
    y: legendY + 9,
    text: 'Each period has its own scale: compare functions within a column.',
    size: 9,
    anchor: 'end',
    fill: PALETTE.muted,
  });
  return { width: WIDTH, height: legendY + 16, title: 'Downtime budget per period for each business function', items };
}
