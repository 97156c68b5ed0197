import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { SendBatcher } from './send-batcher.ts';
import { YjsConnection } from './yjs-connection.ts';

/** A socket that records what is written and whether the stream under it was corked at the time. */
function fakeSocket() {
  const log: string[] = [];
  let corked = 0;
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    send: (frame: Uint8Array) => log.push(`${corked > 0 ? 'corked' : 'plain'}:${frame[0]}`),
    close: () => log.push('close'),
  };
  const stream = {
    cork: () => {
      corked += 1;
      log.push('cork');
    },
    uncork: () => {
      corked -= 1;
      log.push('uncork');
    },
  };
  return { socket: socket as unknown as WebSocket, stream, log };
}

const identity = { participantId: 'p', name: 'P', role: 'stakeholder' } as const;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('batched socket writes', () => {
  it('writes the frames of one turn together, corked, in the order sent, and reports them', async () => {
    const turns: number[] = [];
    const batcher = new SendBatcher((frames) => turns.push(frames));
    const a = fakeSocket();
    const b = fakeSocket();
    const first = new YjsConnection(a.socket, identity, false, true, batcher, a.stream);
    const second = new YjsConnection(b.socket, identity, false, true, batcher, b.stream);
    first.send(Uint8Array.of(1));
    second.send(Uint8Array.of(9));
    first.send(Uint8Array.of(2));
    first.send(Uint8Array.of(3));
    expect(a.log).toEqual([]);
    await nextTurn();
    expect(a.log).toEqual(['cork', 'corked:1', 'corked:2', 'corked:3', 'uncork']);
    expect(b.log).toEqual(['cork', 'corked:9', 'uncork']);
    expect(turns).toEqual([4]);
    first.send(Uint8Array.of(4));
    await nextTurn();
    expect(a.log.slice(5)).toEqual(['cork', 'corked:4', 'uncork']);
    expect(turns).toEqual([4, 1]);
  });

  it('writes what was queued before closing, and nothing after', async () => {
    const a = fakeSocket();
    const connection = new YjsConnection(a.socket, identity, false, true, new SendBatcher(), a.stream);
    connection.send(Uint8Array.of(7));
    connection.close({ code: 4503, reason: 'test' });
    connection.send(Uint8Array.of(8));
    await nextTurn();
    expect(a.log).toEqual(['cork', 'corked:7', 'uncork', 'close']);
  });
});
