import type { Server } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AccordDatabase, DatabaseOptions } from '@accord/db/database';
import { randomId } from './auth/secret-token.ts';
import type { Config } from './config.ts';
import { ControlPlane } from './control/control-plane.ts';
import { databaseOptions, openServerDatabase } from './database.ts';
import { createHttpApp } from './http/http-app.ts';
import { NodeServer } from './http/node-server.ts';
import { originAllowed } from './http/origin-check.ts';
import { memoryLimiters, type LimiterFactory } from './http/rate-limit.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, type Metrics } from './ops/metrics.ts';
import { joinCluster, type ClusterNode } from './scale/cluster-node.ts';
import { createServices } from './services.ts';
import { GroupCommitter } from './sync/group-commit.ts';
import { RoomRegistry } from './sync/room-registry.ts';
import { UpdateStore } from './sync/update-store.ts';
import { YjsEndpoint } from './sync/yjs-endpoint.ts';
import type { ParticipantRepository } from './workshops/participant.repository.ts';
import { RevokedParticipants } from './workshops/revoked-participants.ts';
import type { WorkshopEvents } from './workshops/workshop-events.ts';
import type { WorkshopService } from './workshops/workshop.service.ts';

export interface AppOverrides {
  /** Use this database instead of the one the config names (tests isolate themselves this way). */
  readonly database?: DatabaseOptions;
  /**
   * Serve this open, migrated database instead of opening one. Its owner keeps it: the app does not close it,
   * nor advertise itself in its folder's lock. Several apps in one process share one database this way, as
   * nodes share PostgreSQL (tests start apps that differ only in config over one database).
   */
  readonly openDatabase?: AccordDatabase;
  /** Rate limiters (scale-out shares them through Redis). */
  readonly limiters?: LimiterFactory;
  /**
   * Another process took the embedded data folder over while this one was frozen (see the lock). The app
   * stops answering ready; the process should exit without writing more (index.ts does).
   */
  readonly onLockLost?: () => void;
}

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
  /** Graceful shutdown: stop taking connections, store everything pending, close sockets and its own database. */
  close(): Promise<void>;
}

const DEFAULT_WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Builds the whole server (HTTP, socket.io, Yjs endpoint) on one Node HTTP server; only `listen` opens a port. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<AccordApp> {
  const logger = createLogger(config);
  const metrics = createMetrics();
  let accepting = true;
  const owned = overrides.openDatabase === undefined;
  const database =
    overrides.openDatabase ??
    (await openServerDatabase(overrides.database ?? databaseOptions(config), logger, () => {
      accepting = false;
      overrides.onLockLost?.();
    }));
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
  // Late-bound: the cluster's fan-out needs the registry, and the registry's rooms tell the fan-out.
  let cluster: ClusterNode | undefined = undefined;
  const limits = {
    maxDocBytes: config.maxDocBytes,
    maxAwarenessBytes: 4096,
    maxAwarenessIdsPerConnection: 4,
    maxMessageBytes: config.maxMessageBytes,
  };
  const registry = new RoomRegistry(
    {
      store,
      committer,
      metrics,
      logger,
      compactAfterUpdates: config.compactAfterUpdates,
      onStored: (workshopId, seq, update) => cluster?.publishStored(workshopId, seq, update),
      onAwareness: (room, change, origin) => cluster?.awarenessChanged(room, change, origin),
      limits,
    },
    committer,
    metrics,
    logger,
    { idleUnloadMs: config.idleUnloadMs },
  );
  const nodeId = config.nodeId ?? `node-${randomId(6)}`;
  cluster = await joinCluster(config, nodeId, limits, { database, registry, store, logger, metrics });

  const services = createServices({ db: database.db, registry, logger, singleSignOn: config.oidc !== undefined });
  const { participants, freeze, events } = services;
  const revoked = new RevokedParticipants(registry);
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
  const http = createHttpApp({
    config,
    services,
    database,
    limiters: overrides.limiters ?? cluster?.limiters ?? memoryLimiters,
    metrics,
    logger,
    accepting: () => accepting,
    flush: () => committer.drain(),
    webDist: config.webDist ?? DEFAULT_WEB_DIST,
    registry,
  });
  const web = new NodeServer(http.fetch, yjs, logger);
  const { server } = web;
  const control = new ControlPlane(server, {
    participants,
    steering: services.steering,
    deliberation: services.deliberation,
    events,
    logger,
    eventsPerTenSeconds: config.eventsPerTenSeconds,
    allowRequest: (request) => originAllowed(request, allowedOrigins),
    ...(cluster ? { adapter: cluster.adapter } : {}),
    isRevoked,
    onRemoteRevoke: (workshopId, participantId) => revoked.revoke(workshopId, participantId),
    onRemoteFreeze: (workshopId) => cluster?.followFreeze(workshopId),
  });
  cluster?.startChecks(control, revoked.ids);
  events.on('participantRevoked', (workshopId, event) => revoked.revoke(workshopId, event.participantId));

  let closing: Promise<void> | undefined;
  return {
    config,
    server,
    database,
    store,
    registry,
    participants,
    workshops: services.workshops,
    control,
    events,
    metrics,
    logger,
    nodeId,
    listen: async () => {
      const { url, localUrl } = await web.listen(config.port, config.host);
      try {
        // Where `accord backup` on this host finds us.
        if (owned) database.lock?.advertise(localUrl);
      } catch (error) {
        logger.warn(
          { err: error },
          'could not record the server URL in the data folder lock; `accord backup` will not find this server',
        );
      }
      return url;
    },
    // Closing twice (a second SIGTERM, a test) waits for the first close rather than closing again.
    close: () =>
      (closing ??= (async () => {
        accepting = false;
        cluster?.stopChecks();
        // Rolling restarts: first only /readyz says no, so a balancer that polls it stops sending new work here.
        if (config.shutdownDrainMs > 0)
          await new Promise((resolveDrain) => setTimeout(resolveDrain, config.shutdownDrainMs));
        // Then no new connections; requests already in flight finish, bounded.
        const listenerClosed = web.stopListening();
        await web.requestsFinished(config.shutdownGraceMs);
        const controlClosed = control.close();
        await registry.closeAll();
        yjs.close();
        // Everything acknowledged is stored by now: after the grace, whatever is still connected is cut.
        const cancelCut = web.cutConnectionsAfter(config.shutdownGraceMs);
        // socket.io closes the HTTP server as its last step; the listener was closed above already, and Node
        // only tells a second close() about it if connections remain, so whichever finishes first ends the wait.
        await Promise.race([controlClosed, listenerClosed]);
        cancelCut();
        await cluster?.close();
        if (owned) await database.close();
      })()),
  };
}
