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

/**
 * Group commit: updates that arrive while a transaction is in flight wait and go together in the next one,
 * so the database sees one transaction per round trip, not one per keystroke. Within a workshop the order
 * of `enqueue` calls is the order of sequence numbers and of `onStored` calls.
 */
export class GroupCommitter {
  private queue: PendingUpdate[] = [];
  private flushing: Promise<void> | undefined;

  constructor(private readonly store: UpdateStore, private readonly observer: GroupCommitObserver = {}) {}

  enqueue(pending: PendingUpdate): void {
    this.queue.push(pending);
    this.flushing ??= this.flushLoop();
  }

  /** Resolves once everything enqueued so far is committed (or failed). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  get pending(): number {
    return this.queue.length;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        // Let the event loop read every socket that has data first: under load, the frames that arrived
        // during the last commit join this one, instead of the first one starting a commit of its own.
        await new Promise((resolve) => setImmediate(resolve));
        const batch = this.queue;
        this.queue = [];
        await this.commit(batch);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async commit(batch: readonly PendingUpdate[]): Promise<void> {
    const byWorkshop = new Map<string, PendingUpdate[]>();
    for (const item of batch) byWorkshop.set(item.workshopId, [...(byWorkshop.get(item.workshopId) ?? []), item]);
    const requests: AppendRequest[] = [...byWorkshop].map(([workshopId, items]) => ({ workshopId, updates: items.map((i) => i.update) }));
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
