/**
 * How hard the fuzz suites push. `npm test` runs a quick pass (about 2 000 Yjs frames) that still reaches
 * every kind of hostile input; `npm run fuzz` (which CI runs too) sets ACCORD_FUZZ=full for the long one.
 * Each count can also be set on its own.
 */
const full = process.env.ACCORD_FUZZ === 'full';

function count(name: string, quick: number, long: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : full ? long : quick;
}

/** Whether this is the long run (`npm run fuzz`). */
export const FULL_FUZZ = full;

export const FUZZ = {
  /** Frames sent to the Yjs endpoint. */
  frames: count('ACCORD_FUZZ_FRAMES', 2_000, 10_000),
  /** Bent bodies per HTTP route, and odd requests. */
  requests: count('ACCORD_FUZZ_REQUESTS', 60, 150),
  /** Bent payloads per socket.io event, and unknown events. */
  events: count('ACCORD_FUZZ_EVENTS', 30, 60),
} as const;
