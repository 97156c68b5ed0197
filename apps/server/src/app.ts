import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AccordDatabase, DatabaseOptions } from '@accord/db/database';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import type { Config } from './config.ts';
import { databaseOptions, openDatabase } from './database.ts';
import { HttpError } from './http/http-error.ts';
import { staticWeb } from './http/static-web.ts';
import { createLogger, type Logger } from './logger.ts';
import { healthRoutes } from './ops/health-routes.ts';
import { createMetrics, type Metrics } from './ops/metrics.ts';
import { GroupCommitter } from './sync/group-commit.ts';
import { RoomRegistry } from './sync/room-registry.ts';
import { UpdateStore } from './sync/update-store.ts';
import { YjsEndpoint } from './sync/yjs-endpoint.ts';
import { ParticipantRepository } from './workshops/participant.repository.ts';

export interface AppOverrides {
  /** Use this database instead of the one the config names (tests isolate themselves this way). */
  readonly database?: DatabaseOptions;
}

export interface AccordApp {
  readonly config: Config;
  readonly server: Server;
  readonly database: AccordDatabase;
  readonly store: UpdateStore;
  readonly registry: RoomRegistry;
  readonly participants: ParticipantRepository;
  readonly metrics: Metrics;
  readonly logger: Logger;
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
  });
  const registry = new RoomRegistry({
    store, committer, metrics, logger, compactAfterUpdates: config.compactAfterUpdates,
    limits: { maxDocBytes: config.maxDocBytes, maxAwarenessBytes: 4096, maxAwarenessIdsPerConnection: 4 },
  }, committer, metrics, logger, { idleUnloadMs: config.idleUnloadMs });
  const participants = new ParticipantRepository(database.db);
  const yjs = new YjsEndpoint({ registry, participants, metrics, logger }, {
    maxMessageBytes: config.maxMessageBytes, maxParticipants: config.maxParticipants,
  });

  let accepting = true;
  const http = new Hono();
  http.onError((error, c) => {
    if (error instanceof HttpError) {
      return c.json({ error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } }, error.status);
    }
    logger.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: 'internal', message: 'something went wrong on our side; nothing was changed' } }, 500);
  });
  http.route('/', healthRoutes({ database, metrics, accepting: () => accepting }));
  const web = staticWeb(config.webDist ?? DEFAULT_WEB_DIST);
  if (web) http.route('/', web);

  const server = createAdaptorServer({ fetch: http.fetch }) as Server;
  server.on('upgrade', (request, socket, head) => {
    const pathname = (request.url ?? '/').split('?')[0] ?? '/';
    if (yjs.handles(pathname)) yjs.handleUpgrade(request, socket, head);
    else if (!pathname.startsWith('/socket.io/')) socket.destroy();
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  return {
    config, server, database, store, registry, participants, metrics, logger,
    listen: () => new Promise((resolveUrl, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        const address = server.address() as AddressInfo;
        resolveUrl(`http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`);
      });
    }),
    close: async () => {
      accepting = false;
      const closed = new Promise<void>((done) => server.close(() => done()));
      await registry.closeAll();
      yjs.close();
      server.closeAllConnections();
      await closed;
      await database.close();
    },
  };
}
