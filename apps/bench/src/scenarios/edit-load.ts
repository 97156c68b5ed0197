import type { SeededRoom } from '../seed.ts';
import { seededRandom } from '../seeded-random.ts';
import type { BenchServer } from '../servers.ts';
import { Sample, summarize, type Summary } from '../stats.ts';
import { VirtualClient, type Stamp } from '../virtual-client.ts';

export interface EditLoadPlan {
  /** Rooms edited at once, and editors in each (every editor also receives). */
  readonly rooms: number;
  readonly editorsPerRoom: number;
  /** Edits per second of each editor (times jittered ±20 %, drawn from `seed`). */
  readonly editsPerSecond: number;
  /** Edits of the first seconds are checked for loss but kept out of the latency figures. */
  readonly warmupSeconds: number;
  readonly measureSeconds: number;
  /** How long to wait for the last deliveries (and saved acks) once writing has stopped. */
  readonly drainTimeoutMs: number;
  readonly seed: number;
  /** Clients connecting at once while the room fills. */
  readonly connectBatch: number;
}

export interface EditLoadResult {
  /**
   * Edit → peer latency of edits sent in the measured window, ms. With several nodes: only deliveries from
   * one node to another.
   */
  readonly latency: Summary;
  /** With several nodes: edit → peer latency of deliveries between peers on the same node, ms. */
  readonly sameNodeLatency: Summary | undefined;
  /** Edit → Accord's saved ack at the writer, ms; undefined for a server without acks. */
  readonly saved: Summary | undefined;
  readonly edits: number;
  /** Each edit is expected once at every other editor of its room. */
  readonly expectedDeliveries: number;
  readonly delivered: number;
  /** Deliveries arriving in the measured window, per second (all rooms). */
  readonly deliveredPerSecond: number;
  readonly drops: number;
  readonly duplicates: number;
  /** Edits never acknowledged as saved (servers with acks only). */
  readonly unsaved: number;
  /** Saved messages the server sent, all clients together, per edit (each is a frame written like a relay). */
  readonly savedMessagesPerEdit: number;
  /** Clients whose socket closed before the end. */
  readonly closedEarly: number;
  /** How late the generator fired edits against their schedule, ms (high values: the bench itself lagged). */
  readonly generatorLag: Summary;
  /** Connect → synced of every client while the rooms filled, ms. */
  readonly join: Summary;
  /** Server CPU over the measured window: 100 = one core. */
  readonly serverCpuPercent: number;
  /** The bench process's own CPU over the window. */
  readonly benchCpuPercent: number;
  /** Server RSS at the end of the window, MiB. */
  readonly serverRssMiB: number;
}

interface Writer {
  readonly client: VirtualClient;
  readonly room: number;
  readonly editor: number;
  sent: number;
}

/**
 * Many editors in many rooms, each stamping edits `{ w, s, t }` on one clock (this process's
 * `performance.now()`), each receiving the others'. Latency is taken at the receiving socket; every
 * receiver must see every other writer's sequence numbers exactly once.
 */
export async function runEditLoad(
  server: BenchServer,
  rooms: readonly SeededRoom[],
  plan: EditLoadPlan,
): Promise<EditLoadResult> {
  if (rooms.length < plan.rooms) throw new Error(`the plan needs ${plan.rooms} rooms, ${rooms.length} were seeded`);
  const schedule = buildSchedule(plan);
  const slots = schedule.maxSeq + 1;
  const editors = plan.editorsPerRoom;
  // counts[writerIndex][receiver * editors * slots + writer * slots + seq] is how often that stamp arrived.
  const counts = Array.from({ length: plan.rooms }, () => new Uint8Array(editors * editors * slots));
  const latencies = new Sample();
  const sameNodeLatencies = new Sample();
  const savedLatencies = new Sample();
  let delivered = 0;
  let duplicates = 0;
  let deliveredInWindow = 0;
  let windowStart = Infinity;
  let windowEnd = Infinity;

  // A room edited by an earlier run (the sweeps reuse the seeded rooms) still holds that run's last stamps.
  const startedAt = performance.now();
  const onStamps =
    (room: number, receiver: number) =>
    (stamps: readonly Stamp[], arrivedAt: number): void => {
      const roomCounts = counts[room];
      if (!roomCounts) return;
      for (const stamp of stamps) {
        if (stamp.writer === receiver || stamp.writer >= editors || stamp.seq >= slots || stamp.sentAt < startedAt)
          continue;
        const index = (receiver * editors + stamp.writer) * slots + stamp.seq;
        const seen = (roomCounts[index] ?? 0) + 1;
        roomCounts[index] = Math.min(seen, 255);
        if (seen > 1) {
          duplicates += 1;
          continue;
        }
        delivered += 1;
        if (arrivedAt >= windowStart && arrivedAt < windowEnd) deliveredInWindow += 1;
        if (stamp.sentAt < windowStart || stamp.sentAt >= windowEnd) continue;
        // Several nodes: deliveries across nodes and between peers of one node are two figures.
        const crossing = server.nodeOf === undefined || server.nodeOf(receiver) !== server.nodeOf(stamp.writer);
        (crossing ? latencies : sameNodeLatencies).push(arrivedAt - stamp.sentAt);
      }
    };
  const acks =
    server.arm === 'reference'
      ? undefined
      : (sentAt: number, savedAt: number): void => {
          if (sentAt >= windowStart && sentAt < windowEnd) savedLatencies.push(savedAt - sentAt);
        };

  const writers: Writer[] = [];
  const joins: number[] = [];
  try {
    const seats = Array.from({ length: plan.rooms * editors }, (_, i) => ({
      room: Math.floor(i / editors),
      editor: i % editors,
    }));
    for (let first = 0; first < seats.length; first += plan.connectBatch) {
      const batch = seats.slice(first, first + plan.connectBatch).map(({ room, editor }): Writer => {
        const seeded = rooms[room];
        if (!seeded) throw new Error(`room ${room} was not seeded`);
        const client = new VirtualClient({
          url: server.roomUrl(seeded, editor),
          writer: editor,
          onStamps: onStamps(room, editor),
          ...(acks ? { onSaved: acks } : {}),
        });
        return { room, editor, sent: 0, client };
      });
      writers.push(...batch);
      await Promise.all(batch.map((w) => w.client.synced()));
      for (const w of batch) joins.push((w.client.syncedAt ?? NaN) - w.client.startedAt);
    }

    const lag = new Sample();
    const startsAt = performance.now() + 50;
    windowStart = startsAt + plan.warmupSeconds * 1000;
    windowEnd = windowStart + plan.measureSeconds * 1000;
    let cpuAtStart = 0;
    let benchCpuAtStart = process.cpuUsage();
    let cpuAtEnd = 0;
    let benchCpu = 0;
    let rss = NaN;
    const windowTimers = [
      setTimeout(() => {
        cpuAtStart = server.cpuSeconds();
        benchCpuAtStart = process.cpuUsage();
      }, windowStart - performance.now()),
      setTimeout(() => {
        cpuAtEnd = server.cpuSeconds();
        const used = process.cpuUsage(benchCpuAtStart);
        benchCpu = (used.user + used.system) / 1e6;
        rss = server.rssBytes();
      }, windowEnd - performance.now()),
    ];
    await new Promise<void>((resolve) => {
      let next = 0;
      const tick = (): void => {
        const now = performance.now();
        while (next < schedule.at.length && startsAt + (schedule.at[next] ?? 0) <= now) {
          const writer = writers[schedule.writer[next] ?? 0];
          if (writer?.client.isOpen) {
            lag.push(now - startsAt - (schedule.at[next] ?? 0));
            writer.sent += 1;
            writer.client.edit(writer.sent);
          }
          next += 1;
        }
        if (next >= schedule.at.length) return resolve();
        setTimeout(tick, Math.max(0, startsAt + (schedule.at[next] ?? 0) - performance.now()));
      };
      setTimeout(tick, startsAt - performance.now());
    });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, windowEnd - performance.now() + 5)));
    for (const timer of windowTimers) clearTimeout(timer);

    const expectedDeliveries = writers.reduce((sum, w) => sum + w.sent * (editors - 1), 0);
    const drainUntil = performance.now() + plan.drainTimeoutMs;
    const unsaved = (): number => (acks ? writers.reduce((sum, w) => sum + w.client.unsavedCount, 0) : 0);
    while ((delivered < expectedDeliveries || unsaved() > 0) && performance.now() < drainUntil) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const measured = plan.measureSeconds;
    return {
      latency: summarize(latencies.values()),
      sameNodeLatency: server.nodeOf ? summarize(sameNodeLatencies.values()) : undefined,
      saved: acks ? summarize(savedLatencies.values()) : undefined,
      edits: writers.reduce((sum, w) => sum + w.sent, 0),
      expectedDeliveries,
      delivered,
      deliveredPerSecond: deliveredInWindow / measured,
      drops: expectedDeliveries - delivered,
      duplicates,
      unsaved: unsaved(),
      savedMessagesPerEdit:
        writers.reduce((sum, w) => sum + w.client.savedMessages, 0) /
        Math.max(
          1,
          writers.reduce((sum, w) => sum + w.sent, 0),
        ),
      closedEarly: writers.filter((w) => w.client.closeCode !== undefined).length,
      generatorLag: summarize(lag.values()),
      join: summarize(joins),
      serverCpuPercent: ((cpuAtEnd - cpuAtStart) / measured) * 100,
      benchCpuPercent: (benchCpu / measured) * 100,
      serverRssMiB: rss / 1_048_576,
    };
  } finally {
    await Promise.all(writers.map((w) => w.client.close()));
  }
}

/** How many edits each writer (room by room, editor by editor) is scheduled to make. */
export function scheduledEdits(plan: EditLoadPlan): number[] {
  const counts = new Array<number>(plan.rooms * plan.editorsPerRoom).fill(0);
  for (const writer of buildSchedule(plan).writer) counts[writer] = (counts[writer] ?? 0) + 1;
  return counts;
}

/** Every edit's time (ms from the start) and writer, sorted by time; the same for every server. */
function buildSchedule(plan: EditLoadPlan): {
  readonly at: Float64Array;
  readonly writer: Uint32Array;
  readonly maxSeq: number;
} {
  const random = seededRandom(plan.seed);
  const periodMs = 1000 / plan.editsPerSecond;
  const endMs = (plan.warmupSeconds + plan.measureSeconds) * 1000;
  const times: number[] = [];
  const owners: number[] = [];
  let maxSeq = 0;
  for (let writer = 0; writer < plan.rooms * plan.editorsPerRoom; writer += 1) {
    let seq = 0;
    for (let at = random() * periodMs; at < endMs; at += periodMs * (0.8 + 0.4 * random())) {
      times.push(at);
      owners.push(writer);
      seq += 1;
    }
    maxSeq = Math.max(maxSeq, seq);
  }
  const order = times.map((_, i) => i).sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0));
  return {
    at: Float64Array.from(order, (i) => times[i] ?? 0),
    writer: Uint32Array.from(order, (i) => owners[i] ?? 0),
    maxSeq,
  };
}
