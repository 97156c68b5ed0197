import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { BenchServer } from '../servers.ts';
import { runEditLoad, scheduledEdits, type EditLoadPlan } from './edit-load.ts';

/**
 * A faulty relay in this process: it syncs everyone with an empty doc, sends every update of seat 0 twice
 * and never delivers seat 1's updates to seat 2. The bench must count exactly those faults.
 */
async function faultyRelay(): Promise<{ server: BenchServer; close: () => Promise<void> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  const seats = new Map<WebSocket, number>();
  const empty = new Y.Doc();
  const frame = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    write(encoder);
    return encoding.toUint8Array(encoder);
  };
  wss.on('connection', (socket, request) => {
    const seat = Number(new URL(request.url ?? '/', 'http://relay.invalid').searchParams.get('seat'));
    seats.set(socket, seat);
    socket.on('close', () => seats.delete(socket));
    socket.send(frame((encoder) => syncProtocol.writeSyncStep1(encoder, empty)));
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return;
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === 0) socket.send(frame((encoder) => syncProtocol.writeSyncStep2(encoder, empty, payload)));
      if (syncType !== 2) return;
      for (const [peer, peerSeat] of seats) {
        if (peer === socket || (seat === 1 && peerSeat === 2)) continue;
        peer.send(data);
        if (seat === 0) peer.send(data);
      }
    });
  });
  await new Promise((resolve) => wss.once('listening', resolve));
  const port = (wss.address() as AddressInfo).port;
  const server: BenchServer = {
    name: 'faulty relay',
    arm: 'reference',
    pid: process.pid,
    readyMatch: '',
    roomUrl: (room, seat) => `ws://127.0.0.1:${port}/${room.id}?seat=${seat}`,
    loadedDocs: async () => undefined,
    metrics: async () => undefined,
    rssBytes: () => process.memoryUsage().rss,
    cpuSeconds: () => process.cpuUsage().user / 1e6,
    output: () => '',
    stop: async () => undefined,
  };
  return { server, close: () => new Promise((resolve) => wss.close(() => resolve())) };
}

describe('runEditLoad', () => {
  let relay: Awaited<ReturnType<typeof faultyRelay>>;
  beforeAll(async () => {
    relay = await faultyRelay();
  });
  afterAll(() => relay.close());

  it('counts every duplicated and every missing delivery', async () => {
    const plan: EditLoadPlan = {
      rooms: 1,
      editorsPerRoom: 3,
      editsPerSecond: 10,
      warmupSeconds: 0.1,
      measureSeconds: 0.5,
      drainTimeoutMs: 500,
      seed: 7,
      connectBatch: 3,
    };
    const result = await runEditLoad(relay.server, [{ id: 'room', tokens: [] }], plan);
    const sentBy = (seat: number): number => scheduledEdits(plan)[seat] ?? 0;
    expect(sentBy(0)).toBeGreaterThan(0);
    expect(result.duplicates).toBe(sentBy(0) * 2);
    expect(result.drops).toBe(sentBy(1));
    expect(result.edits).toBe(sentBy(0) + sentBy(1) + sentBy(2));
    expect(result.delivered).toBe(result.expectedDeliveries - sentBy(1));
  });

  it('times deliveries across nodes and within a node apart when seats are split between nodes', async () => {
    const plan: EditLoadPlan = {
      rooms: 1,
      editorsPerRoom: 4,
      editsPerSecond: 10,
      warmupSeconds: 0.1,
      measureSeconds: 0.5,
      drainTimeoutMs: 500,
      seed: 11,
      connectBatch: 4,
    };
    // Seats 0 and 2 on one node, 1 and 3 on the other; seat 1's updates never reach seat 2, seat 0's twice.
    const split = { ...relay.server, nodeOf: (seat: number) => seat % 2 };
    const both = await runEditLoad(relay.server, [{ id: 'room', tokens: [] }], plan);
    const result = await runEditLoad(split, [{ id: 'room', tokens: [] }], plan);
    expect(both.sameNodeLatency).toBeUndefined();
    expect(result.sameNodeLatency?.n).toBeGreaterThan(0);
    expect(result.latency.n).toBeGreaterThan(0);
    // Of each edit's three receivers one is on the writer's node, two are not (less seat 1's lost ones).
    expect(result.latency.n).toBeGreaterThan(result.sameNodeLatency?.n ?? Infinity);
  });
});
