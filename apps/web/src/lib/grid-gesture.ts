import { cellsBetween, type Cell } from './week-grid.ts';

/**
 * What a finger on the week grid means. On a phone the grid fills most of the screen, so a finger that lands
 * on it is first taken to be scrolling the page: nothing is painted until the gesture is certain. A tap
 * toggles one hour, a sideways drag paints along a row, a press held still for `HOLD_MS` then dragged paints
 * in any direction. A vertical swipe is left to the browser, which scrolls and cancels the stroke.
 */

/** How long a finger must rest on a cell before a drag paints instead of scrolling. */
export const HOLD_MS = 350;
/** How far a finger may wander (CSS px) and still count as resting or tapping. */
export const SLOP_PX = 10;

export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * `pending`: landed, nothing painted yet. `scrolling`: the page is moving, the stroke will paint nothing.
 * `painting`: certain; every cell the finger crosses is painted.
 */
export type TouchPhase = 'pending' | 'scrolling' | 'painting';

export interface TouchStroke {
  readonly phase: TouchPhase;
  /** Where the finger landed, to tell a rest and a tap from a swipe. */
  readonly origin: Point;
  /** The cell the finger landed on. */
  readonly first: Cell;
  /** The last cell the stroke painted up to. */
  readonly last: Cell;
  /** Whether the stroke has painted anything a cancel must take back. */
  readonly painted: boolean;
}

/** What the grid does after one step of a touch gesture. */
export interface TouchStep {
  /** The stroke from here on, or null once the finger is gone. */
  readonly stroke: TouchStroke | null;
  /** Cells to paint now, with the value the stroke paints. */
  readonly paint: readonly Cell[];
  /** Whether what the stroke painted must be taken back (the browser took the gesture). */
  readonly undo: boolean;
}

const step = (stroke: TouchStroke | null, paint: readonly Cell[] = [], undo = false): TouchStep => ({
  stroke,
  paint,
  undo,
});

const same = (a: Cell, b: Cell) => a.day === b.day && a.hour === b.hour;

/** A finger lands on a cell: nothing is painted until the gesture is clear. */
export function touchDown(origin: Point, cell: Cell): TouchStroke {
  return { phase: 'pending', origin, first: cell, last: cell, painted: false };
}

/**
 * The finger moved to `point`, over `cell` (null off the cells). Past the slop, a mostly sideways move paints
 * from the first cell; a mostly vertical one is a scroll, whose stroke paints nothing from then on.
 */
export function touchMove(stroke: TouchStroke, point: Point, cell: Cell | null, slop = SLOP_PX): TouchStep {
  if (stroke.phase === 'scrolling') return step(stroke);
  if (stroke.phase === 'pending') {
    const dx = Math.abs(point.x - stroke.origin.x);
    const dy = Math.abs(point.y - stroke.origin.y);
    if (Math.max(dx, dy) <= slop) return step(stroke);
    if (dy >= dx) return step({ ...stroke, phase: 'scrolling' });
    const to = cell ?? stroke.first;
    return step({ ...stroke, phase: 'painting', last: to, painted: true }, cellsBetween(stroke.first, to));
  }
  if (!cell || same(cell, stroke.last)) return step(stroke);
  return step({ ...stroke, last: cell, painted: true }, cellsBetween(stroke.last, cell));
}

/** The finger has rested `HOLD_MS` without moving: the first cell is painted and a drag paints on. */
export function touchHold(stroke: TouchStroke): TouchStep {
  if (stroke.phase !== 'pending') return step(stroke);
  return step({ ...stroke, phase: 'painting', painted: true }, [stroke.first]);
}

/** The finger lifts: a finger that never moved nor rested long was a tap, which toggles its cell. */
export function touchUp(stroke: TouchStroke): TouchStep {
  return step(null, stroke.phase === 'pending' ? [stroke.first] : []);
}

/** The browser took the gesture (a scroll, a system gesture): whatever the stroke painted is taken back. */
export function touchCancel(stroke: TouchStroke): TouchStep {
  return step(null, [], stroke.painted);
}

/** Whether the page must be kept from scrolling under a stroke that is painting. */
export function holdsPage(stroke: TouchStroke | null): boolean {
  return stroke?.phase === 'painting';
}
