import * as decoding from 'lib0/decoding';
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMetrics } from '../ops/metrics.ts';
import { encodeAwarenessEntries } from './awareness-filter.ts';
import { RoomAwareness } from './room-awareness.ts';
import { YjsConnection } from './yjs-connection.ts';

const FROM_ELSEWHERE = Symbol('another node');

/** A connection on a socket that records what it is sent (no batcher: every frame is written at once). */
function connection(name: string): { connection: YjsConnection; sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    send: (frame: Uint8Array) => sent.push(frame),
    close: () => undefined,
  } as unknown as WebSocket;
  return {
    connection: new YjsConnection(socket, { participantId: `p-${name}`, name, role: 'stakeholder' }, false, false),
    sent,
  };
}

/** Presence of a room on this node, with the default limits (four client ids a connection, 4 KiB a state). */
function roomAwareness(doc: Y.Doc, connections: ReadonlySet<YjsConnection>): RoomAwareness {
  return new RoomAwareness(doc, connections, {
    metrics: createMetrics(),
    limits: { maxDocBytes: 1 << 20, maxAwarenessBytes: 4096, maxAwarenessIdsPerConnection: 4 },
  });
}

const entry = (clientId: number, clock: number, state: unknown) => ({ clientId, clock, state: JSON.stringify(state) });

describe('RoomAwareness', () => {
  it("refuses a local connection's entries for a client id another node announced", () => {
    const doc = new Y.Doc();
    const local = connection('Mallory');
    const connections = new Set([local.connection]);
    const awareness = roomAwareness(doc, connections);
    const stamped = { accord: { participantId: 'p-rita', name: 'Rita', role: 'stakeholder' } };
    awareness.applyFromElsewhere(encodeAwarenessEntries([entry(4242, 1, stamped)]), FROM_ELSEWHERE);
    expect(awareness.getStates().get(4242)).toEqual(stamped);
    local.sent.length = 0;

    // Hiding the remote participant (a null state at a higher clock), or taking the id over, changes nothing.
    awareness.receive(local.connection, encodeAwarenessEntries([entry(4242, 2, null)]));
    awareness.receive(local.connection, encodeAwarenessEntries([entry(4242, 3, { cursor: 1 })]));
    expect(awareness.getStates().get(4242)).toEqual(stamped);
    expect(local.connection.awarenessIds.has(4242)).toBe(false);
    expect(local.sent).toEqual([]);

    // Its own id in the same frame is still taken, stamped with its identity, and relayed.
    awareness.receive(local.connection, encodeAwarenessEntries([entry(4242, 4, null), entry(7, 1, { cursor: 2 })]));
    expect(awareness.getStates().get(4242)).toEqual(stamped);
    expect(awareness.getStates().get(7)).toEqual({
      cursor: 2,
      accord: { participantId: 'p-Mallory', name: 'Mallory', role: 'stakeholder' },
    });
    expect(local.sent).toHaveLength(1);
    const relayed = decoding.createDecoder(local.sent[0] ?? new Uint8Array());
    expect(decoding.readVarUint(relayed)).toBe(1);

    // Once the other node removed it, the id is free again.
    awareness.applyFromElsewhere(encodeAwarenessEntries([entry(4242, 2, null)]), FROM_ELSEWHERE);
    awareness.receive(local.connection, encodeAwarenessEntries([entry(4242, 5, { cursor: 3 })]));
    expect(awareness.getStates().get(4242)).toMatchObject({ cursor: 3 });
    awareness.destroy();
    doc.destroy();
  });

  it('lets a participant who reconnected through this node take back their own presence at once', () => {
    const doc = new Y.Doc();
    const back = connection('Rita');
    const connections = new Set([back.connection]);
    const awareness = roomAwareness(doc, connections);
    // Rita's browser was on another node, which announced her state before her socket there was seen to die.
    const announced = { cursor: 1, accord: { participantId: 'p-Rita', name: 'Rita', role: 'stakeholder' } };
    awareness.applyFromElsewhere(encodeAwarenessEntries([entry(4242, 1, announced)]), FROM_ELSEWHERE);

    awareness.receive(back.connection, encodeAwarenessEntries([entry(4242, 2, { cursor: 9 })]));
    expect(awareness.getStates().get(4242)).toMatchObject({ cursor: 9, accord: { participantId: 'p-Rita' } });
    expect(back.connection.awarenessIds.has(4242)).toBe(true);

    // Now this node owns it: when she leaves, her presence goes with her.
    awareness.forget(back.connection);
    expect(awareness.getStates().has(4242)).toBe(false);
    awareness.destroy();
    doc.destroy();
  });
});
