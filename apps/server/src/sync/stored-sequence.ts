import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { reportSetAside, type RoomServices } from './room-services.ts';

/** How long a gap in the sequence may wait for its update to arrive before it is read from the database. */
const GAP_GRACE_MS = 100;

/** Origin of updates that arrive already stored (from another node or a catch-up read). */
export const STORED_ELSEWHERE = Symbol('stored-elsewhere');

/** What the room read when it loaded. */
export interface LoadedSequence {
  readonly lastSeq: number;
  readonly snapshotBytes: number;
  readonly tail: readonly { readonly seq: number; readonly bytes: number }[];
}

/**
 * What of a room's document is in the database: which sequence numbers it has seen (filling gaps from the
 * database when one stays open), how many bytes the snapshot and tail take, when to compact, and the stored
 * state vector that the saved message reports. The live document may hold more: updates relayed and still
 * on their way into the database.
 */
export class StoredSequence {
  /** Highest sequence number seen with every lower one seen too. */
  private applied: number;
  /** Sequence numbers seen above a gap. */
  private readonly above = new Set<number>();
  private readonly tail: { seq: number; bytes: number }[];
  private snapshotBytes: number;
  /** Highest stored clock of each Yjs client. */
  private readonly vector: Map<number, number>;
  private gapTimer: NodeJS.Timeout | undefined;
  private catchingUp: Promise<void> | undefined;
  private compacting = false;

  constructor(
    private readonly workshopId: string,
    doc: Y.Doc,
    private readonly services: RoomServices,
    loaded: LoadedSequence,
    /** Applies an update already stored to the document and relays what it changed. */
    private readonly apply: (update: Uint8Array) => void,
  ) {
    this.applied = loaded.lastSeq;
    this.snapshotBytes = loaded.snapshotBytes;
    this.tail = [...loaded.tail];
    this.vector = Y.decodeStateVector(Y.encodeStateVector(doc));
  }

  get lastApplied(): number {
    return this.applied;
  }

  /** Sequence numbers above the contiguous prefix are waiting for a lower one: a gap to fill from the store. */
  get hasGap(): boolean {
    return this.above.size > 0;
  }

  get tailLength(): number {
    return this.tail.length;
  }

  /** Bytes stored for this workshop: snapshot plus tail. */
  get storedBytes(): number {
    return this.snapshotBytes + this.tail.reduce((sum, t) => sum + t.bytes, 0);
  }

  /** The state vector of everything stored, as the saved message carries it. */
  storedStateVector(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, this.vector.size);
    for (const [client, clock] of this.vector) {
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, clock);
    }
    return encoding.toUint8Array(encoder);
  }

  /** An update this room wrote (already in its document) is stored under `seq`. */
  stored(seq: number, update: Uint8Array): void {
    // A catch-up read may have met it first (another connection of the pool saw the commit).
    if (seq <= this.applied || this.above.has(seq)) return;
    this.see(seq, update);
  }

  /** Applies an update already in the database under `seq` (another node's, or a catch-up read). */
  applyStored(seq: number, update: Uint8Array): boolean {
    if (seq <= this.applied || this.above.has(seq)) return false;
    try {
      this.apply(update);
    } catch (error) {
      this.services.logger.error(
        { workshopId: this.workshopId, seq, err: String(error) },
        'a stored update could not be applied',
      );
    }
    this.see(seq, update);
    return true;
  }

  /**
   * Fills gaps from the database, the source of truth: updates another node stored that this one has not
   * heard of (a lost or late fan-out message). Where a compaction has already folded them into the snapshot,
   * the snapshot is applied (Yjs merges idempotently).
   */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.readMissing().finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
  }

  /** Merges the stored snapshot and tail into a new snapshot (in the background; the store takes a row lock). */
  async compact(): Promise<void> {
    try {
      const result = await this.services.store.compact(this.workshopId);
      if (!result) return;
      if (result.setAside.length > 0) reportSetAside(this.workshopId, this.services, result.setAside, 'compaction');
      this.snapshotBytes = result.bytes;
      this.dropTailUpTo(result.seqUpto);
      this.services.metrics.compactions.inc();
      this.services.logger.debug(
        { workshopId: this.workshopId, merged: result.merged, bytes: result.bytes },
        'compacted',
      );
    } catch (error) {
      this.services.logger.warn(
        { workshopId: this.workshopId, err: String(error) },
        'compaction failed; the tail stays as it is',
      );
    }
  }

  stop(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = undefined;
  }

  private see(seq: number, update: Uint8Array): void {
    this.above.add(seq);
    while (this.above.delete(this.applied + 1)) this.applied += 1;
    this.tail.push({ seq, bytes: update.byteLength });
    this.raiseVector(update);
    this.services.metrics.updates.inc();
    this.maybeCompact();
    if (this.hasGap) this.scheduleGapFill();
  }

  /** Raises the stored state vector to the end of each client's structs in a stored update. */
  private raiseVector(update: Uint8Array): void {
    // Not `encodeStateVectorFromUpdate`: it leaves out every client whose structs do not start at clock 0.
    let ends: Map<number, number>;
    try {
      ends = Y.parseUpdateMeta(update).to;
    } catch {
      return;
    }
    for (const [client, clock] of ends) if (clock > (this.vector.get(client) ?? 0)) this.vector.set(client, clock);
  }

  /**
   * A sequence number above the next expected one: the missing update is stored (the numbers are handed out
   * in the database) but has not reached this room — usually a fan-out message overtaken by another, which
   * arrives within milliseconds. If the gap is still there shortly after, it is read from the database.
   */
  private scheduleGapFill(): void {
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      if (!this.hasGap) return;
      this.services.metrics.catchUps.inc({ why: 'gap' });
      this.catchUp().catch((error: unknown) => {
        this.services.logger.warn(
          { workshopId: this.workshopId, err: String(error) },
          'filling a gap failed; will retry',
        );
        if (this.hasGap) this.scheduleGapFill();
      });
    }, GAP_GRACE_MS);
    this.gapTimer.unref();
  }

  private async readMissing(): Promise<void> {
    const after = this.applied;
    const { snapshotUpto, tail } = await this.services.store.tailAfter(this.workshopId, after);
    if (snapshotUpto > after) {
      const stored = await this.services.store.load(this.workshopId);
      if (stored.snapshot) this.applySnapshot(stored.snapshot.seqUpto, stored.snapshot.state);
      for (const row of stored.tail) this.applyStored(row.seq, row.update);
      return;
    }
    for (const row of tail) this.applyStored(row.seq, row.update);
  }

  private applySnapshot(seqUpto: number, state: Uint8Array): void {
    this.apply(state);
    if (seqUpto > this.applied) this.applied = seqUpto;
    for (const seq of this.above) if (seq <= seqUpto) this.above.delete(seq);
    while (this.above.delete(this.applied + 1)) this.applied += 1;
    this.snapshotBytes = state.byteLength;
    this.dropTailUpTo(seqUpto);
    this.raiseVector(state);
  }

  private dropTailUpTo(seqUpto: number): void {
    const keep = this.tail.filter((t) => t.seq > seqUpto);
    this.tail.splice(0, this.tail.length, ...keep);
  }

  private maybeCompact(): void {
    if (this.compacting || this.tail.length < this.services.compactAfterUpdates) return;
    this.compacting = true;
    void this.compact().finally(() => {
      this.compacting = false;
    });
  }
}
