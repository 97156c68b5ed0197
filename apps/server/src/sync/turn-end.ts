/** What runs once the event loop has read every socket with data: socket writes first, then the rest. */
export type TurnEndWork = 'writes' | 'after-writes';

const writes: (() => void)[] = [];
const afterWrites: (() => void)[] = [];
let scheduled = false;

/**
 * Runs `work` at the end of this turn of the event loop (`setImmediate`), socket writes before anything
 * else queued there: a group commit that became due in the same turn (building its statement, handing it to
 * the database thread) never holds up the relayed frames waiting for their write.
 */
export function atTurnEnd(kind: TurnEndWork, work: () => void): void {
  (kind === 'writes' ? writes : afterWrites).push(work);
  if (scheduled) return;
  scheduled = true;
  setImmediate(runTurnEnd);
}

function runTurnEnd(): void {
  scheduled = false;
  const due = [...writes.splice(0), ...afterWrites.splice(0)];
  // One failing piece of work must not take the others with it (each had a timer of its own before).
  let failed = false;
  let failure: unknown;
  for (const work of due) {
    try {
      work();
    } catch (error) {
      if (!failed) failure = error;
      failed = true;
    }
  }
  if (failed) throw failure;
}
