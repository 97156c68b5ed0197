import { waitFor } from './yjs-client.ts';

/**
 * A fixed wait, for the few places where one is the right tool and a barrier is not: proving that something
 * does NOT happen within a time (no edit stored, no stale message, no early close), or pacing the simulated
 * people of a test as real people type. Every caller says in a comment which of the two it is; anything that
 * waits for something to happen waits on that thing instead (`waitFor`, an event, a promise).
 */
export function fixedWait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits until every writer's ledger has grown by `count` edits from its length when this is called: the
 * barrier for "people kept typing through this step", where a fixed wait would only hope they did.
 */
export function eachWrote(
  writers: readonly { readonly ledger: readonly string[] }[],
  count: number,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const from = writers.map((w) => w.ledger.length);
  return waitFor(
    () => writers.every((w, i) => w.ledger.length >= (from[i] ?? 0) + count),
    timeoutMs,
    `every writer making ${count} edits ${what}`,
  );
}
