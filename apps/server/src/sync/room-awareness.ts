import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import {
  decodeAwarenessUpdate,
  encodeAwarenessEntries,
  MAX_AWARENESS_ENTRIES,
  TooManyAwarenessEntries,
  type AwarenessEntry,
} from './awareness-filter.ts';
import { awarenessMessage } from './messages.ts';
import type { RoomLimits, RoomServices } from './room-services.ts';
import type { YjsConnection } from './yjs-connection.ts';

/** Which awareness client ids changed in one awareness update. */
export interface AwarenessChange {
  readonly added: readonly number[];
  readonly updated: readonly number[];
  readonly removed: readonly number[];
}

/**
 * Presence in one room: who owns which awareness client id, what each connection may send, and relaying
 * every accepted change to everyone in the room. A connection may only touch the ids it introduced — never
 * another connection's, nor one another node announced; the server writes the participant's identity into
 * each state.
 */
export class RoomAwareness {
  private readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, YjsConnection>();
  private readonly listeners = new Set<(change: AwarenessChange, origin: unknown) => void>();
  /** What changed since the last relay to the room's connections, by client id (see `scheduleRelay`). */
  private readonly unsent = new Map<number, AwarenessEntry>();
  private relayTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set by `destroy`, whose own clearing of the local state must not schedule a relay. */
  private destroyed = false;
  private lastRelayMs = -Infinity;

  constructor(
    doc: Y.Doc,
    private readonly connections: ReadonlySet<YjsConnection>,
    private readonly services: Pick<RoomServices, 'metrics'> & { readonly limits: RoomLimits },
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.changed(change, origin));
  }

  /** Every state present in the room, by awareness client id. */
  getStates(): ReadonlyMap<number, Record<string, unknown>> {
    return this.awareness.getStates() as ReadonlyMap<number, Record<string, unknown>>;
  }

  /** Told of every change after it was relayed, with its origin (the connection that made it, or a marker). */
  onChange(listener: (change: AwarenessChange, origin: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A client's awareness clock as this room knows it (0 when unknown): sent along with its state to other nodes. */
  clockOf(clientId: number): number {
    return this.awareness.meta.get(clientId)?.clock ?? 0;
  }

  /** Applies states set by another node's clients; `origin` marks them as none of this node's connections. */
  applyFromElsewhere(update: Uint8Array, origin: symbol): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin);
  }

  /** Forgets the clock of a client that left with its node, so a later return of that id is taken afresh. */
  forgetClock(clientId: number): void {
    this.awareness.meta.delete(clientId);
  }

  /** The whole presence (for a newcomer, or an awareness query), in as few frames as the entry limit allows. */
  everything(): Uint8Array[] {
    return this.framesOf([...this.awareness.getStates().keys()].map((id) => this.entryOf(id)));
  }

  /** A connection left: its ids go, and everyone is told. */
  forget(connection: YjsConnection): void {
    const ids = [...connection.awarenessIds];
    for (const id of ids) this.owners.delete(id);
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
  }

  /** Takes what a connection may change from its awareness update; a flood is dropped, not relayed. */
  receive(connection: YjsConnection, update: Uint8Array): void {
    const entries = this.decode(update);
    if (entries === undefined) return;
    // Which entries speak for this connection, the last one per id; the cheap checks come first, so a frame
    // with nothing of its own (an echo of what was relayed) costs neither a token nor any JSON work.
    const own = new Map<number, AwarenessEntry>();
    let introduced = 0;
    const states = this.awareness.getStates();
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientId);
      if (owner !== undefined && owner !== connection) continue;
      // A state no connection here owns came from another node: only that node speaks for it (hiding it
      // with a null state, or taking it over with a higher clock, would forge someone else's presence) —
      // unless it is this participant's own, come back through this node after a reconnect.
      if (
        owner === undefined &&
        states.has(entry.clientId) &&
        stampOf(states.get(entry.clientId)) !== connection.identity.participantId
      )
        continue;
      // Removing a state the room does not hold changes nothing (clients echo departures they were told of).
      if (owner === undefined && !states.has(entry.clientId) && entry.state.trim() === 'null') continue;
      // Ids this frame introduces count at once: the limit holds within one frame, not only across frames.
      const introduces = owner === undefined && !own.has(entry.clientId);
      if (introduces && connection.awarenessIds.size + introduced >= this.services.limits.maxAwarenessIdsPerConnection)
        continue;
      if (Buffer.byteLength(entry.state, 'utf8') > this.services.limits.maxAwarenessBytes) continue;
      if (introduces) introduced += 1;
      own.set(entry.clientId, entry);
    }
    if (own.size === 0) return;
    // Only a frame that says something of this connection's own costs a token: y-websocket clients echo what
    // they were relayed, and those echoes must not use up their own presence's budget.
    if (!connection.takeAwareness(performance.now())) {
      this.services.metrics.rejectedFrames.inc({ reason: 'awareness-rate' });
      return;
    }
    const accepted: AwarenessEntry[] = [];
    for (const entry of own.values()) {
      const state = stampIdentity(entry.state, connection);
      if (state !== undefined) accepted.push({ ...entry, state });
    }
    if (accepted.length > 0)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), connection);
  }

  /** The entries of a client's awareness update; undefined (counted, not relayed) for one with too many. */
  private decode(update: Uint8Array): AwarenessEntry[] | undefined {
    try {
      return decodeAwarenessUpdate(update);
    } catch (error) {
      if (!(error instanceof TooManyAwarenessEntries)) throw error;
      this.services.metrics.rejectedFrames.inc({ reason: 'awareness-entries' });
      return undefined;
    }
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.relayTimer);
    this.relayTimer = undefined;
    this.unsent.clear();
    this.listeners.clear();
    this.awareness.destroy();
  }

  private changed(change: AwarenessChange, origin: unknown): void {
    if (this.destroyed) return;
    const connection = this.connections.has(origin as YjsConnection) ? (origin as YjsConnection) : undefined;
    if (connection) {
      // Added, or taken back from another node's announcement by the participant it stamps (see `receive`).
      for (const id of [...change.added, ...change.updated.filter((id) => !this.owners.has(id))]) {
        connection.awarenessIds.add(id);
        this.owners.set(id, connection);
      }
      for (const id of change.removed) {
        connection.awarenessIds.delete(id);
        this.owners.delete(id);
      }
    }
    const ids = [...change.added, ...change.updated, ...change.removed];
    if (ids.length === 0) return;
    // Taken now, not at the relay: a node's departure forgets its clients' clocks right after removing them.
    for (const id of ids) this.unsent.set(id, this.entryOf(id));
    this.scheduleRelay();
    for (const listener of this.listeners) listener(change, origin);
  }

  /**
   * Awareness frames of at most `MAX_AWARENESS_ENTRIES` entries and half the largest client frame each: what a
   * client is relayed, it sends back as one frame, which must pass the same door.
   */
  private framesOf(entries: readonly AwarenessEntry[]): Uint8Array[] {
    const budget = this.services.limits.maxMessageBytes / 2;
    const frames: Uint8Array[] = [];
    let batch: AwarenessEntry[] = [];
    let bytes = 0;
    for (const entry of entries) {
      const size = Buffer.byteLength(entry.state, 'utf8') + ENTRY_OVERHEAD_BYTES;
      if (batch.length > 0 && (batch.length === MAX_AWARENESS_ENTRIES || bytes + size > budget)) {
        frames.push(awarenessMessage(encodeAwarenessEntries(batch)));
        batch = [];
        bytes = 0;
      }
      batch.push(entry);
      bytes += size;
    }
    if (batch.length > 0) frames.push(awarenessMessage(encodeAwarenessEntries(batch)));
    return frames;
  }

  private entryOf(clientId: number): AwarenessEntry {
    const state = this.awareness.getStates().get(clientId);
    return { clientId, clock: this.clockOf(clientId), state: JSON.stringify(state ?? null) };
  }

  /**
   * Changes reach the room at most once per `RELAY_INTERVAL_MS`, gathered into one frame. y-websocket clients
   * send every presence change they receive back to the server, so each relayed frame costs every peer one
   * frame of its rate limit: relayed one by one, a burst of presence from others (or from one participant
   * with many tabs) would spend an honest client's budget until the door let it go.
   */
  private scheduleRelay(): void {
    if (this.relayTimer !== undefined) return;
    const wait = this.lastRelayMs + RELAY_INTERVAL_MS - performance.now();
    if (wait <= 0) return this.relay();
    this.relayTimer = setTimeout(() => {
      this.relayTimer = undefined;
      this.relay();
    }, wait);
  }

  private relay(): void {
    this.lastRelayMs = performance.now();
    const frames = this.framesOf([...this.unsent.values()]);
    this.unsent.clear();
    for (const frame of frames) for (const peer of this.connections) peer.send(frame);
  }
}

/** An entry's client id, clock and string length as varints, at most. */
const ENTRY_OVERHEAD_BYTES = 24;

/** How often presence is relayed to a room at most; a lone change goes at once. */
export const RELAY_INTERVAL_MS = 50;

/**
 * Awareness says who is present and which field they edit. The server writes the participant's identity
 * into each state, so a modified client cannot appear as someone else; other keys pass through as sent.
 */
function stampIdentity(state: string, connection: YjsConnection): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(state);
  } catch {
    return undefined;
  }
  if (parsed === null) return 'null';
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const { participantId, name, role } = connection.identity;
  return JSON.stringify({ ...parsed, accord: { participantId, name, role } });
}

/** The participant a presence state was stamped with (see `stampIdentity`); undefined for an unstamped one. */
export function stampOf(state: unknown): unknown {
  if (typeof state !== 'object' || state === null) return undefined;
  const accord = (state as { accord?: unknown }).accord;
  return typeof accord === 'object' && accord !== null
    ? (accord as { participantId?: unknown }).participantId
    : undefined;
}
