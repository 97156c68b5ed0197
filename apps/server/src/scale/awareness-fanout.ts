import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import { stampOf, type AwarenessChange } from '../sync/room-awareness.ts';
import type { WorkshopRoom } from '../sync/workshop-room.ts';

/** Origin of awareness states applied from another node: never owned by one of this node's connections. */
export const FROM_OTHER_NODE = Symbol('awareness-from-another-node');

export interface AwarenessFanoutOptions {
  readonly prefix: string;
  readonly nodeId: string;
  /** How often this node announces, per loaded workshop, the states of its own clients, ms. */
  readonly heartbeatMs: number;
  /** A node not heard from in a workshop for this long is taken for dead there, ms. */
  readonly deadAfterMs: number;
  /** Largest state accepted from another node, bytes of JSON (as for a local client). */
  readonly maxStateBytes: number;
  /** Most client ids one other node may hold in one workshop. */
  readonly maxIdsPerNode: number;
}

const FORMAT = 1;
const KIND_CHANGE = 0;
const KIND_BEAT = 1;
/** Changes of one workshop are gathered this long and published as one message. */
const COALESCE_MS = 40;
/** How long a closing node waits for its farewell beats to be sent, ms. */
const FAREWELL_WAIT_MS = 500;
/** Messages one other node may send about one workshop per second; more are dropped (the next beat heals). */
const MESSAGES_PER_SECOND = 60;

export interface PresenceEntry {
  readonly clientId: number;
  readonly clock: number;
  readonly state: string;
}

interface PeerRecord {
  readonly ids: Set<number>;
  lastSeen: number;
  windowStart: number;
  messages: number;
}

/**
 * Presence across nodes. What this node's clients put in a workshop's awareness (already checked, rate-limited
 * and stamped with their identity by the room) is published through Redis, gathered per workshop; every node
 * with the workshop loaded applies it as coming from that node, never as one of its own connections. Each
 * node also beats, per loaded workshop, with the full states of its own clients: a lost message heals at the
 * next beat, and a node silent for `deadAfterMs` (killed, cut off) has its participants removed from the
 * others' rooms.
 */
export class AwarenessFanout {
  private readonly pending = new Map<string, Set<number>>();
  private readonly flushTimers = new Map<string, NodeJS.Timeout>();
  /** Per workshop, per other node: the client ids it holds there and when it was last heard. */
  private readonly peers = new Map<string, Map<string, PeerRecord>>();
  private readonly beater: NodeJS.Timeout;
  /** Workshops this node has loaded (and beats for). */
  private readonly followed = new Set<string>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly registry: RoomRegistry,
    private readonly logger: Logger,
    private readonly options: AwarenessFanoutOptions,
  ) {
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
    registry.onLoaded((room) => {
      this.followed.add(room.workshopId);
      this.subscriber.subscribe(this.channel(room.workshopId)).catch((error: unknown) => {
        this.logger.warn(
          { workshopId: room.workshopId, err: String(error) },
          "presence subscribe failed; other nodes' participants stay unseen here",
        );
      });
    });
    registry.onUnloaded((workshopId) => {
      this.followed.delete(workshopId);
      this.peers.delete(workshopId);
      this.pending.delete(workshopId);
      void this.subscriber.unsubscribe(this.channel(workshopId)).catch(() => undefined);
    });
    this.beater = setInterval(() => this.beat(), options.heartbeatMs);
    this.beater.unref();
  }

  private channel(workshopId: string): string {
    return `${this.options.prefix}:aw:${workshopId}`;
  }

  /** The room's hook: an awareness change, with its origin. Only this node's own clients' changes go out. */
  changed(room: WorkshopRoom, change: AwarenessChange, origin: unknown): void {
    // States from other nodes are theirs to announce; a timeout is decided by every node on its own.
    if (origin === FROM_OTHER_NODE || origin === 'timeout') return;
    const ids = this.pending.get(room.workshopId) ?? new Set<number>();
    for (const id of [...change.added, ...change.updated, ...change.removed]) ids.add(id);
    this.pending.set(room.workshopId, ids);
    if (this.flushTimers.has(room.workshopId)) return;
    const timer = setTimeout(() => {
      this.flushTimers.delete(room.workshopId);
      this.flush(room.workshopId);
    }, COALESCE_MS);
    timer.unref();
    this.flushTimers.set(room.workshopId, timer);
  }

  private flush(workshopId: string): void {
    const ids = this.pending.get(workshopId);
    this.pending.delete(workshopId);
    const room = this.registry.peek(workshopId);
    if (!ids || !room) return;
    const foreign = this.foreignIds(workshopId);
    const entries: PresenceEntry[] = [];
    for (const id of ids) {
      if (foreign.has(id)) continue;
      const state = room.awareness.getStates().get(id);
      entries.push({
        clientId: id,
        clock: room.awareness.clockOf(id),
        state: state === undefined ? 'null' : JSON.stringify(state),
      });
    }
    if (entries.length > 0) this.publish(workshopId, KIND_CHANGE, entries);
  }

  /** Every loaded workshop: announce our own clients' states, then drop the participants of silent nodes. */
  private beat(): void {
    const now = Date.now();
    for (const room of this.registry.loaded()) {
      const timer = this.flushTimers.get(room.workshopId);
      if (timer) {
        clearTimeout(timer);
        this.flushTimers.delete(room.workshopId);
        this.flush(room.workshopId);
      }
      const entries: PresenceEntry[] = [];
      const states = room.awareness.getStates();
      for (const id of ownIds(room)) {
        const state = states.get(id);
        if (state !== undefined)
          entries.push({ clientId: id, clock: room.awareness.clockOf(id), state: JSON.stringify(state) });
      }
      this.publish(room.workshopId, KIND_BEAT, entries);
      for (const [node, record] of this.peers.get(room.workshopId) ?? []) {
        if (now - record.lastSeen <= this.options.deadAfterMs) continue;
        this.logger.info(
          { workshopId: room.workshopId, node, clients: record.ids.size, silentMs: now - record.lastSeen },
          'another node went silent; its participants left this room',
        );
        this.drop(room, [...record.ids]);
        this.peers.get(room.workshopId)?.delete(node);
      }
    }
  }

  private publish(workshopId: string, kind: number, entries: readonly PresenceEntry[]): void {
    this.publisher
      .publish(
        this.channel(workshopId),
        encodePresence(kind === KIND_BEAT ? 'beat' : 'change', this.options.nodeId, entries),
      )
      .catch((error: unknown) => {
        this.logger.debug({ workshopId, err: String(error) }, 'presence publish failed; the next beat repeats it');
      });
  }

  private receive(channel: string, message: Buffer): void {
    const prefix = `${this.options.prefix}:aw:`;
    if (!channel.startsWith(prefix)) return;
    const workshopId = channel.slice(prefix.length);
    const room = this.registry.peek(workshopId);
    if (!room) return;
    let kind: number;
    let node: string;
    let entries: PresenceEntry[];
    try {
      const decoder = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
      if (decoding.readVarUint(decoder) !== FORMAT) return;
      kind = decoding.readVarUint(decoder);
      node = decoding.readVarString(decoder);
      entries = readEntries(decoder, this.options.maxIdsPerNode);
    } catch (error) {
      this.logger.warn({ channel, err: String(error) }, 'unreadable presence message ignored');
      return;
    }
    if (node === this.options.nodeId || (kind !== KIND_CHANGE && kind !== KIND_BEAT)) return;
    const record = this.record(workshopId, node);
    const now = Date.now();
    record.lastSeen = now;
    if (now - record.windowStart >= 1000) {
      record.windowStart = now;
      record.messages = 0;
    }
    record.messages += 1;
    if (record.messages > MESSAGES_PER_SECOND && kind === KIND_CHANGE) return;
    this.apply(room, node, record, kind, entries);
  }

  private apply(
    room: WorkshopRoom,
    node: string,
    record: PeerRecord,
    kind: number,
    entries: readonly PresenceEntry[],
  ): void {
    const own = ownIds(room);
    const others = this.foreignIds(room.workshopId, node);
    const accepted: PresenceEntry[] = [];
    for (const entry of entries) {
      // A client of this node, or one another node already announced, is not this node's to speak for.
      if (own.has(entry.clientId) || others.has(entry.clientId)) continue;
      if (entry.state !== 'null' && !stampedState(entry.state, this.options.maxStateBytes)) continue;
      if (entry.state !== 'null' && !record.ids.has(entry.clientId) && record.ids.size >= this.options.maxIdsPerNode)
        continue;
      accepted.push(entry);
    }
    if (kind === KIND_BEAT) {
      // A beat lists all the node's clients: any other it held here has left (its removal was lost).
      const listed = new Set(entries.map((e) => e.clientId));
      const gone = [...record.ids].filter((id) => !listed.has(id));
      if (gone.length > 0) this.drop(room, gone);
      for (const id of gone) record.ids.delete(id);
    }
    if (accepted.length === 0) return;
    const encoder = encoding.createEncoder();
    writeEntries(encoder, accepted);
    room.awareness.applyFromElsewhere(encoding.toUint8Array(encoder), FROM_OTHER_NODE);
    for (const entry of accepted) {
      if (entry.state === 'null') record.ids.delete(entry.clientId);
      else record.ids.add(entry.clientId);
    }
  }

  /**
   * Removes states whose node will not say so itself. The removal keeps each state's clock, so the client's
   * next change (a higher clock) is taken again everywhere; the clock is then forgotten here, so the node's
   * next beat brings the state back if the node was only slow.
   */
  private drop(room: WorkshopRoom, ids: readonly number[]): void {
    const present = ids.filter((id) => room.awareness.getStates().has(id));
    if (present.length === 0) return;
    const encoder = encoding.createEncoder();
    writeEntries(
      encoder,
      present.map((id) => ({ clientId: id, clock: room.awareness.clockOf(id), state: 'null' })),
    );
    room.awareness.applyFromElsewhere(encoding.toUint8Array(encoder), FROM_OTHER_NODE);
    for (const id of present) room.awareness.forgetClock(id);
  }

  private record(workshopId: string, node: string): PeerRecord {
    let nodes = this.peers.get(workshopId);
    if (!nodes) this.peers.set(workshopId, (nodes = new Map()));
    let record = nodes.get(node);
    if (!record) nodes.set(node, (record = { ids: new Set(), lastSeen: 0, windowStart: 0, messages: 0 }));
    return record;
  }

  /** Client ids other nodes hold in a workshop (all of them, or all but one node's). */
  private foreignIds(workshopId: string, except?: string): Set<number> {
    const ids = new Set<number>();
    for (const [node, record] of this.peers.get(workshopId) ?? [])
      if (node !== except) for (const id of record.ids) ids.add(id);
    return ids;
  }

  /** How many states of other nodes this node shows in a workshop (for tests and diagnostics). */
  remoteCount(workshopId: string): number {
    return this.foreignIds(workshopId).size;
  }

  /**
   * A node shutting down beats once more with no one, so the others drop its participants at once rather
   * than after three silent beats. Resolves once sent (or failed).
   */
  async close(): Promise<void> {
    clearInterval(this.beater);
    for (const timer of this.flushTimers.values()) clearTimeout(timer);
    this.flushTimers.clear();
    const farewells = Promise.allSettled(
      [...this.followed].map((workshopId) =>
        this.publisher.publish(this.channel(workshopId), encodePresence('beat', this.options.nodeId, [])),
      ),
    );
    this.followed.clear();
    // With Redis away the farewell would wait for it: shutdown does not (the others then wait three beats).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      farewells,
      new Promise((resolve) => {
        timer = setTimeout(resolve, FAREWELL_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
  }
}

/** A presence message as nodes publish it: who sends it, whether it lists all their clients (a beat), the states. */
export function encodePresence(kind: 'change' | 'beat', nodeId: string, entries: readonly PresenceEntry[]): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, FORMAT);
  encoding.writeVarUint(encoder, kind === 'beat' ? KIND_BEAT : KIND_CHANGE);
  encoding.writeVarString(encoder, nodeId);
  writeEntries(encoder, entries);
  return Buffer.from(encoding.toUint8Array(encoder));
}

/** The client ids of this node's own connections in a room. */
function ownIds(room: WorkshopRoom): Set<number> {
  const ids = new Set<number>();
  for (const connection of room.connections) for (const id of connection.awarenessIds) ids.add(id);
  return ids;
}

/** A state another node relays must be a JSON object carrying the identity its node stamped into it. */
function stampedState(state: string, maxBytes: number): boolean {
  if (Buffer.byteLength(state, 'utf8') > maxBytes + 512) return false;
  try {
    return typeof stampOf(JSON.parse(state)) === 'string';
  } catch {
    return false;
  }
}

function writeEntries(encoder: encoding.Encoder, entries: readonly PresenceEntry[]): void {
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
}

function readEntries(decoder: decoding.Decoder, max: number): PresenceEntry[] {
  const count = decoding.readVarUint(decoder);
  if (count > max) throw new Error(`${count} presence entries, more than the ${max} one node may hold`);
  const entries: PresenceEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    entries.push({
      clientId: decoding.readVarUint(decoder),
      clock: decoding.readVarUint(decoder),
      state: decoding.readVarString(decoder),
    });
  }
  return entries;
}
