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
});
