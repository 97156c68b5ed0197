import * as Y from 'yjs';
import type { StoredState } from './update-store.ts';
import { UpdateShapeGuard } from './update-shape.ts';

/** A stored update (or the snapshot) that loading or compaction set aside, and why. */
export interface SetAside {
  readonly kind: 'update' | 'snapshot';
  /** The update's sequence number, or the snapshot's last one. */
  readonly seq: number;
  readonly update: Uint8Array;
  readonly reason: string;
}

/** Origin of the updates applied while replaying (the room does not relay them). */
export const REPLAYED = Symbol('replayed');

/**
 * A workshop's document from its stored snapshot and tail, with every update checked on the way: one that
 * breaks the document's shape (a map nested thousands deep, a type where a value belongs) or that Yjs cannot
 * apply is set aside and the rest is served, so no single update can make a workshop unloadable. The
 * snapshot is applied as it is (it was written by a compaction of checked updates) unless Yjs cannot read it.
 *
 * Updates are applied one at a time, not merged: an update that throws half-way through may leave the
 * document inconsistent, so the replay then starts over on a fresh document without it.
 */
export function replayStored(stored: Pick<StoredState, 'snapshot' | 'tail'>): {
  readonly doc: Y.Doc;
  readonly setAside: SetAside[];
} {
  const setAside: SetAside[] = [];
  const skipped = new Set<number>();
  let skipSnapshot = false;
  for (;;) {
    const doc = new Y.Doc();
    const failure = replayOnce(doc, stored, skipSnapshot, skipped, setAside);
    if (!failure) return { doc, setAside };
    doc.destroy();
    setAside.push(failure);
    if (failure.kind === 'snapshot') skipSnapshot = true;
    else skipped.add(failure.seq);
  }
}

/** One pass; returns the first update that threw while being applied (the pass must then start over). */
function replayOnce(
  doc: Y.Doc,
  stored: Pick<StoredState, 'snapshot' | 'tail'>,
  skipSnapshot: boolean,
  skipped: Set<number>,
  setAside: SetAside[],
): SetAside | undefined {
  const { snapshot } = stored;
  if (snapshot && !skipSnapshot) {
    try {
      Y.applyUpdate(doc, snapshot.state, REPLAYED);
    } catch (error) {
      return {
        kind: 'snapshot',
        seq: snapshot.seqUpto,
        update: snapshot.state,
        reason: `cannot be applied: ${describe(error)}`,
      };
    }
  }
  const guard = new UpdateShapeGuard(doc);
  for (const { seq, update } of stored.tail) {
    if (skipped.has(seq)) continue;
    let reason: string | undefined;
    try {
      // Lenient on references: stored updates of several nodes may arrive at the log out of causal order.
      const checked = guard.check(Y.decodeUpdate(update), 'server', { hold: false, strict: false });
      if (!checked.ok) reason = `breaks the document's shape (${checked.violation.kind}): ${checked.violation.message}`;
    } catch (error) {
      reason = `cannot be decoded: ${describe(error)}`;
    }
    if (reason) {
      // Not applied at all: the document is untouched, the pass goes on (and a later pass skips it too).
      setAside.push({ kind: 'update', seq, update, reason });
      skipped.add(seq);
      continue;
    }
    try {
      Y.applyUpdate(doc, update, REPLAYED);
    } catch (error) {
      return { kind: 'update', seq, update, reason: `cannot be applied: ${describe(error)}` };
    }
  }
  return undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : String(error).slice(0, 200);
}
