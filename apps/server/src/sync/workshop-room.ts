import { randomInt } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import { decodeAwarenessUpdate, encodeAwarenessEntries, type AwarenessEntry } from './awareness-filter.ts';
import { CLOSE, closeWithDetail } from '@accord/protocol/close-codes';
import { can } from '@accord/protocol/roles';
import { ROOM_FREEZE_CLOSE } from '../workshops/room-freeze.ts';
import type { GroupCommitter } from './group-commit.ts';
import { awarenessMessage, savedMessage, syncStep1Message, syncStep2Message, updateMessage } from './messages.ts';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, SYNC_STEP_1, SYNC_STEP_2, SYNC_UPDATE } from './protocol.ts';
import { novelChange } from './novel-part.ts';
import { replayStored, type SetAside } from './replay-stored.ts';
import { UpdateShapeGuard, type ShapeViolation } from './update-shape.ts';
import type { UpdateStore } from './update-store.ts';
import type { YjsConnection } from './yjs-connection.ts';

export interface RoomLimits {
  /** Largest stored document (snapshot plus tail plus updates in flight), bytes. */
  readonly maxDocBytes: number;
  /** Largest awareness state of one client, bytes of JSON. */
  readonly maxAwarenessBytes: number;
  /** Most awareness client ids one connection may introduce (one per tab is normal). */
  readonly maxAwarenessIdsPerConnection: number;
}

export interface RoomServices {
  readonly store: UpdateStore;
  readonly committer: GroupCommitter;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly limits: RoomLimits;
  /** Compact once the stored tail holds this many updates. */
  readonly compactAfterUpdates: number;
  /** Told of every update this node stored, with its sequence number (scale-out fans it out). */
  readonly onStored?: (workshopId: string, seq: number, update: Uint8Array) => void;
  /** Told of every awareness change with its origin (scale-out fans out what this node's clients changed). */
  readonly onAwareness?: (room: WorkshopRoom, change: AwarenessChange, origin: unknown) => void;
}

/** Client ids whose awareness state an update added, changed or removed. */
export interface AwarenessChange {
  readonly added: number[];
  readonly updated: number[];
  readonly removed: number[];
}

/** How long a gap in the sequence may wait for its update to arrive before it is read from the database. */
const GAP_GRACE_MS = 100;

/** Origin of updates that arrive already stored (from another node or a catch-up read). */
export const STORED_ELSEWHERE = Symbol('stored-elsewhere');

class MalformedMessage extends Error {}

/** A server-side change would break the document's shape (too deep, a wrong type); nothing was stored. */
export class DocumentShapeRefused extends Error {
  constructor(readonly violation: ShapeViolation) {
    super(violation.message);
  }
}

/** A server-side change would push the document over its size limit; nothing was stored. */
export class DocumentTooLarge extends Error {
  constructor() {
    super(CLOSE.documentTooLarge.reason);
  }
}

/**
 * One workshop's live document and its connections. The write-ahead rule lives here: an update from a
 * client is appended to the database first; only once stored is it applied to this doc, which relays it.
 * So the doc — and everything any peer receives from it — only ever holds stored changes.
 */
export class WorkshopRoom {
  readonly awareness: awarenessProtocol.Awareness;
  /** Checks every update's shape before it is stored; holds accepted ones until they are applied. */
  private readonly shape: UpdateShapeGuard;
  readonly connections = new Set<YjsConnection>();
  private readonly awarenessOwner = new Map<number, YjsConnection>();
  /** Highest sequence number applied with every lower one applied too. */
  private appliedSeq: number;
  private readonly storedAbove = new Set<number>();
  private readonly tailSizes: { seq: number; bytes: number }[] = [];
  private snapshotBytes: number;
  private pendingBytes = 0;
  /** Updates handed to the group commit and not yet stored or failed. */
  private inFlight = 0;
  private readonly settledWaiters: (() => void)[] = [];
  private gapTimer: NodeJS.Timeout | undefined;
  private compacting = false;
  /** Connections owed a saved message at the end of this burst of commits. */
  private readonly savedDue = new Set<YjsConnection>();

  private constructor(readonly workshopId: string, private readonly services: RoomServices, stored: { lastSeq: number; snapshotBytes: number }, readonly doc: Y.Doc) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.shape = new UpdateShapeGuard(doc);
    this.appliedSeq = stored.lastSeq;
    this.snapshotBytes = stored.snapshotBytes;
    this.awareness.setLocalState(null);
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => this.relayAwareness(change, origin));
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
    const room = new WorkshopRoom(workshopId, services, { lastSeq: stored.lastSeq, snapshotBytes: stored.snapshot?.state.byteLength ?? 0 }, doc);
    const aside = new Set(setAside.filter((entry) => entry.kind === 'update').map((entry) => entry.seq));
    for (const row of stored.tail) if (!aside.has(row.seq)) room.tailSizes.push({ seq: row.seq, bytes: row.update.byteLength });
    // Listening only now: applying the stored state would otherwise encode the whole document for no one.
    room.doc.on('update', (update: Uint8Array, origin: unknown) => {
      room.fullState = undefined;
      room.relay(update, origin);
    });
    return room;
  }

  get lastAppliedSeq(): number {
    return this.appliedSeq;
  }

  /** Bytes stored for this workshop (snapshot plus tail) plus updates in flight. */
  get documentBytes(): number {
    return this.snapshotBytes + this.tailSizes.reduce((sum, t) => sum + t.bytes, 0) + this.pendingBytes;
  }

  get tailLength(): number {
    return this.tailSizes.length;
  }

  addConnection(connection: YjsConnection): void {
    this.connections.add(connection);
    connection.send(syncStep1Message(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) connection.send(awarenessMessage(this.awareness, states));
  }

  removeConnection(connection: YjsConnection): void {
    if (!this.connections.delete(connection)) return;
    const ids = [...connection.awarenessIds];
    for (const id of ids) this.awarenessOwner.delete(id);
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
  }

  /** Handles one binary frame. A malformed one closes its connection with 4400 and changes nothing. */
  handleMessage(connection: YjsConnection, message: Uint8Array): void {
    if (connection.failed || !connection.isOpen) return;
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) this.handleSync(connection, decoder);
      else if (type === MESSAGE_AWARENESS) this.handleAwareness(connection, readPayload(decoder));
      else if (type === MESSAGE_QUERY_AWARENESS) {
        expectEnd(decoder);
        if (!this.expensiveAllowed(connection)) return;
        connection.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
      } else throw new MalformedMessage(`unknown message type ${type}`);
    } catch (error) {
      this.services.metrics.rejectedFrames.inc({ reason: 'malformed' });
      this.services.logger.debug({ workshopId: this.workshopId, participantId: connection.identity.participantId, err: String(error) }, 'malformed yjs frame');
      connection.close(CLOSE.malformedMessage);
    }
  }

  /** Sync step 1 and awareness queries cost a whole encode each: a client asking over and over is let go. */
  private expensiveAllowed(connection: YjsConnection): boolean {
    if (connection.takeExpensive(performance.now())) return true;
    this.services.metrics.rejectedFrames.inc({ reason: 'expensive-rate' });
    connection.close(CLOSE.tooManyMessages);
    return false;
  }

  private handleSync(connection: YjsConnection, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    const payload = readPayload(decoder);
    if (syncType === SYNC_STEP_1) {
      const stateVector = checkedStateVector(payload);
      if (this.expensiveAllowed(connection)) connection.send(this.syncStep2(stateVector));
    }
    else if (syncType === SYNC_STEP_2 || syncType === SYNC_UPDATE) this.submit(connection, payload);
    else throw new MalformedMessage(`unknown sync message ${syncType}`);
  }

  /** The whole document as a sync step 2, kept until the next change: every new browser asks for it. */
  private fullState: Uint8Array | undefined;

  private syncStep2(stateVector: Uint8Array): Uint8Array {
    if (stateVector.byteLength === 1 && stateVector[0] === 0) return (this.fullState ??= syncStep2Message(this.doc, stateVector));
    return syncStep2Message(this.doc, stateVector);
  }

  /**
   * Checks a client's update, stores it, then applies and relays it. An update that adds nothing is
   * acknowledged at once; one that breaks the document's rules (a read-only role writing, a server-owned
   * part, a wrong type, too deep) is refused before anything else: not stored, not relayed, not
   * acknowledged, and the connection is closed with a reason naming what was wrong.
   */
  private submit(connection: YjsConnection, received: Uint8Array): void {
    const frame = connection.nextFrame();
    // Decoding first: a malformed update throws here and closes the connection, whoever sent it.
    const novel = novelChange(this.doc, received);
    if (!novel) return this.frameDone(connection, frame);
    const checked = this.shape.check(novel.decoded, connection.readOnly ? 'read-only' : 'editor');
    if (!checked.ok) return this.refuse(connection, checked.violation);
    if (this.documentBytes + novel.update.byteLength > this.services.limits.maxDocBytes) {
      this.shape.release(checked.held);
      this.services.metrics.rejectedFrames.inc({ reason: 'document-too-large' });
      connection.close(CLOSE.documentTooLarge);
      return;
    }
    this.enqueue(novel.update, connection, () => this.frameDone(connection, frame), undefined, checked.held);
  }

  private refuse(connection: YjsConnection, violation: ShapeViolation): void {
    // Later frames may build on the refused one: take none of them.
    connection.failed = true;
    if (violation.kind === 'read-only') this.services.metrics.droppedReadonly.inc();
    this.services.metrics.refusedUpdates.inc({ reason: violation.kind });
    this.services.logger.info({ workshopId: this.workshopId, participantId: connection.identity.participantId, role: connection.identity.role, refused: violation.kind, why: violation.message }, 'refused a document update');
    // An editor is read-only only while the room is frozen for signing: a code in the retry range, so the
    // client keeps its edit and sends it once the room is unfrozen (4403 would stop it for good).
    if (violation.kind === 'read-only' && can(connection.identity.role, 'editRequirements')) {
      connection.close(ROOM_FREEZE_CLOSE);
      return;
    }
    const forbidden = violation.kind === 'read-only' || violation.kind === 'server-only';
    connection.close(forbidden ? closeWithDetail(CLOSE.forbidden, violation.message) : closeWithDetail(CLOSE.invalidUpdate, violation.message));
  }

  /** A document frame of a connection is stored (or held nothing new): tell its sender, once per burst. */
  private frameDone(connection: YjsConnection, frame: number): void {
    if (!connection.frameDone(frame) || !connection.wantsSaved) return;
    this.savedDue.add(connection);
    if (this.savedDue.size > 1) return;
    queueMicrotask(() => {
      const vector = Y.encodeStateVector(this.doc);
      for (const due of this.savedDue) due.send(savedMessage(vector, due.framesStored));
      this.savedDue.clear();
    });
  }

  /** The client id of this room's server-side changes, so each change does not add an id to the document. */
  private serverClientId = randomClientId();
  /** Server-side changes run one at a time, each reading the document with the previous one applied. */
  private serverChanges: Promise<unknown> = Promise.resolve();

  /**
   * A change made by the server itself (accepting a proposal, importing a file): built on a scratch copy so
   * the live doc still holds only stored changes, then stored and applied like any client's update. The
   * change is kept only when it reports `ok`; the promise resolves once it is stored and applied. Changes
   * are serialised: two decisions taken at once see each other, as they would one after the other.
   */
  applyServerChange<T extends { readonly ok: boolean }>(change: (doc: Y.Doc) => T): Promise<T> {
    const run = () => this.runServerChange(change);
    const result = this.serverChanges.then(run, run);
    this.serverChanges = result.catch(() => {
      // A change whose fate is unknown may hold clocks of this id: later changes must not reuse them.
      this.serverClientId = randomClientId();
    });
    return result;
  }

  private async runServerChange<T extends { readonly ok: boolean }>(change: (doc: Y.Doc) => T): Promise<T> {
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.doc));
    // After the load: Yjs gives a doc a fresh id when a remote update carries its own (it assumes a clash).
    scratch.clientID = this.serverClientId;
    const before = Y.encodeStateVector(scratch);
    const result = change(scratch);
    const update = Y.encodeStateAsUpdate(scratch, before);
    scratch.destroy();
    if (!result.ok) return result;
    const decoded = Y.decodeUpdate(update);
    if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return result;
    // The server's own changes may write its parts, but never a shape a load would set aside.
    const checked = this.shape.check(decoded, 'server');
    if (!checked.ok) throw new DocumentShapeRefused(checked.violation);
    if (this.documentBytes + update.byteLength > this.services.limits.maxDocBytes) {
      this.shape.release(checked.held);
      throw new DocumentTooLarge();
    }
    await new Promise<void>((resolve, reject) => this.enqueue(update, null, resolve, reject, checked.held));
    return result;
  }

  /** Resolves once nothing of this room is waiting in the group commit. */
  settled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private landed(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0) for (const resolve of this.settledWaiters.splice(0)) resolve();
  }

  private enqueue(update: Uint8Array, connection: YjsConnection | null, done?: () => void, fail?: (error: unknown) => void, held = 0): void {
    this.pendingBytes += update.byteLength;
    this.inFlight += 1;
    this.services.committer.enqueue({
      workshopId: this.workshopId,
      update,
      onStored: (seq) => {
        this.landed();
        this.pendingBytes -= update.byteLength;
        this.applyStored(seq, update, connection);
        this.shape.release(held);
        this.services.onStored?.(this.workshopId, seq, update);
        done?.();
      },
      onFailed: (error) => {
        this.landed();
        this.pendingBytes -= update.byteLength;
        this.shape.release(held);
        this.services.metrics.commitFailures.inc();
        this.services.logger.error({ workshopId: this.workshopId, err: String(error) }, 'storing an update failed; nothing applied or relayed');
        if (connection) {
          // Later updates of this client may build on the lost one: take none until it reconnects and resends all.
          connection.failed = true;
          connection.close(CLOSE.storageUnavailable);
        }
        fail?.(error);
      },
    });
  }

  /** Applies an update that is already in the database under `seq` (from this node or another). */
  applyStored(seq: number, update: Uint8Array, origin: unknown = STORED_ELSEWHERE): boolean {
    if (seq <= this.appliedSeq || this.storedAbove.has(seq)) return false;
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      this.services.logger.error({ workshopId: this.workshopId, seq, err: String(error) }, 'a stored update could not be applied');
    }
    this.storedAbove.add(seq);
    while (this.storedAbove.delete(this.appliedSeq + 1)) this.appliedSeq += 1;
    this.tailSizes.push({ seq, bytes: update.byteLength });
    this.services.metrics.updates.inc();
    this.maybeCompact();
    if (this.hasGap) this.scheduleGapFill();
    return true;
  }

  /** Sequence numbers above the contiguous prefix are waiting for a lower one: a gap to fill from the store. */
  get hasGap(): boolean {
    return this.storedAbove.size > 0;
  }

  private catchingUp: Promise<void> | undefined;

  /**
   * A sequence number above the next expected one: the missing update is stored (the numbers are handed out
   * in the database) but has not reached this room — usually a fan-out message overtaken by another, which
   * arrives within milliseconds. If the gap is still there shortly after, it is read from the database.
   */
  private scheduleGapFill(): void {
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      if (!this.hasGap) return;
      this.services.metrics.catchUps.inc({ why: 'gap' });
      this.catchUp().catch((error: unknown) => {
        this.services.logger.warn({ workshopId: this.workshopId, err: String(error) }, 'filling a gap failed; will retry');
        if (this.hasGap) this.scheduleGapFill();
      });
    }, GAP_GRACE_MS);
    this.gapTimer.unref();
  }

  /**
   * Fills gaps from the database, the source of truth: updates another node stored that this one has not
   * heard of (a lost or late fan-out message). Where a compaction has already folded them into the snapshot,
   * the snapshot is applied (Yjs merges idempotently).
   */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.readMissing().finally(() => { this.catchingUp = undefined; });
    return this.catchingUp;
  }

  private async readMissing(): Promise<void> {
    const after = this.appliedSeq;
    const { snapshotUpto, tail } = await this.services.store.tailAfter(this.workshopId, after);
    if (snapshotUpto > after) {
      const stored = await this.services.store.load(this.workshopId);
      if (stored.snapshot) this.applySnapshot(stored.snapshot.seqUpto, stored.snapshot.state);
      for (const row of stored.tail) this.applyStored(row.seq, row.update);
      return;
    }
    for (const row of tail) this.applyStored(row.seq, row.update);
  }

  private applySnapshot(seqUpto: number, state: Uint8Array): void {
    Y.applyUpdate(this.doc, state, STORED_ELSEWHERE);
    if (seqUpto > this.appliedSeq) this.appliedSeq = seqUpto;
    for (const seq of this.storedAbove) if (seq <= seqUpto) this.storedAbove.delete(seq);
    while (this.storedAbove.delete(this.appliedSeq + 1)) this.appliedSeq += 1;
    this.snapshotBytes = state.byteLength;
    const keep = this.tailSizes.filter((t) => t.seq > seqUpto);
    this.tailSizes.splice(0, this.tailSizes.length, ...keep);
  }

  private relay(update: Uint8Array, origin: unknown): void {
    const message = updateMessage(update);
    for (const connection of this.connections) if (connection !== origin) connection.send(message);
  }

  private maybeCompact(): void {
    if (this.compacting || this.tailSizes.length < this.services.compactAfterUpdates) return;
    this.compacting = true;
    void this.compact().finally(() => { this.compacting = false; });
  }

  /** Merges the stored snapshot and tail into a new snapshot (in the background; the store takes a row lock). */
  async compact(): Promise<void> {
    try {
      const result = await this.services.store.compact(this.workshopId);
      if (!result) return;
      if (result.setAside.length > 0) reportSetAside(this.workshopId, this.services, result.setAside, 'compaction');
      this.snapshotBytes = result.bytes;
      const keep = this.tailSizes.filter((t) => t.seq > result.seqUpto);
      this.tailSizes.splice(0, this.tailSizes.length, ...keep);
      this.services.metrics.compactions.inc();
      this.services.logger.debug({ workshopId: this.workshopId, merged: result.merged, bytes: result.bytes }, 'compacted');
    } catch (error) {
      this.services.logger.warn({ workshopId: this.workshopId, err: String(error) }, 'compaction failed; the tail stays as it is');
    }
  }

  private handleAwareness(connection: YjsConnection, update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update);
    if (!connection.takeAwareness(performance.now())) {
      this.services.metrics.rejectedFrames.inc({ reason: 'awareness-rate' });
      return;
    }
    const accepted: AwarenessEntry[] = [];
    // Ids this frame introduces count at once: the limit holds within one frame, not only across frames.
    const introduced = new Set<number>();
    for (const entry of entries) {
      const owner = this.awarenessOwner.get(entry.clientId);
      if (owner !== undefined && owner !== connection) continue;
      if (owner === undefined && !introduced.has(entry.clientId)) {
        if (connection.awarenessIds.size + introduced.size >= this.services.limits.maxAwarenessIdsPerConnection) continue;
        introduced.add(entry.clientId);
      }
      if (Buffer.byteLength(entry.state, 'utf8') > this.services.limits.maxAwarenessBytes) continue;
      const state = stampIdentity(entry.state, connection);
      if (state === undefined) continue;
      accepted.push({ ...entry, state });
    }
    if (accepted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), connection);
  }

  private relayAwareness(change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    const connection = this.connections.has(origin as YjsConnection) ? (origin as YjsConnection) : undefined;
    if (connection) {
      for (const id of change.added) {
        connection.awarenessIds.add(id);
        this.awarenessOwner.set(id, connection);
      }
      for (const id of change.removed) {
        connection.awarenessIds.delete(id);
        this.awarenessOwner.delete(id);
      }
    }
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (changed.length === 0) return;
    const message = awarenessMessage(this.awareness, changed);
    for (const peer of this.connections) peer.send(message);
    this.services.onAwareness?.(this, change, origin);
  }

  /** Closes every connection: nothing more is taken in (pending commits still complete). */
  closeConnections(reason: { readonly code: number; readonly reason: string }): void {
    for (const connection of this.connections) connection.close(reason);
  }

  /** Closes every connection and frees the doc (after the registry has let pending commits land). */
  destroy(reason: { readonly code: number; readonly reason: string }): void {
    this.closeConnections(reason);
    this.connections.clear();
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/**
 * Moves what loading set aside into quarantine. When even that write fails the room is still served (the
 * next load tries again): nothing is lost, the updates stay in the log.
 */
async function quarantine(workshopId: string, services: RoomServices, setAside: readonly SetAside[], during: string): Promise<void> {
  try {
    await services.store.quarantine(workshopId, setAside);
  } catch (error) {
    services.logger.error({ workshopId, err: String(error) }, 'could not move set-aside updates into quarantine; they stay in the log');
  }
  reportSetAside(workshopId, services, setAside, during);
}

function reportSetAside(workshopId: string, services: RoomServices, setAside: readonly SetAside[], during: string): void {
  for (const entry of setAside) {
    services.metrics.quarantined.inc();
    services.logger.error({ workshopId, kind: entry.kind, seq: entry.seq, bytes: entry.update.byteLength, reason: entry.reason, during }, 'set a stored update aside; serving the rest');
  }
}

/** A state vector read strictly: a count, that many (client, clock) pairs, and nothing after them. */
function checkedStateVector(payload: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(payload);
  const count = decoding.readVarUint(decoder);
  if (count > 100_000) throw new MalformedMessage('state vector with an absurd number of clients');
  for (let i = 0; i < count; i += 1) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
  }
  expectEnd(decoder);
  return payload;
}

function randomClientId(): number {
  return randomInt(1, 2 ** 32 - 1);
}

function readPayload(decoder: decoding.Decoder): Uint8Array {
  const payload = decoding.readVarUint8Array(decoder);
  expectEnd(decoder);
  return payload;
}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes after the message');
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
