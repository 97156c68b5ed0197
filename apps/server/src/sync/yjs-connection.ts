import type { Role } from '@accord/protocol/roles';
import type { WebSocket } from 'ws';
import { CLOSE, type CloseReason } from '@accord/protocol/close-codes';
import type { Flushable, SendBatcher } from './send-batcher.ts';

/** Bytes queued for one connection beyond which it counts as not reading (several whole documents). */
const MAX_BUFFERED_BYTES = 32 * 1_048_576;

/** Who is on the other end of a Yjs websocket, and what the server has agreed with them. */
export interface ConnectionIdentity {
  readonly participantId: string;
  readonly name: string;
  readonly role: Role;
}

/**
 * One y-websocket connection to a workshop room. Observers are read-only: the room drops their document
 * updates. `wantsSaved` connections (`?saved=1`) receive the stored state vector after each commit.
 */
export class YjsConnection implements Flushable {
  /** Awareness client ids this connection has introduced; only it may update or remove them. */
  readonly awarenessIds = new Set<number>();
  /** Set once an update of this connection was refused: later updates may build on it, so none is taken. */
  failed = false;
  /** Every frame spends a token; an empty bucket closes the connection (the client resends on reconnect). */
  private readonly frames = new TokenBucket(400, 200);
  /** Replies that cost a whole-document encode (sync step 1, awareness queries): 10 at once, 1 a second. */
  private readonly expensive = new TokenBucket(10, 1);
  /** Awareness is relayed to everyone in the room: a flood of it is dropped, not relayed. */
  private readonly awareness = new TokenBucket(40, 10);
  /** Document frames (sync step 2, update) received, numbered from 1 in arrival order. */
  private framesReceived = 0;
  private readonly framesDone = new Set<number>();
  /** Every document frame up to this number is stored (or held nothing new): what the saved message reports. */
  framesStored = 0;
  private closed = false;
  /** Frames sent this turn of the event loop, written together by the batcher. */
  private outgoing: Uint8Array[] = [];

  /**
   * `stream` is the socket under the websocket, corked while a batch is written (one system call); with
   * no batcher every frame is written at once.
   */
  constructor(
    private readonly socket: WebSocket,
    readonly identity: ConnectionIdentity,
    readonly readOnly: boolean,
    readonly wantsSaved: boolean,
    private readonly batcher?: SendBatcher,
    private readonly stream?: { cork(): void; uncork(): void },
  ) {}

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === this.socket.OPEN;
  }

  /** Queues a frame; frames go out in the order sent. */
  send(message: Uint8Array): void {
    if (!this.isOpen) return;
    if (!this.batcher) return void this.write([message]);
    this.outgoing.push(message);
    if (this.outgoing.length === 1) this.batcher.want(this);
  }

  /** Writes the queued frames in one corked burst; returns how many. */
  flush(): number {
    const frames = this.outgoing;
    if (frames.length === 0) return 0;
    this.outgoing = [];
    if (!this.isOpen) return 0;
    this.stream?.cork();
    try {
      this.write(frames);
    } finally {
      this.stream?.uncork();
    }
    return frames.length;
  }

  private write(frames: readonly Uint8Array[]): void {
    // A peer that does not read would make the server hold everything sent to it: let it go and resync.
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) return this.close(CLOSE.slowReader);
    const last = frames.length - 1;
    frames.forEach((frame, index) => {
      if (index < last) return this.socket.send(frame, { binary: true });
      this.socket.send(frame, { binary: true }, (error) => {
        if (error) this.close({ code: 4500, reason: 'send failed' });
      });
    });
  }

  /** Closes with a named code, after what was already sent; later calls do nothing. */
  close(reason: CloseReason | { readonly code: number; readonly reason: string }): void {
    if (this.closed) return;
    this.flush();
    // Flushing may have closed it already (a peer that does not read).
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.close(reason.code, reason.reason);
    } catch {
      this.socket.terminate();
    }
  }

  markClosed(): void {
    this.closed = true;
  }

  /** Numbers the next document frame. */
  nextFrame(): number {
    this.framesReceived += 1;
    return this.framesReceived;
  }

  /** Marks a document frame done; returns whether the stored prefix grew (then a saved message is due). */
  frameDone(frame: number): boolean {
    this.framesDone.add(frame);
    const before = this.framesStored;
    while (this.framesDone.delete(this.framesStored + 1)) this.framesStored += 1;
    return this.framesStored > before;
  }

  /** Whether this frame is within the connection's rate (400 at once, 200 a second after that). */
  takeFrame(nowMs: number): boolean {
    return this.frames.take(nowMs);
  }

  /** Whether a reply that encodes the whole document or presence may be sent now. */
  takeExpensive(nowMs: number): boolean {
    return this.expensive.take(nowMs);
  }

  /** Whether an awareness update may be relayed (40 at once, 10 a second after that). */
  takeAwareness(nowMs: number): boolean {
    return this.awareness.take(nowMs);
  }
}

/** A token bucket: `capacity` at once, refilled at `perSecond`. */
class TokenBucket {
  private tokens: number;
  private updatedMs = -1;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {
    this.tokens = capacity;
  }

  take(nowMs: number): boolean {
    if (this.updatedMs >= 0)
      this.tokens = Math.min(this.capacity, this.tokens + ((nowMs - this.updatedMs) / 1000) * this.perSecond);
    this.updatedMs = nowMs;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
