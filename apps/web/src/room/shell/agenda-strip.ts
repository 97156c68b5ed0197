/** What of the agenda's list the centring reads and moves (an `<ol>` in the room; a stand-in in tests). */
export interface Strip {
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly scrollLeft: number;
  querySelector<E extends Element = Element>(selectors: string): E | null;
  getBoundingClientRect(): { readonly left: number };
  scrollTo(options: ScrollToOptions): void;
}

/** Scrolls the strip sideways so the step being viewed (`aria-current="page"`) sits in its middle. */
export function centreCurrentStep(strip: Strip): void {
  const current = strip.querySelector<HTMLElement>('[aria-current="page"]');
  if (!current || strip.scrollWidth <= strip.clientWidth + 1) return;
  const offset = current.getBoundingClientRect().left - strip.getBoundingClientRect().left + strip.scrollLeft;
  strip.scrollTo({ left: offset - (strip.clientWidth - current.offsetWidth) / 2, behavior: 'smooth' });
}

/**
 * On a phone the agenda is a strip that scrolls sideways: keeps the step being viewed in sight, measured in
 * the next frame rather than at once. At once, the first measurement ran in the middle of drawing the room
 * and made the browser lay out the whole page there, before the room's first form was even marked drawn
 * (a fifth of the room's first drawing on a slow phone); in the frame, the layout is the one the frame
 * does anyway. Returns what cancels the measurement (the step changed again, or the agenda went).
 */
export function centreInNextFrame(
  strip: Strip,
  frame: (callback: () => void) => number = requestAnimationFrame,
  cancel: (handle: number) => void = cancelAnimationFrame,
): () => void {
  const handle = frame(() => centreCurrentStep(strip));
  return () => cancel(handle);
}
