import * as Y from 'yjs';
import { CLOSE } from '@accord/protocol/close-codes';
import { readFrame } from './frame-reader.ts';
import { syncStep1Message, syncStep2Message, updateMessage } from './messages.ts';
import { replayStored, type SetAside } from './replay-stored.ts';
import { RoomAwareness } from './room-awareness.ts';
import { reportSetAside, type RoomServices } from './room-services.ts';
import { RoomWrites } from './room-writes.ts';
import { STORED_ELSEWHERE, StoredSequence } from './stored-sequence.ts';
import type { YjsConnection } from './yjs-connection.ts';

export type { RoomLimits, RoomServices } from './room-services.ts';
export { DocumentShapeRefused, DocumentTooLarge, RoomResetting } from './room-writes.ts';
export { STORED_ELSEWHERE } from './stored-sequence.ts';

type CloseReason = { readonly code: number; readonly reason: string };

/**
 * One workshop's live document and its connections. It reads each frame and hands it on: document updates
 * to the write path (`RoomWrites`: checked, relayed at once, stored, acknowledged after the commit),
 * presence to `RoomAwareness`, and what is stored to `StoredSequence` (sequence numbers, gaps, compaction).
 * When a store fails the room resets: every connection is closed with the storage code and the registry
 * loads the workshop again from the database, so what a client holds and the database lacks is resent.
 */
export class WorkshopRoom {
  readonly connections = new Set<YjsConnection>();
  readonly awareness: RoomAwareness;
  private readonly sequence: StoredSequence;
  private readonly writes: RoomWrites;
  private readonly resetListeners = new Set<(room: WorkshopRoom) => void>();
  /** The whole document as a sync step 2, kept until the next change: every new browser asks for it. */
  private fullState: Uint8Array | undefined;
  private resetting = false;

  private constructor(
    readonly workshopId: string,
    private readonly services: RoomServices,
    readonly doc: Y.Doc,
    loaded: ConstructorParameters<typeof StoredSequence>[3],
  ) {
    this.sequence = new StoredSequence(workshopId, doc, services, loaded, (update) =>
      this.applyAndRelay(update, STORED_ELSEWHERE),
    );
    this.awareness = new RoomAwareness(doc, this.connections, services);
    const onAwareness = services.onAwareness;
    if (onAwareness) this.awareness.onChange((change, origin) => onAwareness(this, change, origin));
    this.writes = new RoomWrites(this, this.sequence, services);
    // No 'update' listener: Yjs would encode every change once more for it. A client's update is relayed
    // as it arrived (`RoomWrites`); other changes through `applyAndRelay`.
    doc.on('afterTransaction', () => {
      this.fullState = undefined;
    });
  }

  /**
   * Reads snapshot plus tail. Throws when the store cannot be read: callers refuse, never serve an empty doc.
   * A stored update that cannot be applied or breaks the document's shape is set aside (quarantined,
   * logged, counted) and the rest is served.
   */
  static async load(workshopId: string, services: RoomServices): Promise<WorkshopRoom> {
    const stored = await services.store.load(workshopId);
    const { doc, setAside } = replayStored(stored);
    if (setAside.length > 0) await quarantine(workshopId, services, setAside, 'load');
    const aside = new Set(setAside.filter((entry) => entry.kind === 'update').map((entry) => entry.seq));
    const tail = stored.tail
      .filter((row) => !aside.has(row.seq))
      .map((row) => ({ seq: row.seq, bytes: row.update.byteLength }));
    return new WorkshopRoom(workshopId, services, doc, {
      lastSeq: stored.lastSeq,
      snapshotBytes: stored.snapshot?.state.byteLength ?? 0,
      tail,
    });
  }

  get lastAppliedSeq(): number {
    return this.sequence.lastApplied;
  }

  /** Bytes stored for this workshop (snapshot plus tail) plus updates in flight. */
  get documentBytes(): number {
    return this.writes.documentBytes;
  }

  get tailLength(): number {
    return this.sequence.tailLength;
  }

  get hasGap(): boolean {
    return this.sequence.hasGap;
  }

  /** Whether a store failed and the room is being replaced by one loaded from the database. */
  get isResetting(): boolean {
    return this.resetting;
  }

  addConnection(connection: YjsConnection): void {
    // Joined between the failed store and the registry's reload: to the fresh room, please.
    if (this.resetting) return connection.close(CLOSE.storageUnavailable);
    this.connections.add(connection);
    connection.send(syncStep1Message(this.doc));
    for (const frame of this.awareness.everything()) connection.send(frame);
  }

  removeConnection(connection: YjsConnection): void {
    if (!this.connections.delete(connection)) return;
    this.awareness.forget(connection);
  }

  /** Handles one binary frame. A malformed one closes its connection with 4400 and changes nothing. */
  handleMessage(connection: YjsConnection, message: Uint8Array): void {
    if (connection.failed || !connection.isOpen || this.resetting) return;
    try {
      const frame = readFrame(message);
      if (frame.kind === 'document') this.writes.receive(connection, frame.update, frame.step, message);
      else if (frame.kind === 'awareness') this.awareness.receive(connection, frame.update);
      else if (this.expensiveAllowed(connection)) {
        if (frame.kind === 'sync-step-1') connection.send(this.syncStep2(frame.stateVector));
        else for (const presence of this.awareness.everything()) connection.send(presence);
      }
    } catch (error) {
      this.services.metrics.rejectedFrames.inc({ reason: 'malformed' });
      this.services.logger.debug(
        { workshopId: this.workshopId, participantId: connection.identity.participantId, err: String(error) },
        'malformed yjs frame',
      );
      connection.close(CLOSE.malformedMessage);
    }
  }

  /** See `RoomWrites.applyServerChange`. */
  applyServerChange<T extends { readonly ok: boolean }>(change: (doc: Y.Doc) => T): Promise<T> {
    return this.writes.applyServerChange(change);
  }

  /** Resolves once nothing of this room is waiting in the group commit. */
  settled(): Promise<void> {
    return this.writes.settled();
  }

  /** See `RoomWrites.storedSoFar`. */
  storedSoFar(): Promise<void> {
    return this.writes.storedSoFar();
  }

  /** Applies an update that is already in the database under `seq` (from another node or a catch-up). */
  applyStored(seq: number, update: Uint8Array): boolean {
    return this.sequence.applyStored(seq, update);
  }

  /** Reads from the database what other nodes stored and this room has not applied. */
  catchUp(): Promise<void> {
    return this.sequence.catchUp();
  }

  compact(): Promise<void> {
    return this.sequence.compact();
  }

  /** Called once if a store fails; the registry then replaces the room. */
  onReset(listener: (room: WorkshopRoom) => void): void {
    this.resetListeners.add(listener);
  }

  /**
   * A store failed: the live document may hold updates the database lacks and never will. Every connection
   * is closed with the storage code; clients reconnect to a room loaded from the database and resend.
   */
  reset(): void {
    if (this.resetting) return;
    this.resetting = true;
    this.closeConnections(CLOSE.storageUnavailable);
    for (const listener of this.resetListeners) listener(this);
  }

  /** Closes every connection: nothing more is taken in (pending commits still complete). */
  closeConnections(reason: CloseReason): void {
    for (const connection of this.connections) connection.close(reason);
  }

  /** Closes every connection and frees the doc (after the registry has let pending commits land). */
  destroy(reason: CloseReason): void {
    this.closeConnections(reason);
    this.connections.clear();
    this.sequence.stop();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Sync step 1 and awareness queries cost a whole encode each: a client asking over and over is let go. */
  private expensiveAllowed(connection: YjsConnection): boolean {
    if (connection.takeExpensive(performance.now())) return true;
    this.services.metrics.rejectedFrames.inc({ reason: 'expensive-rate' });
    connection.close(CLOSE.tooManyMessages);
    return false;
  }

  private syncStep2(stateVector: Uint8Array): Uint8Array {
    if (stateVector.byteLength === 1 && stateVector[0] === 0)
      return (this.fullState ??= syncStep2Message(this.doc, stateVector));
    return syncStep2Message(this.doc, stateVector);
  }

  /** Sends one frame, encoded once, to every connection but `except`. */
  relay(message: Uint8Array, except?: unknown): void {
    for (const connection of this.connections) if (connection !== except) connection.send(message);
  }

  /**
   * Applies an update that is not a client's fresh edit (stored elsewhere, the server's own) and relays
   * what it changed in the document — also the part taken before Yjs threw, should it throw.
   */
  applyAndRelay(update: Uint8Array, origin: unknown): void {
    let changed: Uint8Array | undefined;
    const capture = (part: Uint8Array): void => {
      changed = part;
    };
    this.doc.on('update', capture);
    try {
      Y.applyUpdate(this.doc, update, origin);
    } finally {
      this.doc.off('update', capture);
      if (changed) this.relay(updateMessage(changed), origin);
    }
  }
}

/**
 * Moves what loading set aside into quarantine. When even that write fails the room is still served (the
 * next load tries again): nothing is lost, the updates stay in the log.
 */
async function quarantine(
  workshopId: string,
  services: RoomServices,
  setAside: readonly SetAside[],
  during: string,
): Promise<void> {
  try {
    await services.store.quarantine(workshopId, setAside);
  } catch (error) {
    services.logger.error(
      { workshopId, err: String(error) },
      'could not move set-aside updates into quarantine; they stay in the log',
    );
  }
  reportSetAside(workshopId, services, setAside, during);
}
