import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AccordDatabase, DatabaseOptions } from '@accord/db/database';
import { createAdaptorServer } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Config } from './config.ts';
import { ControlPlane } from './control/control-plane.ts';
import { SessionService } from './control/session.service.ts';
import { databaseOptions, openDatabase } from './database.ts';
import type { AppEnv } from './http/app-env.ts';
import { HttpError } from './http/http-error.ts';
import { originAllowed } from './http/origin-check.ts';
import { openApiDocument } from './http/openapi.ts';
import { memoryLimiters, rateLimit, type LimiterFactory } from './http/rate-limit.ts';
import { requirementsRoutes } from './http/routes/requirements.routes.ts';
import { versionRoutes } from './http/routes/version.routes.ts';
import { workshopRoutes } from './http/routes/workshop.routes.ts';
import { documentSecurityHeaders, securityHeaders } from './http/security-headers.ts';
import { staticWeb } from './http/static-web.ts';
import { randomId } from './auth/secret-token.ts';
import { createScaleOut, type ScaleOut } from './scale/scale-out.ts';
import { createLogger, type Logger } from './logger.ts';
import { healthRoutes } from './ops/health-routes.ts';
import { createMetrics, type Metrics } from './ops/metrics.ts';
import { GroupCommitter } from './sync/group-commit.ts';
import { RoomRegistry } from './sync/room-registry.ts';
import { UpdateStore } from './sync/update-store.ts';
import { DocumentShapeRefused, DocumentTooLarge } from './sync/workshop-room.ts';
import { YjsEndpoint } from './sync/yjs-endpoint.ts';
import { VersionService } from './versions/version.service.ts';
import { AuditRepository } from './workshops/audit.repository.ts';
import { InviteRepository } from './workshops/invite.repository.ts';
import { ParticipantRepository } from './workshops/participant.repository.ts';
import { RequirementsService } from './workshops/requirements.service.ts';
import { VersionRepository } from './workshops/version.repository.ts';
import { WorkshopEvents } from './workshops/workshop-events.ts';
import { WorkshopService } from './workshops/workshop.service.ts';
import { WorkshopRepository } from './workshops/workshop.repository.ts';

export interface AppOverrides {
  /** Use this database instead of the one the config names (tests isolate themselves this way). */
  readonly database?: DatabaseOptions;
  /** Rate limiters (scale-out shares them through Redis). */
  readonly limiters?: LimiterFactory;
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
  const database = await openDatabase(overrides.database ?? databaseOptions(config));
  const store = new UpdateStore(database.db);
  const committer = new GroupCommitter(store, {
    onBatch: (size, seconds) => {
      metrics.batchSize.observe(size);
      metrics.commitSeconds.observe(seconds);
    },
  // One batch at a time on either database: with four at once on PostgreSQL the 50-room bench was no faster
  // (p99 28 ms either way), and two nodes contending for the same workshops' row locks were slower.
  }, { maxConcurrentBatches: 1 });
  let publishStored: ((workshopId: string, seq: number, update: Uint8Array) => void) | undefined;
  const registry = new RoomRegistry({
    store, committer, metrics, logger, compactAfterUpdates: config.compactAfterUpdates,
    onStored: (workshopId, seq, update) => publishStored?.(workshopId, seq, update),
    limits: { maxDocBytes: config.maxDocBytes, maxAwarenessBytes: 4096, maxAwarenessIdsPerConnection: 4 },
  }, committer, metrics, logger, { idleUnloadMs: config.idleUnloadMs });
  const nodeId = config.nodeId ?? `node-${randomId(6)}`;
  let scaleOut: ScaleOut | undefined;
  if (config.redisUrl) {
    if (database.dialect !== 'postgres') {
      await database.close();
      throw new Error('REDIS_URL (several nodes) needs DATABASE_URL: nodes share one PostgreSQL; the embedded database serves one node only');
    }
    scaleOut = createScaleOut({ redisUrl: config.redisUrl, prefix: config.redisPrefix, nodeId }, registry, store, logger, metrics);
    const { fanout } = scaleOut;
    publishStored = (workshopId, seq, update) => fanout.publish(workshopId, seq, update);
  }
  const participants = new ParticipantRepository(database.db);
  const invites = new InviteRepository(database.db);
  const audit = new AuditRepository(database.db);
  const events = new WorkshopEvents();
  const workshops = new WorkshopService({
    db: database.db, workshops: new WorkshopRepository(database.db), participants, invites, audit, registry, events, logger,
  });
  const versions = new VersionService({ versions: new VersionRepository(database.db), participants, audit, registry, events, logger });
  const sessions = new SessionService({ db: database.db, audit, registry, events });
  const requirements = new RequirementsService(registry, audit);
  const limiters = overrides.limiters ?? scaleOut?.limiters ?? memoryLimiters;
  // Participants revoked since this process started, for connections that were mid-setup at the time.
  const revoked = new Set<string>();
  const isRevoked = (participantId: string): boolean => revoked.has(participantId);
  const allowedOrigins: ReadonlySet<string> = new Set(config.allowedOrigins);
  const yjs = new YjsEndpoint({ registry, participants, metrics, logger, isRevoked }, {
    maxMessageBytes: config.maxMessageBytes, maxParticipants: config.maxParticipants,
    maxConnectionsPerParticipant: config.maxConnectionsPerParticipant, allowedOrigins,
  });

  let accepting = true;
  const clientIp = (c: Context<AppEnv>): string => {
    // The right-most entry is the one our own proxy appended; anything left of it the client may have written.
    const forwarded = config.trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
    return forwarded || (getConnInfo(c).remote.address ?? 'unknown');
  };
  const secureCookies = (c: Context<AppEnv>): boolean => config.trustProxy && c.req.header('x-forwarded-proto') === 'https';
  const http = new Hono<AppEnv>();
  http.onError((error, c) => {
    if (error instanceof HttpError) {
      return c.json({
        error: {
          code: error.code, message: error.message,
          ...(error.field ? { field: error.field } : {}),
          ...(error.problems ? { problems: error.problems } : {}),
        },
      }, error.status);
    }
    if (error instanceof DocumentShapeRefused) {
      return c.json({ error: { code: 'document_shape', message: `the change does not fit the workshop document: ${error.message}` } }, 422);
    }
    if (error instanceof DocumentTooLarge) {
      return c.json({ error: { code: 'document_too_large', message: `${error.message} (the limit is ${config.maxDocBytes} bytes)` } }, 413);
    }
    logger.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: 'internal', message: 'something went wrong on our side; nothing was changed' } }, 500);
  });
  http.use('*', documentSecurityHeaders());
  http.use('*', securityHeaders());
  http.use('/api/*', bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => { throw new HttpError(413, 'body_too_large', `the request body is larger than ${MAX_BODY_BYTES / 1_048_576} MiB`); },
  }));
  const writeLimit = rateLimit(limiters({ name: 'api-write', points: config.writesPerMinute, windowSeconds: 60 }), clientIp, logger);
  http.on(['POST', 'PUT', 'DELETE'], '/api/workshops/:id/*', writeLimit);
  http.route('/', healthRoutes({ database, metrics, accepting: () => accepting }));
  http.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  http.route('/', workshopRoutes({
    service: workshops, participants, secureCookies,
    joinLimit: rateLimit(limiters({ name: 'join', points: config.joinsPerMinute, windowSeconds: 60 }), clientIp, logger),
  }));
  http.route('/', versionRoutes({ service: versions, participants }));
  http.route('/', requirementsRoutes({ service: requirements, audit, participants }));
  http.all('/api/*', () => { throw new HttpError(404, 'not_found', 'no such API route; see /api/openapi.json'); });
  const web = staticWeb(config.webDist ?? DEFAULT_WEB_DIST);
  if (web) http.route('/', web);

  const server = createAdaptorServer({ fetch: http.fetch }) as Server;
  server.on('upgrade', (request, socket, head) => {
    const pathname = (request.url ?? '/').split('?')[0] ?? '/';
    if (yjs.handles(pathname)) yjs.handleUpgrade(request, socket, head);
    else if (!pathname.startsWith('/socket.io/')) socket.destroy();
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  const control = new ControlPlane(server, {
    participants, sessions, events, logger, eventsPerTenSeconds: config.eventsPerTenSeconds,
    allowRequest: (request) => originAllowed(request, allowedOrigins),
    ...(scaleOut ? { adapter: scaleOut.adapter } : {}),
    isRevoked,
    onRemoteRevoke: (workshopId, participantId) => {
      revoked.add(participantId);
      registry.disconnectParticipant(workshopId, participantId);
    },
  });
  events.on('participantRevoked', (workshopId, event) => {
    revoked.add(event.participantId);
    registry.disconnectParticipant(workshopId, event.participantId);
  });

  return {
    config, server, database, store, registry, participants, workshops, control, events, metrics, logger, nodeId,
    listen: () => new Promise((resolveUrl, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        const address = server.address() as AddressInfo;
        resolveUrl(`http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`);
      });
    }),
    close: async () => {
      accepting = false;
      // socket.io closes the HTTP server too, which waits for every socket: close the Yjs ones meanwhile.
      const controlClosed = control.close();
      await registry.closeAll();
      yjs.close();
      server.closeAllConnections();
      await controlClosed;
      await scaleOut?.close();
      await database.close();
    },
  };
}
