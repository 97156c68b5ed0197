import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeferredDrawing } from './deferred-drawing.ts';

describe('DeferredDrawing', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // Node has no frames: a frame is the next timer here.
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('draws nothing in the task that queued it, then one section per task, in order', () => {
    const drawing = new DeferredDrawing();
    const drawn: string[] = [];
    for (const name of ['functions', 'components', 'groups']) drawing.add(() => drawn.push(name));
    expect(drawn).toEqual([]);
    vi.advanceTimersToNextTimer(); // the frame
    vi.advanceTimersToNextTimer(); // the first task after it
    expect(drawn).toEqual(['functions']);
    vi.runAllTimers();
    expect(drawn).toEqual(['functions', 'components', 'groups']);
  });

  it('draws everything at once for a jump to a field, and skips what was taken out', () => {
    const drawing = new DeferredDrawing();
    const drawn: string[] = [];
    drawing.add(() => drawn.push('functions'));
    const remove = drawing.add(() => drawn.push('unmounted'));
    drawing.add(() => drawn.push('groups'));
    remove();
    drawing.drawAll();
    expect(drawn).toEqual(['functions', 'groups']);
    vi.runAllTimers();
    expect(drawn).toEqual(['functions', 'groups']);
  });
});
