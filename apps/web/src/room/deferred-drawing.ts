import { createContext } from 'svelte';
import { markLoad } from '../lib/load-marks.ts';

/**
 * Draws a phase's off-screen sections after its first screen, one section per task: on a slow phone drawing
 * a whole phase (the Scope phase has some two hundred fields) blocks the main thread for a second, while what
 * shows first is one card. Between the sections the browser paints and handles the sockets, so the room
 * says "saved" without waiting for forms nobody sees yet. A section scrolled to, or a field jumped to, is
 * drawn at once (`Deferred.svelte` watches the viewport; `drawAll` is for jumps).
 */
export class DeferredDrawing {
  readonly #pending: (() => void)[] = [];
  #scheduled = false;

  /** Queues a section's drawing; the returned function takes it out again (drawn or unmounted meanwhile). */
  add(draw: () => void): () => void {
    this.#pending.push(draw);
    this.#schedule();
    return () => {
      const index = this.#pending.indexOf(draw);
      if (index !== -1) this.#pending.splice(index, 1);
    };
  }

  /** Draws every queued section now (in the same task), so a field anywhere in the phase exists. */
  drawAll(): void {
    for (const draw of this.#pending.splice(0)) draw();
    markLoad('phase-complete');
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // After the next frame is painted, then one section per task, in the order they appear.
    requestAnimationFrame(() => setTimeout(() => this.#step()));
  }

  #step(): void {
    this.#scheduled = false;
    const draw = this.#pending.shift();
    draw?.();
    if (this.#pending.length > 0) this.#schedule();
    else markLoad('phase-complete');
  }
}

export const [getDeferredDrawing, setDeferredDrawing] = createContext<DeferredDrawing>();
