import { describe, expect, it } from 'vitest';
import { GroupCommitter, type PendingUpdate } from './group-commit.ts';
import type { AppendRequest, UpdateStore } from './update-store.ts';

/** A store that holds each append until released, and numbers updates per workshop. */
class HeldStore {
  readonly calls: AppendRequest[][] = [];
  private readonly releases: (() => void)[] = [];
  private readonly counters = new Map<string, number>();
  maxConcurrent = 0;
  private open = 0;

  async append(requests: readonly AppendRequest[]): Promise<Map<string, number[]>> {
    this.calls.push([...requests]);
    this.open += 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.open);
    await new Promise<void>((resolve) => this.releases.push(resolve));
    this.open -= 1;
    const out = new Map<string, number[]>();
    for (const { workshopId, updates } of requests) {
      const first = (this.counters.get(workshopId) ?? 0) + 1;
      this.counters.set(workshopId, first + updates.length - 1);
      out.set(
        workshopId,
        updates.map((_, i) => first + i),
      );
    }
    return out;
  }

  releaseAll(): void {
    for (const release of this.releases.splice(0)) release();
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function item(workshopId: string, byte: number, stored: string[]): PendingUpdate {
  return {
    workshopId,
    update: Uint8Array.of(byte),
    onStored: (seq) => stored.push(`${workshopId}:${byte}@${seq}`),
    onFailed: () => stored.push(`${workshopId}:${byte} failed`),
  };
}

describe('GroupCommitter', () => {
  it('batches what queued during a commit, and keeps each workshop in order', async () => {
    const store = new HeldStore();
    const stored: string[] = [];
    const committer = new GroupCommitter(store as unknown as UpdateStore, {}, { maxConcurrentBatches: 1 });
    committer.enqueue(item('a', 1, stored));
    await tick();
    for (const byte of [2, 3, 4]) committer.enqueue(item('a', byte, stored));
    committer.enqueue(item('b', 1, stored));
    store.releaseAll();
    await tick();
    await tick();
    expect(store.calls.map((call) => call.map((r) => `${r.workshopId}×${r.updates.length}`))).toEqual([
      ['a×1'],
      ['a×3', 'b×1'],
    ]);
    store.releaseAll();
    await committer.drain();
    expect(stored).toEqual(['a:1@1', 'a:2@2', 'a:3@3', 'a:4@4', 'b:1@1']);
  });

  it('runs batches of different workshops at once, never one workshop twice at once', async () => {
    const store = new HeldStore();
    const stored: string[] = [];
    const committer = new GroupCommitter(store as unknown as UpdateStore, {}, { maxConcurrentBatches: 4 });
    committer.enqueue(item('a', 1, stored));
    await tick();
    committer.enqueue(item('a', 2, stored));
    committer.enqueue(item('b', 1, stored));
    await tick();
    expect(store.calls.map((call) => call.map((r) => r.workshopId))).toEqual([['a'], ['b']]);
    expect(store.maxConcurrent).toBe(2);
    store.releaseAll();
    await tick();
    await tick();
    expect(store.calls.at(-1)?.map((r) => r.workshopId)).toEqual(['a']);
    store.releaseAll();
    await committer.drain();
    expect(stored.filter((s) => s.startsWith('a'))).toEqual(['a:1@1', 'a:2@2']);
  });

  it('caps a batch by updates, keeping the rest for the next batch in order', async () => {
    const store = new HeldStore();
    const stored: string[] = [];
    const committer = new GroupCommitter(
      store as unknown as UpdateStore,
      {},
      {
        maxConcurrentBatches: 1,
        maxBatchUpdates: 3,
      },
    );
    committer.enqueue(item('a', 0, stored));
    await tick();
    // A burst while the first commit is held: 8 updates of two workshops, interleaved.
    for (let byte = 1; byte <= 8; byte += 1) committer.enqueue(item(byte % 2 === 0 ? 'a' : 'b', byte, stored));
    for (let round = 0; round < 4; round += 1) {
      store.releaseAll();
      await tick();
      await tick();
    }
    await committer.drain();
    const sizes = store.calls.map((call) => call.reduce((n, r) => n + r.updates.length, 0));
    expect(sizes).toEqual([1, 3, 3, 2]);
    expect(stored.filter((s) => s.startsWith('a'))).toEqual(['a:0@1', 'a:2@2', 'a:4@3', 'a:6@4', 'a:8@5']);
    expect(stored.filter((s) => s.startsWith('b'))).toEqual(['b:1@1', 'b:3@2', 'b:5@3', 'b:7@4']);
  });

  it('caps a batch by bytes, and still stores an update larger than the cap on its own', async () => {
    const store = new HeldStore();
    const stored: string[] = [];
    const committer = new GroupCommitter(
      store as unknown as UpdateStore,
      {},
      {
        maxConcurrentBatches: 1,
        maxBatchBytes: 10,
      },
    );
    const sized = (workshopId: string, bytes: number): PendingUpdate => ({
      workshopId,
      update: new Uint8Array(bytes),
      onStored: (seq) => stored.push(`${workshopId}:${bytes}@${seq}`),
      onFailed: () => stored.push(`${workshopId}:${bytes} failed`),
    });
    committer.enqueue(sized('a', 1));
    await tick();
    for (const bytes of [4, 5, 2, 30, 3]) committer.enqueue(sized('a', bytes));
    for (let round = 0; round < 5; round += 1) {
      store.releaseAll();
      await tick();
      await tick();
    }
    await committer.drain();
    expect(store.calls.map((call) => call.flatMap((r) => r.updates.map((u) => u.byteLength)))).toEqual([
      [1],
      [4, 5],
      [2],
      [30],
      [3],
    ]);
    expect(stored).toEqual(['a:1@1', 'a:4@2', 'a:5@3', 'a:2@4', 'a:30@5', 'a:3@6']);
  });
});
