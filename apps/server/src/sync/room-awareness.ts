import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { decodeAwarenessUpdate, encodeAwarenessEntries, type AwarenessEntry } from './awareness-filter.ts';
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

  /** The whole presence as one frame for a newcomer, or undefined when nobody is present. */
  greeting(): Uint8Array | undefined {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length > 0 ? awarenessMessage(this.awareness, ids) : undefined;
  }

  /** The whole presence as one frame (an awareness query). */
  everything(): Uint8Array {
    return awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]);
  }

  /** A connection left: its ids go, and everyone is told. */
  forget(connection: YjsConnection): void {
    const ids = [...connection.awarenessIds];
    for (const id of ids) this.owners.delete(id);
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
  }

  /** Takes what a connection may change from its awareness update; a flood is dropped, not relayed. */
  receive(connection: YjsConnection, update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update);
    if (!connection.takeAwareness(performance.now())) {
      this.services.metrics.rejectedFrames.inc({ reason: 'awareness-rate' });
      return;
    }
    const accepted: AwarenessEntry[] = [];
    // Ids this frame introduces count at once: the limit holds within one frame, not only across frames.
    const introduced = new Set<number>();
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
      if (owner === undefined && !introduced.has(entry.clientId)) {
        if (connection.awarenessIds.size + introduced.size >= this.services.limits.maxAwarenessIdsPerConnection)
          continue;
        introduced.add(entry.clientId);
      }
      if (Buffer.byteLength(entry.state, 'utf8') > this.services.limits.maxAwarenessBytes) continue;
      const state = stampIdentity(entry.state, connection);
      if (state === undefined) continue;
      accepted.push({ ...entry, state });
    }
    if (accepted.length > 0)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), connection);
  }

  destroy(): void {
    this.listeners.clear();
    this.awareness.destroy();
  }

  private changed(change: AwarenessChange, origin: unknown): void {
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
    const message = awarenessMessage(this.awareness, ids);
    for (const peer of this.connections) peer.send(message);
    for (const listener of this.listeners) listener(change, origin);
  }
}

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
