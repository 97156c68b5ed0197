import * as Y from 'yjs';
import type { BigWorkshop } from '../seed.ts';
import type { BenchServer } from '../servers.ts';
import { VirtualClient } from '../virtual-client.ts';

export interface JoinTimePlan {
  /** Timed joins of each kind. */
  readonly runs: number;
  /** Longest wait for the workshop to be unloaded before a cold join. */
  readonly unloadTimeoutMs: number;
}

export interface JoinTimeResult {
  /** Connect → synced when the workshop is not in memory (Accord reads snapshot and tail), ms, each join. */
  readonly cold: readonly number[] | undefined;
  /** Connect → synced while another participant holds the workshop open, ms, each join. */
  readonly warm: readonly number[];
  /** Joins whose synced doc lacked part of the workshop, or that never synced. */
  readonly failures: number;
}

/**
 * Time to join a workshop whose log held many small updates (compacted, as the server keeps it): from
 * opening the socket to holding the whole document. The reference server stores nothing, so its room is
 * first filled with the same document by a client; its joins are all warm.
 */
export async function runJoinTime(server: BenchServer, big: BigWorkshop, plan: JoinTimePlan): Promise<JoinTimeResult> {
  const expected = Y.decodeStateVector(big.stateVector);
  const joinOnce = async (): Promise<number | undefined> => {
    const client = new VirtualClient({ url: server.roomUrl(big, 0) });
    try {
      await client.synced(30_000);
      const got = Y.decodeStateVector(Y.encodeStateVector(client.doc));
      for (const [id, clock] of expected) if ((got.get(id) ?? 0) < clock) return undefined;
      return (client.syncedAt ?? NaN) - client.startedAt;
    } catch {
      return undefined;
    } finally {
      await client.close();
      client.doc.destroy();
    }
  };
  let failures = 0;
  const timed = async (times: number[]): Promise<void> => {
    const ms = await joinOnce();
    if (ms === undefined) failures += 1;
    else times.push(ms);
  };

  let cold: number[] | undefined;
  if (server.arm === 'reference') {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, big.state);
    const primer = new VirtualClient({ url: server.roomUrl(big, 1), doc });
    await primer.synced();
    // The server has the whole document once a fresh joiner receives it complete.
    let primed = false;
    for (let i = 0; i < 50 && !primed; i += 1) primed = (await joinOnce()) !== undefined;
    await primer.close();
    primer.doc.destroy();
    if (!primed) throw new Error('the reference server never served the whole document');
  } else {
    cold = [];
    for (let i = 0; i < plan.runs; i += 1) {
      await waitUnloaded(server, plan.unloadTimeoutMs);
      await timed(cold);
    }
  }

  const holder = new VirtualClient({ url: server.roomUrl(big, 1) });
  await holder.synced();
  const warm: number[] = [];
  for (let i = 0; i < plan.runs; i += 1) await timed(warm);
  await holder.close();
  holder.doc.destroy();
  return { cold, warm, failures };
}

async function waitUnloaded(server: BenchServer, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (((await server.loadedDocs()) ?? 0) > 0) {
    if (performance.now() > until)
      throw new Error(`${server.arm} kept the workshop loaded for more than ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
