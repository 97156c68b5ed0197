import type { SeededRoom } from '../seed.ts';
import { metricValue, type BenchServer } from '../servers.ts';
import { summarize, type Summary } from '../stats.ts';
import { VirtualClient } from '../virtual-client.ts';

export interface JoinLeavePlan {
  /** Join → sync → one edit → leave, this many times after the warm-up. */
  readonly cycles: number;
  /** Cycles run first and not counted, so the baseline is a warmed-up process. */
  readonly warmupCycles: number;
  /** Cycles in flight at once. */
  readonly concurrency: number;
  /** Longest wait for idle workshops to be unloaded before reading memory (Accord reports its count). */
  readonly settleTimeoutMs: number;
  /** Extra wait after unloading, for the process to return what it freed. */
  readonly settleMs: number;
}

export interface JoinLeaveResult {
  /** Server RSS after the warm-up and after the cycles, both once idle workshops were unloaded, MiB. */
  readonly rssBeforeMiB: number;
  readonly rssAfterMiB: number;
  /** After ÷ before. */
  readonly rssRatio: number;
  /** Workshops still in memory after the idle unload (Accord only). */
  readonly loadedAfter: number | undefined;
  /** V8 heap in use and memory outside it (buffers, WebAssembly), before and after, MiB (Accord's metrics only). */
  readonly heapUsedMiB: { readonly before: number; readonly after: number } | undefined;
  readonly externalMiB: { readonly before: number; readonly after: number } | undefined;
  /** Connect → synced of the counted cycles, ms. */
  readonly join: Summary;
  readonly cyclesPerSecond: number;
  /** Cycles that failed to sync. */
  readonly failures: number;
}

/**
 * Participants come and go, room after room; memory must come back once the workshops are idle again, and
 * Accord must have unloaded every one of them.
 */
export async function runJoinLeave(
  server: BenchServer,
  rooms: readonly SeededRoom[],
  plan: JoinLeavePlan,
): Promise<JoinLeaveResult> {
  let failures = 0;
  const cycles = async (count: number, joins: number[]): Promise<void> => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count) {
        const cycle = next;
        next += 1;
        // Each room takes a consecutive share of the cycles, so it stays loaded through its share and is
        // unloaded once the next room's turn comes: connections churn, and so do whole workshop lifecycles.
        const room = rooms[Math.floor((cycle * rooms.length) / count)];
        if (!room) throw new Error('no rooms were seeded for the join/leave cycles');
        const client = new VirtualClient({ url: server.roomUrl(room, 0), writer: cycle });
        try {
          await client.synced(10_000);
          joins.push((client.syncedAt ?? NaN) - client.startedAt);
          client.edit(1);
        } catch {
          failures += 1;
        } finally {
          await client.close();
          client.doc.destroy();
        }
      }
    };
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
  };
  const settle = async (): Promise<number | undefined> => {
    const until = performance.now() + plan.settleTimeoutMs;
    let loaded = await server.loadedDocs();
    while (loaded !== undefined && loaded > 0 && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      loaded = await server.loadedDocs();
    }
    await new Promise((resolve) => setTimeout(resolve, plan.settleMs));
    return loaded;
  };

  const memory = async (): Promise<{ heap: number; external: number } | undefined> => {
    const text = await server.metrics();
    if (text === undefined) return undefined;
    return {
      heap: (metricValue(text, 'nodejs_heap_size_used_bytes') ?? NaN) / 1_048_576,
      external: (metricValue(text, 'nodejs_external_memory_bytes') ?? NaN) / 1_048_576,
    };
  };

  await cycles(plan.warmupCycles, []);
  await settle();
  const rssBefore = server.rssBytes();
  const before = await memory();
  const joins: number[] = [];
  const started = performance.now();
  await cycles(plan.cycles, joins);
  const seconds = (performance.now() - started) / 1000;
  const loadedAfter = await settle();
  const rssAfter = server.rssBytes();
  const after = await memory();
  return {
    rssBeforeMiB: rssBefore / 1_048_576,
    rssAfterMiB: rssAfter / 1_048_576,
    rssRatio: rssAfter / rssBefore,
    loadedAfter,
    heapUsedMiB: before && after ? { before: before.heap, after: after.heap } : undefined,
    externalMiB: before && after ? { before: before.external, after: after.external } : undefined,
    join: summarize(joins),
    cyclesPerSecond: plan.cycles / seconds,
    failures,
  };
}
