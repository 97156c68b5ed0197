import type { MinuteRange } from '../document/minute-ranges.ts';
import type { WeekGrid } from '../document/week-grid.ts';
import { PALETTE, fit, r2, type Scene, type SceneItem } from './scene.ts';

const WIDTH = 720;
const LABEL_W = 40;
const PLOT_W = WIDTH - LABEL_W - 6;
const TOP = 22;
const LANE_H = 7;
const ROW_H = 3 * LANE_H + 2 + 7;

/**
 * The 7×24 week: per day three lanes — service hours; support (staffed, on call, or a red gap in measured
 * time); maintenance (excluded grey, counted orange) — so an uncovered stretch stands out at a glance.
 */
export function weekGridScene(grid: WeekGrid): Scene {
  const items: SceneItem[] = [];
  const x = (minute: number): number => r2(LABEL_W + (minute / 1440) * PLOT_W);
  for (let hour = 0; hour <= 24; hour += 3) {
    const anchor = hour === 24 ? 'end' : 'middle';
    items.push({
      kind: 'text',
      x: x(hour * 60),
      y: TOP - 8,
      text: `${String(hour).padStart(2, '0')}:00`,
      size: 8,
      anchor,
      fill: PALETTE.muted,
    });
    items.push({
      kind: 'line',
      x1: x(hour * 60),
      y1: TOP - 5,
      x2: x(hour * 60),
      y2: TOP - 1,
      stroke: PALETTE.gridStrong,
      width: 0.8,
    });
  }
  grid.days.forEach((day, index) => {
    const top = TOP + index * ROW_H;
    items.push({
      kind: 'text',
      x: 0,
      y: top + 14,
      text: day.label,
      size: 10,
      anchor: 'start',
      bold: true,
      fill: PALETTE.ink,
    });
    const lane = (lineIndex: number, ranges: readonly MinuteRange[], fill: string): void => {
      for (const [start, end] of ranges) {
        items.push({
          kind: 'rect',
          x: x(start),
          y: r2(top + lineIndex * (LANE_H + 1)),
          w: r2(x(end) - x(start)),
          h: LANE_H,
          fill,
        });
      }
    };
    items.push({ kind: 'rect', x: x(0), y: top, w: PLOT_W, h: 3 * LANE_H + 2, fill: PALETTE.track });
    lane(0, day.service, PALETTE.service);
    lane(1, day.staffed, PALETTE.staffed);
    lane(1, day.onCall, PALETTE.onCall);
    lane(1, day.gaps, PALETTE.gap);
    lane(2, day.maintenanceExcluded, PALETTE.maintenanceExcluded);
    lane(2, day.maintenanceCounted, PALETTE.maintenanceCounted);
    // White hour lines over the lanes turn each day into 24 cells; every sixth hour is drawn wider.
    for (let hour = 1; hour < 24; hour += 1) {
      items.push({
        kind: 'line',
        x1: x(hour * 60),
        y1: top,
        x2: x(hour * 60),
        y2: top + 3 * LANE_H + 2,
        stroke: '#ffffff',
        width: hour % 6 === 0 ? 1.6 : 0.7,
      });
    }
  });
  const bottom = TOP + grid.days.length * ROW_H;
  const legend: readonly [string, string][] = [
    [PALETTE.service, `Lane 1: ${grid.serviceLabel}`],
    [PALETTE.staffed, `Lane 2: ${grid.staffedLabel}`],
    [PALETTE.onCall, `Lane 2: ${grid.onCallLabel}`],
    [PALETTE.gap, 'Lane 2: measured, nobody on duty'],
    [PALETTE.maintenanceExcluded, 'Lane 3: maintenance, excluded'],
    [PALETTE.maintenanceCounted, 'Lane 3: maintenance, counted'],
  ];
  legend.forEach(([fill, label], index) => {
    const lx = (index % 3) * 240;
    const ly = bottom + 6 + Math.floor(index / 3) * 16;
    items.push({ kind: 'rect', x: lx, y: ly, w: 10, h: 10, fill });
    items.push({
      kind: 'text',
      x: lx + 14,
      y: ly + 9,
      text: fit(label, 40),
      size: 9,
      anchor: 'start',
      fill: PALETTE.ink,
    });
  });
  let y = bottom + 6 + 2 * 16 + 8;
  for (const note of grid.notes) {
    items.push({ kind: 'text', x: 0, y, text: fit(note, 120), size: 9, anchor: 'start', fill: PALETTE.muted });
    y += 13;
  }
  return {
    width: WIDTH,
    height: y,
    title: `Week grid in ${grid.zone}: service hours, support, on-call and maintenance`,
    items,
  };
}
