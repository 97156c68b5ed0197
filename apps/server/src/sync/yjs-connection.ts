import type { Role } from '@accord/protocol/roles';
import type { WebSocket } from 'ws';
import type { CloseReason } from '@accord/protocol/close-codes';

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
export class YjsConnection {
  /** Awareness client ids this connection has introduced; only it may update or remove them. */
  readonly awarenessIds = new Set<number>();
  /** Set once a commit of this connection's updates failed: later updates may depend on it, so none is taken. */
  failed = false;
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    readonly identity: ConnectionIdentity,
    readonly readOnly: boolean,
    readonly wantsSaved: boolean,
  ) {}

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === this.socket.OPEN;
  }

  send(message: Uint8Array): void {
    if (!this.isOpen) return;
    this.socket.send(message, { binary: true }, (error) => {
      if (error) this.close({ code: 4500, reason: 'send failed' });
    });
  }

  /** Closes with a named code; later calls do nothing. */
  close(reason: CloseReason | { readonly code: number; readonly reason: string }): void {
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
}
