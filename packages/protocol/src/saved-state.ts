import * as decoding from 'lib0/decoding';
import type * as Y from 'yjs';

/**
 * Accord's one addition to the y-websocket protocol. To a connection that asks for it (`?saved=1`), the
 * server sends message type 100 after storing that connection's document frames:
 *
 *     varUint 100 · varUint8Array storedStateVector · varUint storedFrames
 *
 * `storedFrames` counts this connection's sync step 2 and update frames, in the order sent, whose content is
 * now in the database (or was already there). Together with the client's own count of frames sent, it says
 * truthfully whether every local change is stored — deletions included, which a state vector alone cannot
 * show (deleting creates no new clock). Changes relayed to a client from others are not its to vouch for:
 * the server relays them before they are stored, and only their writer is told "saved".
 */
export const MESSAGE_SAVED = 100;

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The parts of the official `WebsocketProvider` the tracker uses. */
export interface SavedProvider {
  messageHandlers: ((
    encoder: unknown,
    decoder: decoding.Decoder,
    provider: never,
    emitSynced: boolean,
    messageType: number,
  ) => void)[];
  ws: {
    send(data: Uint8Array | ArrayBuffer | string): void;
    /**
     * Document frames this socket carried before the provider took it over (a socket the page opened before
     * the provider existed, which answered the server's sync step 1 itself); the server counts them too.
     */
    readonly documentFramesSentEarly?: number;
  } | null;
  readonly wsconnected: boolean;
  readonly synced: boolean;
  on(event: 'status', listener: (event: { status: string }) => void): void;
  on(event: 'sync', listener: (synced: boolean) => void): void;
}

/** Whether a frame the client sends carries document content (sync step 2 or an update). */
export function isDocumentFrame(data: Uint8Array): boolean {
  if (data.byteLength < 2) return false;
  const decoder = decoding.createDecoder(data);
  if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return false;
  const kind = decoding.readVarUint(decoder);
  return kind === SYNC_STEP_2 || kind === SYNC_UPDATE;
}

/**
 * Whether everything this client changed is stored on the server. Saved means: connected and synced, no
 * local change waiting for a connection, and every document frame sent on this connection acknowledged.
 */
export class SavedTracker {
  private sent = 0;
  private acked = 0;
  /** A local change happened while no frame could carry it; the next sync step 2 will. */
  private unsent = false;
  /** The last stored state vector the server reported (for diagnostics). */
  storedStateVector: Uint8Array = new Uint8Array([0]);

  constructor(
    private readonly provider: SavedProvider,
    doc: Y.Doc,
    private readonly onChange: () => void,
  ) {
    provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
      this.storedStateVector = decoding.readVarUint8Array(decoder);
      this.acked = Math.max(this.acked, decoding.readVarUint(decoder));
      onChange();
    };
    provider.on('status', ({ status }) => {
      if (status === 'connected') this.countFramesOf(provider.ws);
      else if (this.acked < this.sent) this.unsent = true;
      onChange();
    });
    provider.on('sync', () => onChange());
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
      if (!provider.wsconnected) this.unsent = true;
      onChange();
    });
  }

  /** Some local change is not known to be stored: waiting for a connection, or for the server's acknowledgement. */
  get hasUnsaved(): boolean {
    return this.unsent || this.acked < this.sent;
  }

  get saved(): boolean {
    return this.provider.wsconnected && this.provider.synced && !this.hasUnsaved;
  }

  /** Counts the document frames of a new connection; its sync step 2 carries whatever was waiting. */
  private countFramesOf(ws: SavedProvider['ws']): void {
    this.sent = ws?.documentFramesSentEarly ?? 0;
    this.acked = 0;
    if (!ws) return;
    const send = ws.send.bind(ws);
    ws.send = (data) => {
      const bytes =
        typeof data === 'string' ? new Uint8Array(0) : data instanceof Uint8Array ? data : new Uint8Array(data);
      if (isDocumentFrame(bytes)) {
        this.sent += 1;
        if (bytes[1] === SYNC_STEP_2) this.unsent = false;
      }
      send(data);
      this.onChange();
    };
  }
}
