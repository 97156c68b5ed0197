import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { can } from '@accord/protocol/roles';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { authenticate } from '../auth/authenticate.ts';
import { originAllowed } from '../http/origin-check.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { ParticipantRepository } from '../workshops/participant.repository.ts';
import { CLOSE } from '@accord/protocol/close-codes';
import type { RoomRegistry } from './room-registry.ts';
import type { WorkshopRoom } from './workshop-room.ts';
import { keepAlive } from '../scale/websocket-heartbeat.ts';
import { SendBatcher } from './send-batcher.ts';
import { ROOM_FREEZE_CLOSE } from '../workshops/room-freeze.ts';
import { YjsConnection } from './yjs-connection.ts';

export interface YjsEndpointOptions {
  /** Frames above this get close code 4413; frames above four times it are cut off by ws itself (1009). */
  readonly maxMessageBytes: number;
  /** Most connections to one workshop; one more gets `tooManyParticipants` (facilitators are let in beyond it). */
  readonly maxParticipants: number;
  /** Ping every this many ms; no pong within one interval ends the connection (0: off). */
  readonly pingIntervalMs?: number;
  /** Most connections of one participant; one more gets `tooManyConnections`. */
  readonly maxConnectionsPerParticipant: number;
  /** Origins besides the server's own whose pages may connect. */
  readonly allowedOrigins: ReadonlySet<string>;
}

export interface YjsEndpointDeps {
  readonly registry: RoomRegistry;
  /** Revoked while this connection was being set up (the revocation's scan could not see it yet). */
  readonly isRevoked: (participantId: string) => boolean;
  readonly participants: ParticipantRepository;
  /** Whether the facilitator froze the workshop for signing: then every connection is read-only. */
  readonly isFrozen?: (workshopId: string) => Promise<boolean>;
  /** How often this node froze or unfroze a workshop: a change while a connection loads makes it reconnect. */
  readonly freezeChanges?: (workshopId: string) => number;
  readonly metrics: Metrics;
  readonly logger: Logger;
}

/** `/yjs/<workshopId>`: the path the official provider builds from `serverUrl = …/yjs` and the room name. */
const PATH = /^\/yjs\/([a-z0-9]{1,64})$/;

/**
 * The y-websocket endpoint. Every connection authenticates with its participant session; the role decides
 * whether its document updates are taken (observers are read-only). Errors become named close codes.
 */
export class YjsEndpoint {
  private readonly wss: WebSocketServer;
  private readonly batcher: SendBatcher;

  constructor(
    private readonly deps: YjsEndpointDeps,
    private readonly options: YjsEndpointOptions,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes * 4,
      perMessageDeflate: false,
    });
    this.batcher = new SendBatcher((frames, seconds) => {
      deps.metrics.framesSent.inc(frames);
      deps.metrics.socketWriteSeconds.inc(seconds);
    });
  }

  handles(pathname: string): boolean {
    return pathname.startsWith('/yjs/');
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://accord.invalid');
    const workshopId = PATH.exec(url.pathname)?.[1];
    socket.on('error', () => undefined);
    if (!originAllowed(request, this.options.allowedOrigins)) {
      this.deps.logger.info(
        { origin: request.headers.origin, path: url.pathname },
        'refused a Yjs upgrade from a foreign origin',
      );
      // Upgraded and closed with a named code, so the page's provider stops rather than retrying for ever.
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        ws.on('error', () => undefined);
        this.refuse(ws, CLOSE.foreignOrigin);
      });
      return;
    }
    const credentials = {
      token: url.searchParams.get('token'),
      authorization: request.headers.authorization,
      cookie: request.headers.cookie,
    };
    const authenticated = workshopId
      ? authenticate(this.deps.participants, workshopId, credentials).then(
          (participant) => participant ?? ('unauthorized' as const),
        )
      : Promise.resolve('not-found' as const);
    // Counted before the freeze is read: a freeze this node makes after that point is noticed on joining.
    const freezeSeen = workshopId ? (this.deps.freezeChanges?.(workshopId) ?? 0) : 0;
    // Unknown is not "open": a failed read refuses the connection with a code the client retries.
    const frozen =
      workshopId && this.deps.isFrozen
        ? this.deps.isFrozen(workshopId).catch(() => 'unavailable' as const)
        : Promise.resolve(false);
    void Promise.all([authenticated.catch(() => 'unavailable' as const), frozen]).then(([outcome, readOnlyRoom]) => {
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        ws.on('error', () => undefined);
        keepAlive(ws, this.options.pingIntervalMs ?? 0, () => this.deps.metrics.pingTimeouts.inc());
        if (outcome === 'unauthorized') return this.refuse(ws, CLOSE.unauthorized);
        if (outcome === 'not-found') return this.refuse(ws, CLOSE.notFound);
        if (outcome === 'unavailable' || readOnlyRoom === 'unavailable') return this.refuse(ws, CLOSE.loadFailed);
        this.attach(
          ws,
          socket,
          workshopId ?? '',
          {
            participantId: outcome.id,
            name: outcome.name,
            role: outcome.role,
          },
          url.searchParams.get('saved') === '1',
          readOnlyRoom,
          freezeSeen,
        );
      });
    });
  }

  private refuse(ws: WebSocket, reason: { readonly code: number; readonly reason: string }): void {
    this.deps.metrics.rejectedFrames.inc({ reason: String(reason.code) });
    ws.close(reason.code, reason.reason);
  }

  /** Listens at once and buffers frames until the room has loaded, so nothing the client sends early is lost. */
  private attach(
    ws: WebSocket,
    stream: Duplex,
    workshopId: string,
    identity: YjsConnection['identity'],
    wantsSaved: boolean,
    frozen = false,
    freezeSeen = 0,
  ): void {
    const connection = new YjsConnection(
      ws,
      identity,
      !can(identity.role, 'editRequirements') || frozen,
      wantsSaved,
      this.batcher,
      stream,
    );
    const early: Uint8Array[] = [];
    let earlyBytes = 0;
    let room: WorkshopRoom | undefined;
    let closed = false;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = toUint8Array(data);
      if (!isBinary) return this.reject(connection, 'text-frame', CLOSE.malformedMessage);
      if (bytes.byteLength > this.options.maxMessageBytes)
        return this.reject(connection, 'too-large', CLOSE.messageTooLarge);
      if (!connection.takeFrame(performance.now())) return this.reject(connection, 'rate', CLOSE.tooManyMessages);
      if (room) return room.handleMessage(connection, bytes);
      // While the workshop loads, frames wait here; a client that floods meanwhile is let go.
      earlyBytes += bytes.byteLength;
      if (earlyBytes > this.options.maxMessageBytes * 2)
        return this.reject(connection, 'early-flood', CLOSE.tooManyMessages);
      early.push(bytes);
    });
    ws.on('close', () => {
      closed = true;
      connection.markClosed();
      if (!room) return;
      room.removeConnection(connection);
      this.deps.metrics.connections.dec();
      this.deps.registry.release(room);
    });
    this.deps.registry.acquire(workshopId).then(
      (loaded) => {
        if (closed) return this.deps.registry.release(loaded);
        if (this.deps.isRevoked(identity.participantId)) {
          this.deps.registry.release(loaded);
          return this.reject(connection, 'revoked', CLOSE.revoked);
        }
        const refusal = this.seatRefusal(loaded, identity);
        if (refusal) {
          this.deps.registry.release(loaded);
          return this.reject(
            connection,
            refusal === CLOSE.tooManyConnections ? 'participant-connections' : 'full',
            refusal,
          );
        }
        room = loaded;
        this.deps.metrics.connections.inc();
        loaded.addConnection(connection);
        // A freeze (or unfreeze) made here while this connection loaded closed the room's editor connections
        // without this one: it reconnects like them, with the permission that now holds. (A later change finds
        // it in the room.)
        if (can(identity.role, 'editRequirements') && (this.deps.freezeChanges?.(workshopId) ?? 0) !== freezeSeen) {
          return connection.close(ROOM_FREEZE_CLOSE);
        }
        for (const bytes of early.splice(0)) loaded.handleMessage(connection, bytes);
      },
      (error: unknown) => {
        this.deps.logger.error(
          { workshopId, err: String(error) },
          'workshop could not be loaded; refusing the connection',
        );
        this.reject(connection, 'load-failed', CLOSE.loadFailed);
      },
    );
  }

  /**
   * Seats: one participant holds at most a few connections, so nobody can take the others' seats; the
   * workshop-wide cap never keeps a facilitator out (their own cap still bounds them).
   */
  private seatRefusal(
    room: WorkshopRoom,
    identity: YjsConnection['identity'],
  ): typeof CLOSE.tooManyConnections | typeof CLOSE.tooManyParticipants | undefined {
    let own = 0;
    for (const other of room.connections) if (other.identity.participantId === identity.participantId) own += 1;
    if (own >= this.options.maxConnectionsPerParticipant) return CLOSE.tooManyConnections;
    if (identity.role !== 'facilitator' && room.connections.size >= this.options.maxParticipants)
      return CLOSE.tooManyParticipants;
    return undefined;
  }

  private reject(
    connection: YjsConnection,
    reason: string,
    close: { readonly code: number; readonly reason: string },
  ): void {
    this.deps.metrics.rejectedFrames.inc({ reason });
    connection.close(close);
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
