/**
 * A chart as plain shapes in its own coordinate space (y grows downwards, text positioned at its baseline).
 * One builder per chart, one painter per format: the SVG of the HTML document and the vector drawing of the
 * PDF show the same picture. Text items may hold participant text; painters escape or fold it.
 */
export interface Scene {
  readonly width: number;
  readonly height: number;
  /** What the chart shows, for screen readers and as the PDF's alternative. */
  readonly title: string;
  readonly items: readonly SceneItem[];
}

export type SceneItem =
  | {
      readonly kind: 'rect';
      readonly x: number;
      readonly y: number;
      readonly w: number;
      readonly h: number;
      readonly fill: string;
      readonly stroke?: string;
    }
  | {
      readonly kind: 'line';
      readonly x1: number;
      readonly y1: number;
      readonly x2: number;
      readonly y2: number;
      readonly stroke: string;
      readonly width: number;
    }
  | {
      readonly kind: 'text';
      readonly x: number;
      readonly y: number;
      readonly text: string;
      readonly size: number;
      readonly anchor: 'start' | 'middle' | 'end';
      readonly bold?: boolean;
      readonly fill: string;
    };

/** Colours shared by both charts and the legends that explain them. */
export const PALETTE = Object.freeze({
  ink: '#1f2933',
  muted: '#52606d',
  grid: '#d9dee3',
  gridStrong: '#aab4bf',
  track: '#eef2f6',
  service: '#2f5d8a',
  staffed: '#2e8b57',
  onCall: '#9fd3b0',
  gap: '#d64541',
  maintenanceExcluded: '#9aa3ad',
  maintenanceCounted: '#e69f00',
  budget: '#2f5d8a',
});

/** Text cut to `max` characters with an ellipsis: charts have fixed room and cannot measure fonts. */
export function fit(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/** Rounds coordinates to 0.01 so output bytes do not depend on floating-point noise. */
export function r2(value: number): number {
  return Math.round(value * 100) / 100;
}
