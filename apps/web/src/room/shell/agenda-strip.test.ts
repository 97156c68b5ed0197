import { describe, expect, it } from 'vitest';
import { centreInNextFrame, type Strip } from './agenda-strip.ts';

/**
 * A strip 300 px wide holding 600 px of steps, scrolled to 40 px, whose current step is 100 px wide and
 * starts 350 px from the strip's left edge on screen. Counts every read of its layout.
 */
function strip(options: { current?: boolean; scrollWidth?: number } = {}) {
  const reads: string[] = [];
  const scrolls: ScrollToOptions[] = [];
  const read = <T>(name: string, value: T): T => (reads.push(name), value);
  const current = {
    get offsetWidth() {
      return read('offsetWidth', 100);
    },
    getBoundingClientRect: () => read('current rect', { left: 360 }),
  };
  const list: Strip = {
    get scrollWidth() {
      return read('scrollWidth', options.scrollWidth ?? 600);
    },
    get clientWidth() {
      return read('clientWidth', 300);
    },
    get scrollLeft() {
      return read('scrollLeft', 40);
    },
    querySelector: <E extends Element>(selector: string) =>
      (selector === '[aria-current="page"]' && options.current !== false ? current : null) as E | null,
    getBoundingClientRect: () => read('strip rect', { left: 10 }),
    scrollTo: (to: ScrollToOptions) => void scrolls.push(to),
  };
  return { list, reads, scrolls };
}

/** Frames run by hand: `run()` is the browser's next frame. */
function frames() {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    frame: (callback: () => void) => (pending.set(next, callback), next++),
    cancel: (handle: number) => void pending.delete(handle),
    run: () => {
      const callbacks = [...pending.values()];
      pending.clear();
      for (const callback of callbacks) callback();
    },
  };
}

describe('centreInNextFrame', () => {
  it('reads no layout until the next frame, then centres the current step', () => {
    const { list, reads, scrolls } = strip();
    const clock = frames();
    centreInNextFrame(list, clock.frame, clock.cancel);
    expect(reads).toEqual([]);
    expect(scrolls).toEqual([]);
    clock.run();
    // The step starts 350 + 40 = 390 px into the steps; centred, 100 px of the 300 show on each side.
    expect(scrolls).toEqual([{ left: 290, behavior: 'smooth' }]);
  });

  it('leaves a strip that fits, or has no current step, where it is', () => {
    const clock = frames();
    const fits = strip({ scrollWidth: 300 });
    const none = strip({ current: false });
    centreInNextFrame(fits.list, clock.frame, clock.cancel);
    centreInNextFrame(none.list, clock.frame, clock.cancel);
    clock.run();
    expect(fits.scrolls).toEqual([]);
    expect(none.scrolls).toEqual([]);
  });

  it('measures nothing once cancelled (the step changed again, or the agenda went)', () => {
    const { list, reads, scrolls } = strip();
    const clock = frames();
    const stop = centreInNextFrame(list, clock.frame, clock.cancel);
    stop();
    clock.run();
    expect(reads).toEqual([]);
    expect(scrolls).toEqual([]);
  });
});
