import { describe, expect, it } from 'vitest';
import { holdsPage, touchCancel, touchDown, touchHold, touchMove, touchUp } from './grid-gesture.ts';

const origin = { x: 100, y: 400 };
const thu7 = { day: 3, hour: 7 };

describe('a finger on the week grid', () => {
  it('paints nothing while it lands and rests, and holds the page only once it paints', () => {
    const stroke = touchDown(origin, thu7);
    expect(stroke.phase).toBe('pending');
    expect(holdsPage(stroke)).toBe(false);
    const jitter = touchMove(stroke, { x: 104, y: 394 }, thu7);
    expect(jitter.paint).toEqual([]);
    expect(jitter.stroke?.phase).toBe('pending');
  });

  it('takes a vertical swipe for a scroll: nothing painted on the way, nothing to undo on the cancel', () => {
    let step = touchMove(touchDown(origin, thu7), { x: 103, y: 380 }, { day: 3, hour: 6 });
    expect(step.stroke?.phase).toBe('scrolling');
    expect(step.paint).toEqual([]);
    if (!step.stroke) throw new Error('stroke ended');
    step = touchMove(step.stroke, { x: 103, y: 200 }, { day: 3, hour: 0 });
    expect(step.paint).toEqual([]);
    if (!step.stroke) throw new Error('stroke ended');
    expect(touchCancel(step.stroke)).toEqual({ stroke: null, paint: [], undo: false });
    // A swipe the browser did not take (the page at its end) still paints nothing when the finger lifts.
    expect(touchUp(step.stroke).paint).toEqual([]);
  });

  it('paints along a row from the first cell once a drag goes sideways', () => {
    const step = touchMove(touchDown(origin, thu7), { x: 160, y: 404 }, { day: 5, hour: 7 });
    expect(step.stroke?.phase).toBe('painting');
    expect(step.paint).toEqual([thu7, { day: 4, hour: 7 }, { day: 5, hour: 7 }]);
    if (!step.stroke) throw new Error('stroke ended');
    expect(holdsPage(step.stroke)).toBe(true);
    const on = touchMove(step.stroke, { x: 200, y: 404 }, { day: 6, hour: 7 });
    expect(on.paint).toEqual([
      { day: 5, hour: 7 },
      { day: 6, hour: 7 },
    ]);
    expect(touchUp(step.stroke)).toEqual({ stroke: null, paint: [], undo: false });
  });

  it('paints the held cell, then any direction, and undoes it all if the browser cancels', () => {
    const held = touchHold(touchDown(origin, thu7));
    expect(held.paint).toEqual([thu7]);
    if (!held.stroke) throw new Error('stroke ended');
    const down = touchMove(held.stroke, { x: 101, y: 480 }, { day: 3, hour: 10 });
    expect(down.paint).toEqual([thu7, { day: 3, hour: 8 }, { day: 3, hour: 9 }, { day: 3, hour: 10 }]);
    if (!down.stroke) throw new Error('stroke ended');
    expect(touchCancel(down.stroke).undo).toBe(true);
  });

  it('does not start painting on a hold after the finger already moved away', () => {
    const moved = touchMove(touchDown(origin, thu7), { x: 100, y: 300 }, { day: 3, hour: 3 });
    if (!moved.stroke) throw new Error('stroke ended');
    expect(touchHold(moved.stroke).paint).toEqual([]);
  });

  it('toggles the one cell of a tap', () => {
    expect(touchUp(touchDown(origin, thu7))).toEqual({ stroke: null, paint: [thu7], undo: false });
  });
});
