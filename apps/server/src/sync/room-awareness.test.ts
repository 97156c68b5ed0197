import * as decoding from 'lib0/decoding';
import type { WebSocket } from 'ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createMetrics } from '../ops/metrics.ts';
import { decodeAwarenessUpdate, encodeAwarenessEntries, MAX_AWARENESS_ENTRIES } from './awareness-filter.ts';
import { RELAY_INTERVAL_MS, RoomAwareness } from './room-awareness.ts';
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
function roomAwareness(doc: Y.Doc, connections: ReadonlySet<YjsConnection>, maxMessageBytes = 1 << 20): RoomAwareness {
  return new RoomAwareness(doc, connections, {
    metrics: createMetrics(),
    limits: { maxDocBytes: 1 << 20, maxAwarenessBytes: 4096, maxAwarenessIdsPerConnection: 4, maxMessageBytes },
  });
}

const entry = (clientId: number, clock: number, state: unknown) => ({ clientId, clock, state: JSON.stringify(state) });

/** The entries of relayed awareness frames (message type, then the update). */
function relayedEntries(frames: readonly Uint8Array[]): ReturnType<typeof decodeAwarenessUpdate>[] {
  return frames.map((frame) => {
    const decoder = decoding.createDecoder(frame);
    expect(decoding.readVarUint(decoder)).toBe(1);
    return decodeAwarenessUpdate(decoding.readVarUint8Array(decoder));
  });
}

describe('RoomAwareness', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

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
    vi.advanceTimersByTime(RELAY_INTERVAL_MS);
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

describe('relaying presence', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a lone change at once, then gathers a burst into one frame per interval with each latest state', () => {
    const doc = new Y.Doc();
    const watcher = connection('Watcher');
    const typists = Array.from({ length: 10 }, (_, i) => connection(`Typist ${i}`));
    const awareness = roomAwareness(doc, new Set([watcher.connection, ...typists.map((t) => t.connection)]));

    awareness.receive(typists[0]!.connection, encodeAwarenessEntries([entry(100, 1, { field: 'title' })]));
    expect(relayedEntries(watcher.sent)).toHaveLength(1);

    // Ten people move three times each within one interval: one frame follows, with each one's last move.
    for (let move = 1; move <= 3; move += 1)
      typists.forEach((typist, i) =>
        awareness.receive(typist.connection, encodeAwarenessEntries([entry(100 + i, move + 1, { move })])),
      );
    expect(watcher.sent).toHaveLength(1);
    vi.advanceTimersByTime(RELAY_INTERVAL_MS);
    expect(watcher.sent).toHaveLength(2);
    const [gathered] = relayedEntries(watcher.sent.slice(1));
    expect(gathered!.map((e) => e.clientId).sort()).toEqual(typists.map((_, i) => 100 + i));
    for (const e of gathered!) expect(JSON.parse(e.state)).toMatchObject({ move: 3 });
    expect(gathered!.every((e) => e.clock === 4)).toBe(true);

    // Quiet for an interval: the next change goes at once again.
    vi.advanceTimersByTime(RELAY_INTERVAL_MS);
    awareness.receive(typists[1]!.connection, encodeAwarenessEntries([entry(101, 5, { move: 4 })]));
    expect(watcher.sent).toHaveLength(3);
    awareness.destroy();
    doc.destroy();
  });

  it('never sends more entries in one frame than a client may send back', () => {
    const doc = new Y.Doc();
    const watcher = connection('Watcher');
    const awareness = roomAwareness(doc, new Set([watcher.connection]));
    const stamped = (n: number) => ({ accord: { participantId: `p-${n}`, name: `P${n}`, role: 'stakeholder' } });
    const ids = Array.from({ length: 150 }, (_, i) => 1000 + i);
    awareness.applyFromElsewhere(
      encodeAwarenessEntries(ids.slice(0, 1).map((id) => entry(id, 1, stamped(id)))),
      FROM_ELSEWHERE,
    );
    for (let start = 1; start < ids.length; start += 50)
      awareness.applyFromElsewhere(
        encodeAwarenessEntries(ids.slice(start, start + 50).map((id) => entry(id, 1, stamped(id)))),
        FROM_ELSEWHERE,
      );
    vi.advanceTimersByTime(RELAY_INTERVAL_MS);
    const frames = relayedEntries(watcher.sent);
    expect(frames.every((f) => f.length <= MAX_AWARENESS_ENTRIES)).toBe(true);
    expect(new Set(frames.flat().map((e) => e.clientId)).size).toBe(ids.length);
    // A newcomer's greeting is split the same way.
    const greeting = relayedEntries(awareness.everything());
    expect(greeting.length).toBeGreaterThan(1);
    expect(greeting.every((f) => f.length <= MAX_AWARENESS_ENTRIES)).toBe(true);
    expect(greeting.flat()).toHaveLength(ids.length);
    awareness.destroy();
    doc.destroy();
  });

  it('keeps relayed frames within half the largest frame a client may send', () => {
    const doc = new Y.Doc();
    const watcher = connection('Watcher');
    const movers = Array.from({ length: 12 }, (_, i) => connection(`Mover ${i}`));
    const awareness = roomAwareness(doc, new Set([watcher.connection, ...movers.map((m) => m.connection)]), 8192);
    movers.forEach((mover, i) =>
      awareness.receive(mover.connection, encodeAwarenessEntries([entry(300 + i, 1, { note: 'x'.repeat(1500) })])),
    );
    vi.advanceTimersByTime(RELAY_INTERVAL_MS);
    expect(watcher.sent.length).toBeGreaterThan(2);
    expect(watcher.sent.every((frame) => frame.byteLength <= 4096)).toBe(true);
    expect(relayedEntries(watcher.sent).flat()).toHaveLength(movers.length);
    awareness.destroy();
    doc.destroy();
  });

  it("relays a departure with its clock even when the node's clocks are forgotten right after", () => {
    const doc = new Y.Doc();
    const watcher = connection('Watcher');
    const awareness = roomAwareness(doc, new Set([watcher.connection]));
    const stamped = { accord: { participantId: 'p-gone', name: 'Gone', role: 'stakeholder' } };
    awareness.applyFromElsewhere(encodeAwarenessEntries([entry(77, 3, stamped)]), FROM_ELSEWHERE);
    awareness.applyFromElsewhere(encodeAwarenessEntries([entry(77, 4, null)]), FROM_ELSEWHERE);
    awareness.forgetClock(77);
    vi.advanceTimersByTime(RELAY_INTERVAL_MS);
    const last = relayedEntries(watcher.sent).flat().at(-1);
    expect(last).toEqual({ clientId: 77, clock: 4, state: 'null' });
    awareness.destroy();
    doc.destroy();
  });

  it('charges no presence budget for echoes of what a connection was relayed', () => {
    const doc = new Y.Doc();
    const echoing = connection('Echoing');
    const other = connection('Other');
    const awareness = roomAwareness(doc, new Set([echoing.connection, other.connection]));
    awareness.receive(other.connection, encodeAwarenessEntries([entry(5, 1, { field: 'a' })]));
    awareness.receive(echoing.connection, encodeAwarenessEntries([entry(9, 1, { field: 'x' })]));
    // y-websocket sends back every change it is relayed: far more echoes than the presence budget's burst.
    const otherState = JSON.stringify(awareness.getStates().get(5));
    for (let i = 0; i < 200; i += 1) {
      awareness.receive(echoing.connection, encodeAwarenessEntries([{ clientId: 5, clock: 1, state: otherState }]));
      awareness.receive(echoing.connection, encodeAwarenessEntries([entry(4000 + i, 1, null)]));
    }
    awareness.receive(echoing.connection, encodeAwarenessEntries([entry(9, 2, { field: 'y' })]));
    expect(awareness.getStates().get(9)).toMatchObject({ field: 'y' });
    expect(awareness.getStates().get(5)).toMatchObject({ field: 'a' });
    awareness.destroy();
    doc.destroy();
  });

  it("drops a client's frame of more entries than a frame may carry, instead of taking it for malformed", () => {
    const doc = new Y.Doc();
    const client = connection('Many');
    const watcher = connection('Watcher');
    const metrics = createMetrics();
    const awareness = new RoomAwareness(doc, new Set([client.connection, watcher.connection]), {
      metrics,
      limits: {
        maxDocBytes: 1 << 20,
        maxAwarenessBytes: 4096,
        maxAwarenessIdsPerConnection: 4,
        maxMessageBytes: 1 << 20,
      },
    });
    const crowd = Array.from({ length: MAX_AWARENESS_ENTRIES + 1 }, (_, i) => entry(9000 + i, 2, null));
    expect(() => awareness.receive(client.connection, encodeAwarenessEntries(crowd))).not.toThrow();
    expect(watcher.sent).toEqual([]);
    // Its own presence still counts afterwards.
    awareness.receive(client.connection, encodeAwarenessEntries([entry(9, 1, { field: 'x' })]));
    expect(awareness.getStates().get(9)).toMatchObject({ field: 'x' });
    awareness.destroy();
    doc.destroy();
  });

  it('schedules nothing once destroyed', () => {
    const doc = new Y.Doc();
    const watcher = connection('Watcher');
    const awareness = roomAwareness(doc, new Set([watcher.connection]));
    awareness.receive(watcher.connection, encodeAwarenessEntries([entry(9, 1, { field: 'x' })]));
    awareness.receive(watcher.connection, encodeAwarenessEntries([entry(9, 2, { field: 'y' })]));
    const before = watcher.sent.length;
    awareness.destroy();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(RELAY_INTERVAL_MS);
    expect(watcher.sent).toHaveLength(before);
    doc.destroy();
  });
});
