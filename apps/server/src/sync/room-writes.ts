import { randomInt } from 'node:crypto';
import * as Y from 'yjs';
import { CLOSE, closeWithDetail } from '@accord/protocol/close-codes';
import { can } from '@accord/protocol/roles';
import { ROOM_FREEZE_CLOSE } from '../workshops/room-freeze.ts';
import { savedMessage, updateMessage } from './messages.ts';
import { novelChange } from './novel-part.ts';
import type { RoomServices } from './room-services.ts';
import type { StoredSequence } from './stored-sequence.ts';
import { UpdateShapeGuard, type ShapeViolation } from './update-shape.ts';
import type { YjsConnection } from './yjs-connection.ts';

/** Origin of the server's own changes when they are applied to the live document. */
export const SERVER_CHANGE = Symbol('server-change');

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

/** The room is being reloaded after a store failed; the change was not made. */
export class RoomResetting extends Error {
  constructor() {
    super('the workshop is being reloaded after a failed store; try again');
  }
}

/** The room a write path serves. */
export interface WriteHost {
  readonly workshopId: string;
  readonly doc: Y.Doc;
  /** A store failed: the room must reset so clients resend what the database lacks. */
  reset(): void;
  /** Sends one frame to every connection but `except`. */
  relay(message: Uint8Array, except?: unknown): void;
  /** Applies an update and relays what it changed. */
  applyAndRelay(update: Uint8Array, origin: unknown): void;
}

/**
 * The write path of one room. A client's update is cut to what the document lacks, checked (role, size,
 * shape), applied to the live document — which relays it to the peers at once — and handed to the group
 * commit; its writer is told "saved" only after the commit. A frame that holds nothing new is
 * acknowledged only once every update the document held when it arrived is stored: the document may hold
 * updates still on their way to the database, and a resend of one of them must not be called saved early.
 * The server's own changes are stored first and applied after, so no client ever holds server-owned
 * content the database lacks (a client resending it would be refused).
 */
export class RoomWrites {
  private readonly shape: UpdateShapeGuard;
  /** Bytes handed to the group commit and not yet stored or failed. */
  private pendingBytes = 0;
  /** Updates handed to the group commit and not yet stored or failed. */
  private inFlight = 0;
  private readonly settledWaiters: (() => void)[] = [];
  /** Every update handed to the group commit takes the next ticket; a workshop's commits land in order. */
  private lastTicket = 0;
  private storedTicket = 0;
  /** Frames that held nothing new, each waiting for the updates enqueued before it. */
  private readonly afterStored: { readonly ticket: number; readonly run: () => void; readonly cancel?: () => void }[] =
    [];
  /** Connections owed a saved message at the end of this burst of commits. */
  private readonly savedDue = new Set<YjsConnection>();
  /** The client id of this room's server-side changes, so each change does not add an id to the document. */
  private serverClientId = randomClientId();
  /** Server-side changes run one at a time, each reading the document with the previous one applied. */
  private serverChanges: Promise<unknown> = Promise.resolve();
  /** A store failed: nothing more is taken or acknowledged; the room is being reset. */
  private failed = false;
  /** The connection whose update is being applied, and the transaction that applied it. */
  private applying: YjsConnection | undefined;
  private applied: Y.Transaction | undefined;

  constructor(
    private readonly room: WriteHost,
    private readonly sequence: StoredSequence,
    private readonly services: RoomServices,
  ) {
    this.shape = new UpdateShapeGuard(room.doc);
    // Yjs ends a transaction (and tells) even when applying throws half-way: what it took is then known.
    room.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin !== undefined && transaction.origin === this.applying) this.applied = transaction;
    });
  }

  /** Bytes stored for this workshop (snapshot plus tail) plus updates in flight. */
  get documentBytes(): number {
    return this.sequence.storedBytes + this.pendingBytes;
  }

  /**
   * A client's document frame. An update that breaks the document's rules (a read-only role writing, a
   * server-owned part, a wrong type, too deep) is refused before anything else: not applied, relayed,
   * stored or acknowledged, and the connection is closed with a reason naming what was wrong. Decoding
   * errors are thrown (the caller closes the connection as malformed). `frame` is the whole message as
   * received: a fresh edit goes to the peers as those very bytes, never encoded again.
   */
  receive(
    connection: YjsConnection,
    received: Uint8Array,
    step: 'sync-step-2' | 'update' = 'update',
    frame?: Uint8Array,
  ): void {
    if (this.failed) return;
    const number = connection.nextFrame();
    const novel = novelChange(this.room.doc, received);
    if (!novel) return this.whenEarlierStored(() => this.frameDone(connection, number));
    if (step === 'sync-step-2' && !can(connection.identity.role, 'editRequirements')) {
      // A sponsor's or observer's browser answers the server's state vector with all it holds. Since edits are
      // relayed before they are stored, that may be an editor's edit the database lost (a reset, a killed
      // node): not theirs to write, and not a reason to lock them out. It is dropped, never applied or
      // acknowledged; the edit comes back from its editor, whose browser still holds it unsaved. A change of
      // their own arrives as an update message and is refused below.
      this.services.metrics.droppedReadonly.inc();
      this.services.logger.debug(
        { workshopId: this.room.workshopId, participantId: connection.identity.participantId },
        "dropped what a read-only role's sync step 2 held beyond the stored document",
      );
      return;
    }
    const checked = this.shape.check(novel.decoded, connection.readOnly ? 'read-only' : 'editor', { hold: false });
    if (!checked.ok) return this.refuse(connection, checked.violation);
    if (this.documentBytes + novel.update.byteLength > this.services.limits.maxDocBytes) {
      this.services.metrics.rejectedFrames.inc({ reason: 'document-too-large' });
      connection.close(CLOSE.documentTooLarge);
      return;
    }
    this.applying = connection;
    this.applied = undefined;
    try {
      Y.applyUpdate(this.room.doc, novel.update, connection);
    } catch (error) {
      return this.unappliable(connection, error);
    } finally {
      this.applying = undefined;
    }
    // Relayed now, not after the disk; what is queued for the peers' sockets goes out at the end of this turn.
    const asSent = step === 'update' && frame !== undefined && novel.update === received;
    this.room.relay(asSent ? frame : updateMessage(novel.update), connection);
    this.store(novel.update, () => this.frameDone(connection, number));
  }

  /**
   * A change made by the server itself (accepting a proposal, importing a file): built on a scratch copy,
   * kept only when it reports `ok`, stored, then applied to the live document. The promise resolves once it
   * is stored and applied. Changes are serialised: two decisions taken at once see each other.
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

  /**
   * Resolves once every update taken so far is stored; later ones are not waited for, so people typing on
   * cannot hold it up. Rejects with `RoomResetting` when the room fails first.
   */
  storedSoFar(): Promise<void> {
    if (this.failed) return Promise.reject(new RoomResetting());
    if (this.storedTicket >= this.lastTicket) return Promise.resolve();
    return new Promise((resolve, reject) =>
      this.afterStored.push({ ticket: this.lastTicket, run: resolve, cancel: () => reject(new RoomResetting()) }),
    );
  }

  /** Resolves once nothing of this room is waiting in the group commit. */
  settled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private async runServerChange<T extends { readonly ok: boolean }>(change: (doc: Y.Doc) => T): Promise<T> {
    if (this.failed) throw new RoomResetting();
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.room.doc));
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
    await new Promise<void>((resolve, reject) =>
      this.store(
        update,
        () => {
          this.room.applyAndRelay(update, SERVER_CHANGE);
          this.shape.release(checked.held);
          resolve();
        },
        (error) => {
          this.shape.release(checked.held);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      ),
    );
    return result;
  }

  private store(update: Uint8Array, stored: () => void, failed?: (error: unknown) => void): void {
    const ticket = (this.lastTicket += 1);
    this.pendingBytes += update.byteLength;
    this.inFlight += 1;
    this.services.committer.enqueue({
      workshopId: this.room.workshopId,
      update,
      onStored: (seq) => {
        this.pendingBytes -= update.byteLength;
        stored();
        this.sequence.stored(seq, update);
        this.services.onStored?.(this.room.workshopId, seq, update);
        this.storedTicket = ticket;
        while (this.afterStored.length > 0 && (this.afterStored[0]?.ticket ?? Infinity) <= ticket)
          this.afterStored.shift()?.run();
        this.landed();
      },
      onFailed: (error) => {
        this.pendingBytes -= update.byteLength;
        this.services.metrics.commitFailures.inc();
        failed?.(error);
        this.fail(error, 'storing an update failed; resetting the room');
        this.landed();
      },
    });
  }

  /** Nothing more is taken or acknowledged here; the room is reset so clients resend what the database lacks. */
  private fail(error: unknown, message: string): void {
    if (this.failed) return;
    this.failed = true;
    for (const waiting of this.afterStored.splice(0)) waiting.cancel?.();
    this.savedDue.clear();
    this.services.logger.error({ workshopId: this.room.workshopId, err: String(error) }, message);
    this.room.reset();
  }

  private landed(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0) for (const resolve of this.settledWaiters.splice(0)) resolve();
  }

  /** Runs once every update enqueued so far is stored (at once when none is in flight). */
  private whenEarlierStored(run: () => void): void {
    if (this.storedTicket >= this.lastTicket) run();
    else this.afterStored.push({ ticket: this.lastTicket, run });
  }

  /**
   * Yjs threw while applying an update that passed the checks. It is refused for its connection alone,
   * closed with 4422 and never acknowledged; the room and the other connections carry on. Whatever part
   * Yjs took before it threw is in the document and already at the peers, so that part is stored like any
   * update: the database holds all the room holds, and a peer's resend of it is never called saved early.
   */
  private unappliable(connection: YjsConnection, error: unknown): void {
    connection.failed = true;
    const transaction = this.applied;
    this.applied = undefined;
    const applied = transaction && changedPart(this.room.doc, transaction);
    this.services.metrics.refusedUpdates.inc({ reason: 'unappliable' });
    this.services.logger.warn(
      {
        workshopId: this.room.workshopId,
        participantId: connection.identity.participantId,
        err: String(error),
        storedPart: applied?.byteLength ?? 0,
      },
      'an update could not be applied; refused it and closed its connection',
    );
    connection.close(closeWithDetail(CLOSE.invalidUpdate, 'the update cannot be applied'));
    if (!applied) return;
    this.room.relay(updateMessage(applied), connection);
    this.store(applied, () => undefined);
  }

  private refuse(connection: YjsConnection, violation: ShapeViolation): void {
    // Later frames may build on the refused one: take none of them.
    connection.failed = true;
    if (violation.kind === 'read-only') this.services.metrics.droppedReadonly.inc();
    this.services.metrics.refusedUpdates.inc({ reason: violation.kind });
    this.services.logger.info(
      {
        workshopId: this.room.workshopId,
        participantId: connection.identity.participantId,
        role: connection.identity.role,
        refused: violation.kind,
        why: violation.message,
      },
      'refused a document update',
    );
    // An editor is read-only only while the room is frozen for signing: a code in the retry range, so the
    // client keeps its edit and sends it once the room is unfrozen (4403 would stop it for good).
    if (violation.kind === 'read-only' && can(connection.identity.role, 'editRequirements')) {
      connection.close(ROOM_FREEZE_CLOSE);
      return;
    }
    const forbidden = violation.kind === 'read-only' || violation.kind === 'server-only';
    connection.close(
      forbidden
        ? closeWithDetail(CLOSE.forbidden, violation.message)
        : closeWithDetail(CLOSE.invalidUpdate, violation.message),
    );
  }

  /** A document frame of a connection is stored (or held nothing new): tell its sender, once per burst. */
  private frameDone(connection: YjsConnection, frame: number): void {
    if (!connection.frameDone(frame) || !connection.wantsSaved) return;
    this.savedDue.add(connection);
    if (this.savedDue.size > 1) return;
    // A promise job rather than queueMicrotask, which wraps every callback in an async resource.
    void Promise.resolve().then(() => {
      if (this.savedDue.size === 0) return;
      const vector = this.sequence.storedStateVector();
      for (const due of this.savedDue) due.send(savedMessage(vector, due.framesStored));
      this.savedDue.clear();
    });
  }
}

/**
 * What a transaction put into the document, as an update: the structs added since it began and the
 * document's deletions (which hold the transaction's); undefined when it changed nothing.
 */
function changedPart(doc: Y.Doc, transaction: Y.Transaction): Uint8Array | undefined {
  const grew = [...transaction.afterState].some(
    ([client, clock]) => (transaction.beforeState.get(client) ?? 0) < clock,
  );
  if (!grew && transaction.deleteSet.clients.size === 0) return undefined;
  return Y.encodeStateAsUpdate(doc, Y.encodeStateVector(transaction.beforeState));
}

function randomClientId(): number {
  return randomInt(1, 2 ** 32 - 1);
}
