import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AccordDatabase, DatabaseOptions } from '@accord/db/database';
import { AccordError } from '@accord/protocol/errors';
import { createAdaptorServer } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import type { Config } from './config.ts';
import { ControlPlane } from './control/control-plane.ts';
import { DeliberationService } from './control/deliberation.service.ts';
import { SteeringRepository } from './control/steering.repository.ts';
import { SteeringService } from './control/steering.service.ts';
import { VoteRepository } from './control/vote.repository.ts';
import { databaseOptions, openDatabase } from './database.ts';
import type { AppEnv } from './http/app-env.ts';
import { httpErrorHandler } from './http/error-status.ts';
import { originAllowed } from './http/origin-check.ts';
import { openApiDocument } from './http/openapi.ts';
import { memoryLimiters, rateLimit, type LimiterFactory } from './http/rate-limit.ts';
import { requirementsRoutes } from './http/routes/requirements.routes.ts';
import { versionRoutes } from './http/routes/version.routes.ts';
import { workshopRoutes } from './http/routes/workshop.routes.ts';
import { documentSecurityHeaders, securityHeaders } from './http/security-headers.ts';
import { roomBootstrap } from './http/room-bootstrap.ts';
import { staticWeb } from './http/static-web.ts';
import { randomId } from './auth/secret-token.ts';
import { ControlResync } from './scale/control-resync.ts';
import { FreezeSync } from './scale/freeze-sync.ts';
import { RevocationSweep } from './scale/revocation-sweep.ts';
import { createScaleOut, type ScaleOut } from './scale/scale-out.ts';
import { createLogger, type Logger } from './logger.ts';
import { backupRoutes } from './ops/backup-route.ts';
import { healthRoutes } from './ops/health-routes.ts';
import { createMetrics, type Metrics } from './ops/metrics.ts';
import { GroupCommitter } from './sync/group-commit.ts';
import { RoomRegistry } from './sync/room-registry.ts';
import { UpdateStore } from './sync/update-store.ts';
import type { RoomServices } from './sync/workshop-room.ts';
import { YjsEndpoint } from './sync/yjs-endpoint.ts';
import { SignOffService } from './versions/sign-off.service.ts';
import { VerifyService } from './versions/verify.service.ts';
import { VersionPdfRepository } from './versions/version-pdf.repository.ts';
import { VersionService } from './versions/version.service.ts';
import { seatRoutes } from './http/routes/seat.routes.ts';
import { OidcClient } from './auth/oidc-client.ts';
import { ssoRoutes } from './auth/sso.routes.ts';
import { verifyRoutes } from './http/routes/verify.routes.ts';
import { RoomFreeze } from './workshops/room-freeze.ts';
import { SponsorSeatRepository } from './workshops/sponsor-seat.repository.ts';
import { SponsorSeatService } from './workshops/sponsor-seat.service.ts';
import { AuditRepository } from './workshops/audit.repository.ts';
import { InviteRepository } from './workshops/invite.repository.ts';
import { ParticipantRepository } from './workshops/participant.repository.ts';
import { RequirementsService } from './workshops/requirements.service.ts';
import { VersionRepository } from './versions/version.repository.ts';
import { WorkshopEvents } from './workshops/workshop-events.ts';
import { WorkshopService } from './workshops/workshop.service.ts';
import { WorkshopRepository } from './workshops/workshop.repository.ts';

export interface AppOverrides {
  /** Use this database instead of the one the config names (tests isolate themselves this way). */
  readonly database?: DatabaseOptions;
  /** Rate limiters (scale-out shares them through Redis). */
  readonly limiters?: LimiterFactory;
  /**
   * Another process took the embedded data folder over while this one was frozen (see the lock). The app
   * stops answering ready; the process should exit without writing more (index.ts does).
   */
  readonly onLockLost?: () => void;
}

/** Largest request body, bytes: a requirements file import is the biggest legitimate one. */
const MAX_BODY_BYTES = 2 * 1_048_576;

export interface AccordApp {
  readonly config: Config;
  readonly server: Server;
  readonly database: AccordDatabase;
  readonly store: UpdateStore;
  readonly registry: RoomRegistry;
  readonly participants: ParticipantRepository;
  readonly workshops: WorkshopService;
  readonly control: ControlPlane;
  readonly events: WorkshopEvents;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** This node's id (in logs and Redis). */
  readonly nodeId: string;
  /** Starts listening on the configured host and port; resolves with the base URL. */
  listen(): Promise<string>;
  /** Graceful shutdown: stop taking connections, store everything pending, close sockets and the database. */
  close(): Promise<void>;
}

const DEFAULT_WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Builds the whole server (HTTP, socket.io, Yjs endpoint) on one Node HTTP server; only `listen` opens a port. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<AccordApp> {
  const logger = createLogger(config);
  const metrics = createMetrics();
  let accepting = true;
  const options = overrides.database ?? databaseOptions(config);
  const database = await openDatabase(
    options.kind === 'pglite'
      ? {
          ...options,
          onLockLost: (holder) => {
            accepting = false;
            logger.fatal(
              {
                dataDir: options.dataDir,
                holder: holder && { pid: holder.pid, host: holder.host, since: holder.since },
              },
              'another process has taken over the data folder; stopping without writing more',
            );
            overrides.onLockLost?.();
          },
        }
      : options,
  );
  if (database.lock?.tookOver) logger.warn({ dataDir: database.lock.path }, database.lock.tookOver);
  const store = new UpdateStore(database.db);
  const committer = new GroupCommitter(
    store,
    {
      onBatch: (size, seconds) => {
        metrics.batchSize.observe(size);
        metrics.commitSeconds.observe(seconds);
      },
      // One batch at a time on either database: with four at once on PostgreSQL the 50-room bench was no faster
      // (p99 28 ms either way), and two nodes contending for the same workshops' row locks were slower.
    },
    { maxConcurrentBatches: 1 },
  );
  let publishStored: ((workshopId: string, seq: number, update: Uint8Array) => void) | undefined;
  let awarenessChanged: RoomServices['onAwareness'];
  const limits = { maxDocBytes: config.maxDocBytes, maxAwarenessBytes: 4096, maxAwarenessIdsPerConnection: 4 };
  const registry = new RoomRegistry(
    {
      store,
      committer,
      metrics,
      logger,
      compactAfterUpdates: config.compactAfterUpdates,
      onStored: (workshopId, seq, update) => publishStored?.(workshopId, seq, update),
      onAwareness: (room, change, origin) => awarenessChanged?.(room, change, origin),
      limits,
    },
    committer,
    metrics,
    logger,
    { idleUnloadMs: config.idleUnloadMs },
  );
  const nodeId = config.nodeId ?? `node-${randomId(6)}`;
  let scaleOut: ScaleOut | undefined;
  let sweep: RevocationSweep | undefined;
  let freezeSync: FreezeSync | undefined;
  let resync: ControlResync | undefined;
  if (config.redisUrl) {
    if (database.dialect !== 'postgres') {
      await database.close();
      throw new Error(
        'REDIS_URL (several nodes) needs DATABASE_URL: nodes share one PostgreSQL; the embedded database serves one node only',
      );
    }
    scaleOut = createScaleOut(
      {
        redisUrl: config.redisUrl,
        prefix: config.redisPrefix,
        nodeId,
        presenceHeartbeatMs: config.presenceHeartbeatMs,
        maxAwarenessBytes: limits.maxAwarenessBytes,
        maxPresenceIdsPerNode: config.maxParticipants * limits.maxAwarenessIdsPerConnection,
        // Revocations, freezes and control events published while a connection was away are lost: re-read
        // them from PostgreSQL as soon as it is back.
        onRestored: (role) => {
          void sweep?.run('redis-restored');
          void freezeSync?.reconcile();
          // socket.io events between nodes travel on these connections: re-send the current state.
          if (role === 'io-sub' || role === 'io-pub') resync?.restored(role);
        },
      },
      registry,
      store,
      logger,
      metrics,
    );
    const { fanout, presence } = scaleOut;
    publishStored = (workshopId, seq, update) => fanout.publish(workshopId, seq, update);
    awarenessChanged = (room, change, origin) => presence.changed(room, change, origin);
  }
  const participants = new ParticipantRepository(database.db);
  const invites = new InviteRepository(database.db);
  const audit = new AuditRepository(database.db);
  const events = new WorkshopEvents();
  const seats = new SponsorSeatRepository(database.db);
  const workshopRows = new WorkshopRepository(database.db);
  const workshops = new WorkshopService({
    db: database.db,
    workshops: workshopRows,
    participants,
    invites,
    seats,
    audit,
    registry,
    events,
    logger,
    seatsNeedLogin: config.oidc !== undefined,
  });
  const votes = new VoteRepository(database.db);
  const versionRows = new VersionRepository(database.db);
  const versions = new VersionService({
    versions: versionRows,
    votes,
    participants,
    seats,
    audit,
    registry,
    events,
    logger,
  });
  const pdfs = new VersionPdfRepository(database.db);
  const signOff = new SignOffService({
    db: database.db,
    versions: versionRows,
    versionService: versions,
    pdfs,
    seats,
    audit,
    events,
    identification: config.oidc ? 'single-sign-on' : 'invite-link',
  });
  const verify = new VerifyService({
    versions: versionRows,
    versionService: versions,
    pdfs,
    signOff,
    workshops: workshopRows,
  });
  const freeze = new RoomFreeze({
    db: database.db,
    registry,
    versions: versionRows,
    versionService: versions,
    audit,
    events,
  });
  const seatService = new SponsorSeatService({ db: database.db, seats, invites, participants, audit });
  const steering = new SteeringService({ steering: new SteeringRepository(database.db), audit, events });
  const deliberation = new DeliberationService({
    votes,
    audit,
    registry,
    events,
    isFrozen: (id) => freeze.isFrozen(id),
  });
  const requirements = new RequirementsService(registry, audit, (id) => freeze.isFrozen(id));
  const limiters = overrides.limiters ?? scaleOut?.limiters ?? memoryLimiters;
  // Participants revoked since this process started, for connections that were mid-setup at the time.
  const revoked = new Set<string>();
  const isRevoked = (participantId: string): boolean => revoked.has(participantId);
  const allowedOrigins: ReadonlySet<string> = new Set(config.allowedOrigins);
  const yjs = new YjsEndpoint(
    {
      registry,
      participants,
      metrics,
      logger,
      isRevoked,
      isFrozen: (id) => freeze.isFrozen(id),
      freezeChanges: (id) => freeze.changeCount(id),
    },
    {
      maxMessageBytes: config.maxMessageBytes,
      maxParticipants: config.maxParticipants,
      pingIntervalMs: config.wsPingMs,
      maxConnectionsPerParticipant: config.maxConnectionsPerParticipant,
      allowedOrigins,
    },
  );

  const clientIp = (c: Context<AppEnv>): string => {
    // The right-most entry is the one our own proxy appended; anything left of it the client may have written.
    const forwarded = config.trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
    return forwarded || (getConnInfo(c).remote.address ?? 'unknown');
  };
  const secureCookies = (c: Context<AppEnv>): boolean =>
    config.trustProxy && c.req.header('x-forwarded-proto') === 'https';
  const http = new Hono<AppEnv>();
  http.onError(httpErrorHandler(logger, { maxDocBytes: config.maxDocBytes }));
  http.use('*', documentSecurityHeaders());
  http.use('*', securityHeaders());
  // JSON, HTML, Markdown and YAML answers shrink 5–10× gzipped; PDFs and precompressed assets are left alone.
  http.use('/api/*', compress());
  http.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AccordError('body_too_large', `the request body is larger than ${MAX_BODY_BYTES / 1_048_576} MiB`);
      },
    }),
  );
  const writeLimit = rateLimit(
    limiters({ name: 'api-write', points: config.writesPerMinute, windowSeconds: 60 }),
    clientIp,
    logger,
  );
  http.on(['POST', 'PUT', 'DELETE'], '/api/workshops/:id/*', writeLimit);
  http.route('/', healthRoutes({ database, metrics, accepting: () => accepting, metricsToken: config.metricsToken }));
  http.route('/', backupRoutes({ database, logger, flush: () => committer.drain() }));
  http.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  const joinLimit = rateLimit(
    limiters({ name: 'join', points: config.joinsPerMinute, windowSeconds: 60 }),
    clientIp,
    logger,
  );
  http.route(
    '/',
    workshopRoutes({
      service: workshops,
      participants,
      secureCookies,
      joinLimit,
    }),
  );
  const sso = config.oidc
    ? ssoRoutes({ oidc: new OidcClient(config.oidc), workshops, participants, seats, logger, secureCookies })
    : undefined;
  if (sso) http.route('/', sso.routes);
  http.route(
    '/',
    versionRoutes({
      service: versions,
      signOff,
      participants,
      clientIp,
      // Without single sign-on the seat's personal invite (its session) is the identity, and the evidence says so.
      signerIdentity: sso ? sso.signerIdentity : async () => ({ method: 'invite-link' as const }),
    }),
  );
  http.route('/', seatRoutes({ service: seatService, participants }));
  http.route('/', verifyRoutes({ verify, freeze, audit, participants, publicLimit: joinLimit }));
  http.route('/', requirementsRoutes({ service: requirements, audit, participants }));
  http.all('/api/*', () => {
    throw new AccordError('not_found', 'no such API route; see /api/openapi.json');
  });
  const web = staticWeb(config.webDist ?? DEFAULT_WEB_DIST, {
    bootstrap: roomBootstrap({ participants, workshops, registry, isFrozen: (id) => freeze.isFrozen(id) }),
  });
  if (web) http.route('/', web);

  const server = createAdaptorServer({ fetch: http.fetch }) as Server;
  server.on('upgrade', (request, socket, head) => {
    const pathname = (request.url ?? '/').split('?')[0] ?? '/';
    if (yjs.handles(pathname)) yjs.handleUpgrade(request, socket, head);
    else if (!pathname.startsWith('/socket.io/')) socket.destroy();
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  // Every TCP connection, upgraded ones included, so shutdown can cut those that never answer a close frame.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // Requests in flight, so shutdown lets a PDF or a publish finish before closing the database. socket.io's
  // long-polls are left out: they are held open on purpose and are closed with their sockets.
  let inFlight = 0;
  let idle: (() => void) | undefined;
  server.on('request', (request: { url?: string }, response: { once(event: 'close', listener: () => void): void }) => {
    if ((request.url ?? '').startsWith('/socket.io/')) return;
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    });
  });
  const requestsFinished = (timeoutMs: number): Promise<boolean> =>
    new Promise((resolveIdle) => {
      if (inFlight === 0) return resolveIdle(true);
      const timer = setTimeout(() => {
        idle = undefined;
        resolveIdle(false);
      }, timeoutMs);
      idle = () => {
        clearTimeout(timer);
        idle = undefined;
        resolveIdle(true);
      };
    });
  const control = new ControlPlane(server, {
    participants,
    steering,
    deliberation,
    events,
    logger,
    eventsPerTenSeconds: config.eventsPerTenSeconds,
    allowRequest: (request) => originAllowed(request, allowedOrigins),
    ...(scaleOut ? { adapter: scaleOut.adapter } : {}),
    isRevoked,
    onRemoteRevoke: (workshopId, participantId) => {
      revoked.add(participantId);
      registry.disconnectParticipant(workshopId, participantId);
    },
    onRemoteFreeze: (workshopId) => void freezeSync?.reconcile([workshopId]),
  });
  if (scaleOut) {
    sweep = new RevocationSweep(
      { db: database.db, registry, io: control.io, revoked, logger },
      config.revocationCheckMs,
    );
    freezeSync = new FreezeSync(database.db, registry, logger, config.revocationCheckMs);
    resync = new ControlResync(database.db, control, logger);
  }
  events.on('participantRevoked', (workshopId, event) => {
    revoked.add(event.participantId);
    registry.disconnectParticipant(workshopId, event.participantId);
  });

  let closing: Promise<void> | undefined;
  return {
    config,
    server,
    database,
    store,
    registry,
    participants,
    workshops,
    control,
    events,
    metrics,
    logger,
    nodeId,
    listen: () =>
      new Promise((resolveUrl, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const address = server.address() as AddressInfo;
          const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
          // Where `accord backup` on this host finds us: a wildcard address is reachable on loopback.
          const local =
            address.address === '0.0.0.0' || address.address === '::' ? `http://127.0.0.1:${address.port}` : url;
          try {
            database.lock?.advertise(local);
          } catch (error) {
            logger.warn(
              { err: error },
              'could not record the server URL in the data folder lock; `accord backup` will not find this server',
            );
          }
          resolveUrl(url);
        });
      }),
    // Closing twice (a second SIGTERM, a test) waits for the first close rather than closing again.
    close: () =>
      (closing ??= (async () => {
        accepting = false;
        sweep?.close();
        freezeSync?.close();
        resync?.close();
        // Rolling restarts: first only /readyz says no, so a balancer that polls it stops sending new work here.
        if (config.shutdownDrainMs > 0)
          await new Promise((resolveDrain) => setTimeout(resolveDrain, config.shutdownDrainMs));
        // Then no new connections (the balancer's next try goes to another node); requests already in flight
        // finish, bounded; idle keep-alive connections close. Resolves once every connection has ended.
        const listenerClosed = server.listening
          ? new Promise<void>((resolveClosed) => server.close(() => resolveClosed()))
          : Promise.resolve();
        server.closeIdleConnections();
        if (!(await requestsFinished(config.shutdownGraceMs))) {
          logger.warn({ requests: inFlight }, 'requests still running after the shutdown grace; they are cut');
        }
        const controlClosed = control.close();
        await registry.closeAll();
        yjs.close();
        server.closeAllConnections();
        // A client that never answers its close frame would hold the HTTP server open for ws's 30 s close
        // timeout: after the grace, cut whatever is still connected (everything acknowledged is stored by now).
        const cut = setTimeout(() => {
          if (sockets.size > 0)
            logger.warn(
              { connections: sockets.size },
              'cutting connections that did not close within the shutdown grace',
            );
          for (const socket of sockets) socket.destroy();
        }, config.shutdownGraceMs);
        // socket.io closes the HTTP server as its last step; the listener was closed above already, and Node
        // only tells a second close() about it if connections remain, so whichever finishes first ends the wait.
        await Promise.race([controlClosed, listenerClosed]);
        clearTimeout(cut);
        await scaleOut?.close();
        await database.close();
      })()),
  };
}
