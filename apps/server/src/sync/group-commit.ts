import { atTurnEnd } from './turn-end.ts';
import type { AppendRequest, UpdateStore } from './update-store.ts';

export interface PendingUpdate {
  readonly workshopId: string;
  readonly update: Uint8Array;
  /** Called after the commit, in sequence order, with the update's sequence number. */
  readonly onStored: (seq: number) => void;
  readonly onFailed: (error: unknown) => void;
}

export interface GroupCommitObserver {
  onBatch?(size: number, seconds: number): void;
}

export interface GroupCommitOptions {
  /**
   * Batches in flight at once. PostgreSQL takes several transactions together (its WAL flush serves them
   * all), so while one batch waits for the disk the next can already go; the embedded database runs one
   * statement at a time, so 1 there.
   */
  readonly maxConcurrentBatches: number;
  /** Most updates in one batch (default `MAX_BATCH_UPDATES`); the rest waits for the next batch. */
  readonly maxBatchUpdates?: number;
  /** Most bytes of updates in one batch (default `MAX_BATCH_BYTES`); a larger single update goes alone. */
  readonly maxBatchBytes?: number;
}

/**
 * A batch is one statement with three bind parameters per update, and PostgreSQL takes at most 65 535 of
 * them: a burst (many clients resending after a restart) must not make one commit too big to run, nor one
 * so long that every writer in it waits for all the others.
 */
export const MAX_BATCH_UPDATES = 512;
/** Four updates of the largest message size (1 MiB) still fit together. */
export const MAX_BATCH_BYTES = 4 * 1_048_576;

/**
 * Group commit: updates that arrive while a transaction is in flight wait and go together in the next one,
 * so the database sees one transaction per round trip, not one per keystroke. Up to
 * `maxConcurrentBatches` batches run at once, but a workshop is in at most one of them: within a workshop
 * the order of `enqueue` calls is the order of sequence numbers and of `onStored` calls.
 */
export class GroupCommitter {
  private queue: PendingUpdate[] = [];
  private inFlight = 0;
  private readonly busy = new Set<string>();
  private scheduled = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly store: UpdateStore,
    private readonly observer: GroupCommitObserver = {},
    private readonly options: GroupCommitOptions = { maxConcurrentBatches: 1 },
  ) {}

  enqueue(pending: PendingUpdate): void {
    this.queue.push(pending);
    this.schedule();
  }

  /** Resolves once everything enqueued so far is committed (or failed). */
  drain(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get pending(): number {
    return this.queue.length;
  }

  /**
   * Starts batches after the event loop has read every socket that has data: under load, the frames that
   * arrived during the last commit join the next batch instead of each starting a commit of its own. The
   * frames relayed in that turn are written first.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    atTurnEnd('after-writes', () => {
      this.scheduled = false;
      while (this.inFlight < this.options.maxConcurrentBatches) {
        const batch = this.takeBatch();
        if (batch.length === 0) break;
        this.inFlight += 1;
        void this.commit(batch).finally(() => {
          this.inFlight -= 1;
          for (const item of batch) this.busy.delete(item.workshopId);
          if (this.queue.length > 0) this.schedule();
          else if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        });
      }
    });
  }

  /**
   * What is queued for workshops not already in a batch in flight, in queue order, up to the batch's
   * limits. Once a batch is full everything after stays queued, so a workshop's later updates never go
   * ahead of its earlier ones.
   */
  private takeBatch(): PendingUpdate[] {
    const maxUpdates = this.options.maxBatchUpdates ?? MAX_BATCH_UPDATES;
    const maxBytes = this.options.maxBatchBytes ?? MAX_BATCH_BYTES;
    const taken: PendingUpdate[] = [];
    const kept: PendingUpdate[] = [];
    let bytes = 0;
    let full = false;
    for (const item of this.queue) {
      if (!full && !this.busy.has(item.workshopId)) {
        const size = item.update.byteLength;
        full = taken.length >= maxUpdates || (taken.length > 0 && bytes + size > maxBytes);
        if (!full) {
          taken.push(item);
          bytes += size;
          continue;
        }
      }
      kept.push(item);
    }
    for (const item of taken) this.busy.add(item.workshopId);
    this.queue = kept;
    return taken;
  }

  private async commit(batch: readonly PendingUpdate[]): Promise<void> {
    const byWorkshop = new Map<string, PendingUpdate[]>();
    for (const item of batch) {
      const items = byWorkshop.get(item.workshopId);
      if (items) items.push(item);
      else byWorkshop.set(item.workshopId, [item]);
    }
    const requests: AppendRequest[] = [...byWorkshop].map(([workshopId, items]) => ({
      workshopId,
      updates: items.map((i) => i.update),
    }));
    const started = performance.now();
    let assigned: Map<string, number[]>;
    try {
      assigned = await this.store.append(requests);
    } catch (error) {
      for (const item of batch) item.onFailed(error);
      return;
    }
    this.observer.onBatch?.(batch.length, (performance.now() - started) / 1000);
    for (const [workshopId, items] of byWorkshop) {
      const seqs = assigned.get(workshopId) ?? [];
      items.forEach((item, index) => item.onStored(seqs[index] ?? 0));
    }
  }
}
