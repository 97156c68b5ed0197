import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

// The y-websocket numbering the official provider uses, plus Accord's saved message (`?saved=1` only).
const MESSAGE_SYNC = 0;
const MESSAGE_SAVED = 100;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** Origin of changes that came from the server, so the client does not send them back. */
const REMOTE = Symbol('remote');

/** What a writer puts into each edit: who, which edit, and when (`performance.now()` of this process). */
export interface Stamp {
  readonly writer: number;
  readonly seq: number;
  readonly sentAt: number;
}

export interface VirtualClientOptions {
  /** The websocket URL of the room, with whatever the server needs (token, `saved=1`). */
  readonly url: string;
  /** The writer number stamped into this client's edits. */
  readonly writer?: number;
  /** Every stamp of an incoming update, with the time its frame arrived. Called once per frame. */
  readonly onStamps?: (stamps: readonly Stamp[], arrivedAt: number) => void;
  /** Accord's saved message covered one of this client's edits: when it was sent and when the ack came. */
  readonly onSaved?: (sentAt: number, savedAt: number) => void;
  /**
   * Apply incoming updates to the local doc like a full client. Off by default: a receiver only decodes them
   * for stamps, which keeps hundreds of clients cheap enough that the generator does not set the latency.
   */
  readonly applyUpdates?: boolean;
  /** The doc to sync (e.g. one holding content to push); a fresh one by default. */
  readonly doc?: Y.Doc;
}

/**
 * One participant speaking the y-websocket protocol over a raw `ws` socket with its own `Y.Doc`: it answers
 * the server's sync step 1, asks with its own, counts as synced at the first sync step 2, and sends each
 * local change as an update. Unknown message types (awareness, anything new) are ignored.
 */
export class VirtualClient {
  readonly doc: Y.Doc;
  /** `performance.now()` when the socket was created. */
  readonly startedAt = performance.now();
  /** When the first sync step 2 had arrived and been applied. */
  syncedAt: number | undefined;
  /** The close code once the socket has closed. */
  closeCode: number | undefined;
  /** Accord saved messages received (whether or not they covered an edit of this client). */
  savedMessages = 0;
  private readonly socket: WebSocket;
  private readonly whenSynced: Promise<void>;
  private readonly whenClosed: Promise<number>;
  private readonly unsaved: { readonly clock: number; readonly sentAt: number }[] = [];

  constructor(private readonly options: VirtualClientOptions) {
    this.doc = options.doc ?? new Y.Doc();
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.send(frame(MESSAGE_SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update)));
    });
    this.socket = new WebSocket(options.url, { perMessageDeflate: false });
    this.socket.binaryType = 'nodebuffer';
    this.whenClosed = new Promise((resolve) => {
      this.socket.once('close', (code) => {
        this.closeCode = code;
        resolve(code);
      });
    });
    this.whenSynced = new Promise((resolve, reject) => {
      const onClose = (code: number): void =>
        reject(new Error(`closed with ${code} before syncing (${options.url.replace(/token=[^&]+/, 'token=…')})`));
      this.socket.once('close', onClose);
      this.socket.on('message', (data: Buffer) => {
        this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        if (this.syncedAt !== undefined) {
          this.socket.off('close', onClose);
          resolve();
        }
      });
    });
    void this.whenSynced.catch(() => undefined);
    this.socket.on('error', () => undefined);
    this.socket.once('open', () =>
      this.send(frame(MESSAGE_SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, this.doc))),
    );
  }

  /** Resolves once synced; rejects when the socket closes first or the time runs out. */
  synced(timeoutMs = 30_000): Promise<void> {
    if (this.syncedAt !== undefined) return Promise.resolve();
    return withTimeout(this.whenSynced, timeoutMs, 'sync');
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /**
   * One edit: the writer's stamp `[writer, seq, sentAt]` replaces its previous one under its own key in the
   * requirements root (the Yjs door refuses other roots and plain objects where a map belongs).
   */
  edit(seq: number): void {
    const writer = this.options.writer ?? 0;
    const sentAt = performance.now();
    this.doc.getMap('requirements').set(`bench.${writer}`, [writer, seq, sentAt]);
    if (this.options.onSaved) this.unsaved.push({ clock: Y.getState(this.doc.store, this.doc.clientID), sentAt });
  }

  /** Edits not yet acknowledged by a saved message. */
  get unsavedCount(): number {
    return this.unsaved.length;
  }

  /** Closes politely and waits for the close handshake (terminates after `timeoutMs`). */
  async close(timeoutMs = 3_000): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close(1000);
    const timer = setTimeout(() => this.socket.terminate(), timeoutMs);
    await this.whenClosed;
    clearTimeout(timer);
  }

  private send(message: Uint8Array): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(message);
  }

  private receive(message: Uint8Array): void {
    const arrivedAt = performance.now();
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SAVED) return this.acknowledge(decoding.readVarUint8Array(decoder), arrivedAt);
    if (type !== MESSAGE_SYNC) return;
    const syncType = decoding.readVarUint(decoder);
    if (syncType === SYNC_STEP_1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      this.send(frame(MESSAGE_SYNC, (encoder) => syncProtocol.writeSyncStep2(encoder, this.doc, stateVector)));
      return;
    }
    if (syncType !== SYNC_STEP_2 && syncType !== SYNC_UPDATE) return;
    const update = decoding.readVarUint8Array(decoder);
    if (this.options.onStamps) {
      const stamps = stampsOf(update);
      if (stamps.length > 0) this.options.onStamps(stamps, arrivedAt);
    }
    if (syncType === SYNC_STEP_2 || this.options.applyUpdates) Y.applyUpdate(this.doc, update, REMOTE);
    if (syncType === SYNC_STEP_2 && this.syncedAt === undefined) this.syncedAt = performance.now();
  }

  private acknowledge(storedStateVector: Uint8Array, arrivedAt: number): void {
    this.savedMessages += 1;
    const stored = Y.decodeStateVector(storedStateVector).get(this.doc.clientID) ?? 0;
    let covered = 0;
    while (covered < this.unsaved.length && (this.unsaved[covered]?.clock ?? Infinity) <= stored) {
      this.options.onSaved?.(this.unsaved[covered]?.sentAt ?? arrivedAt, arrivedAt);
      covered += 1;
    }
    if (covered > 0) this.unsaved.splice(0, covered);
  }
}

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** The bench stamps an update carries (decoded without a doc, so duplicates stay visible). */
export function stampsOf(update: Uint8Array): Stamp[] {
  const stamps: Stamp[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
    for (const value of struct.content.arr as unknown[]) {
      if (!Array.isArray(value) || value.length !== 3) continue;
      const [w, s, t] = value as unknown[];
      if (typeof w === 'number' && typeof s === 'number' && typeof t === 'number')
        stamps.push({ writer: w, seq: s, sentAt: t });
    }
  }
  return stamps;
}

/** Rejects with a message naming what was awaited when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
