// CPU the server's own code spends per delivered frame on the relay path: the bench's rooms workload
// (50 rooms × 10 editors, each edit a stamp under the writer's key) fed to real rooms, connections, send
// batching and group commit, with sockets and the database replaced by counters. CPU time, not wall time,
// so a busy machine changes the figure little. Run: npx tsx src/sync/relay-path.measure.ts [rooms] [edits]
import { requirementsSchema } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import { createWorkshopDoc } from '@accord/core/ydoc';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createLogger } from '../logger.ts';
import { createMetrics } from '../ops/metrics.ts';
import { GroupCommitter } from './group-commit.ts';
import { updateMessage } from './messages.ts';
import { SendBatcher } from './send-batcher.ts';
import type { UpdateStore } from './update-store.ts';
import { WorkshopRoom, type RoomServices } from './workshop-room.ts';
import { YjsConnection } from './yjs-connection.ts';

const ROOMS = Number(process.argv[2] ?? 50);
const EDITORS = 10;
const EDITS = Number(process.argv[3] ?? 12);
/** Frames read in one turn of the event loop before the turn ends (writes and commits then run). */
const FRAMES_PER_TURN = 40;

const initial = Y.encodeStateAsUpdate(createWorkshopDoc(requirementsSchema.parse(templateById('blank')?.requirements)));
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function round(): Promise<{ cpuMicros: number; deliveries: number; edits: number; saved: number }> {
  const seqs = new Map<string, number>();
  const store = {
    load: async () => ({ snapshot: { seqUpto: 0, state: initial }, tail: [], lastSeq: 0 }),
    append: async (requests: readonly { workshopId: string; updates: readonly Uint8Array[] }[]) =>
      new Map(
        requests.map(({ workshopId, updates }) => {
          const first = (seqs.get(workshopId) ?? 0) + 1;
          seqs.set(workshopId, first + updates.length - 1);
          return [workshopId, updates.map((_, i) => first + i)];
        }),
      ),
  } as unknown as UpdateStore;
  const metrics = createMetrics();
  const services: RoomServices = {
    store,
    committer: new GroupCommitter(store),
    metrics,
    logger: createLogger({ logLevel: 'silent' }),
    limits: {
      maxDocBytes: 5 * 1_048_576,
      maxAwarenessBytes: 4096,
      maxAwarenessIdsPerConnection: 4,
      maxMessageBytes: 1_048_576,
    },
    compactAfterUpdates: 1_000_000,
  };
  const batcher = new SendBatcher();
  let frames = 0;
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    send: (frame: Uint8Array) => {
      frames += frame.byteLength > 0 ? 1 : 0;
    },
    close: () => undefined,
  } as unknown as WebSocket;
  const stream = { cork: () => undefined, uncork: () => undefined };
  const rooms: { room: WorkshopRoom; seats: YjsConnection[]; docs: Y.Doc[] }[] = [];
  for (let r = 0; r < ROOMS; r += 1) {
    const room = await WorkshopRoom.load(`room${r}`, services);
    const seats: YjsConnection[] = [];
    const docs: Y.Doc[] = [];
    for (let e = 0; e < EDITORS; e += 1) {
      const seat = new YjsConnection(
        socket,
        { participantId: `p${r}-${e}`, name: `E${e}`, role: 'stakeholder' },
        false,
        true,
        batcher,
        stream,
      );
      room.addConnection(seat);
      seats.push(seat);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, initial);
      docs.push(doc);
    }
    rooms.push({ room, seats, docs });
  }
  // Every edit encoded up front, in the order the bench's editors send them (round robin over rooms).
  const work: { room: WorkshopRoom; seat: YjsConnection; frame: Uint8Array }[] = [];
  for (let seq = 1; seq <= EDITS; seq += 1)
    for (let e = 0; e < EDITORS; e += 1)
      for (const { room, seats, docs } of rooms) {
        const doc = docs[e]!;
        let update: Uint8Array | undefined;
        doc.once('update', (u: Uint8Array) => (update = u));
        doc.getMap('requirements').set(`bench.${e}`, [e, seq, seq * 1000]);
        work.push({ room, seat: seats[e]!, frame: updateMessage(update!) });
      }
  await turn();
  await turn();
  frames = 0;
  const started = process.cpuUsage();
  for (let i = 0; i < work.length; i += FRAMES_PER_TURN) {
    for (const { room, seat, frame } of work.slice(i, i + FRAMES_PER_TURN)) room.handleMessage(seat, frame);
    await turn();
  }
  await services.committer.drain();
  await turn();
  const used = process.cpuUsage(started);
  const deliveries = work.length * (EDITORS - 1);
  const saved = frames - deliveries;
  for (const { room } of rooms) room.destroy({ code: 1000, reason: 'done' });
  return { cpuMicros: used.user + used.system, deliveries, edits: work.length, saved };
}

for (let r = 1; r <= 8; r += 1) {
  const { cpuMicros, deliveries, edits, saved } = await round();
  console.log(
    `round ${r}: ${(cpuMicros / deliveries).toFixed(2)} µs CPU per delivered frame, ${(cpuMicros / edits).toFixed(1)} µs per edit ` +
      `(${edits} edits, ${deliveries} deliveries, ${saved} saved messages)`,
  );
}
