import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { GroupCommitter } from './group-commit.ts';
import { SendBatcher } from './send-batcher.ts';
import type { UpdateStore } from './update-store.ts';
import { YjsConnection } from './yjs-connection.ts';

describe('the end of a turn', () => {
  it('writes relayed frames before it starts a commit that became due earlier in the same turn', async () => {
    const log: string[] = [];
    const store = {
      append: async (requests: readonly { workshopId: string; updates: readonly Uint8Array[] }[]) => {
        log.push('append');
        return new Map(requests.map((r) => [r.workshopId, r.updates.map((_, i) => i + 1)]));
      },
    } as unknown as UpdateStore;
    const committer = new GroupCommitter(store);
    const socket = {
      OPEN: 1,
      readyState: 1,
      bufferedAmount: 0,
      send: (frame: Uint8Array) => log.push(`write ${frame[0]}`),
      close: () => undefined,
    } as unknown as WebSocket;
    const peer = new YjsConnection(
      socket,
      { participantId: 'p', name: 'P', role: 'stakeholder' },
      false,
      false,
      new SendBatcher(),
    );
    // The commit is due first (an update queued while the last commit was in flight), the relay after it.
    committer.enqueue({
      workshopId: 'w',
      update: Uint8Array.of(1),
      onStored: () => undefined,
      onFailed: () => undefined,
    });
    peer.send(Uint8Array.of(7));
    await committer.drain();
    expect(log).toEqual(['write 7', 'append']);
  });
});
