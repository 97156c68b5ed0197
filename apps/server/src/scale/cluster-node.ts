import type { AccordDatabase } from '@accord/db/database';
import type { Config } from '../config.ts';
import { SteeringRepository } from '../control/steering.repository.ts';
import type { ControlPlane } from '../control/control-plane.ts';
import type { LimiterFactory } from '../http/rate-limit.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { AwarenessChange } from '../sync/room-awareness.ts';
import type { UpdateStore } from '../sync/update-store.ts';
import type { WorkshopRoom } from '../sync/workshop-room.ts';
import { VersionRepository } from '../versions/version.repository.ts';
import { AuditRepository } from '../workshops/audit.repository.ts';
import { ParticipantRepository } from '../workshops/participant.repository.ts';
import { WorkshopRepository } from '../workshops/workshop.repository.ts';
import { ControlResync } from './control-resync.ts';
import { FreezeSync } from './freeze-sync.ts';
import { RevocationSweep } from './revocation-sweep.ts';
import { createScaleOut, type ScaleOut } from './scale-out.ts';

export interface ClusterNodeDeps {
  readonly database: AccordDatabase;
  readonly registry: RoomRegistry;
  readonly store: UpdateStore;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** The rooms' bounds on awareness, which the presence shared between nodes follows. */
export interface AwarenessLimits {
  readonly maxAwarenessBytes: number;
  readonly maxAwarenessIdsPerConnection: number;
}

type ClusterConfig = Pick<
  Config,
  'redisUrl' | 'redisPrefix' | 'presenceHeartbeatMs' | 'maxParticipants' | 'revocationCheckMs'
>;

/**
 * This node's place among several sharing one PostgreSQL through Redis (REDIS_URL): the scale-out
 * connections, and the checks that re-read from PostgreSQL what a lost Redis message carried (revocations,
 * room freezes, control state). Resolves with undefined when the server runs as a single node.
 */
export async function joinCluster(
  config: ClusterConfig,
  nodeId: string,
  limits: AwarenessLimits,
  deps: ClusterNodeDeps,
): Promise<ClusterNode | undefined> {
  if (!config.redisUrl) return undefined;
  if (deps.database.dialect !== 'postgres') {
    await deps.database.close();
    throw new Error(
      'REDIS_URL (several nodes) needs DATABASE_URL: nodes share one PostgreSQL; the embedded database serves one node only',
    );
  }
  return new ClusterNode({ ...config, redisUrl: config.redisUrl }, nodeId, limits, deps);
}

export class ClusterNode {
  private readonly scaleOut: ScaleOut;
  private sweep: RevocationSweep | undefined;
  private freezeSync: FreezeSync | undefined;
  private resync: ControlResync | undefined;

  constructor(
    private readonly config: ClusterConfig & { readonly redisUrl: string },
    nodeId: string,
    limits: AwarenessLimits,
    private readonly deps: ClusterNodeDeps,
  ) {
    this.scaleOut = createScaleOut(
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
          void this.sweep?.run('redis-restored');
          void this.freezeSync?.reconcile();
          // socket.io events between nodes travel on these connections: re-send the current state.
          if (role === 'io-sub' || role === 'io-pub') this.resync?.restored(role);
        },
      },
      deps.registry,
      deps.store,
      deps.logger,
      deps.metrics,
    );
  }

  /** The socket.io adapter: rooms, emits, fetchSockets and disconnects reach every node. */
  get adapter(): ScaleOut['adapter'] {
    return this.scaleOut.adapter;
  }

  /** Rate limits counted across nodes. */
  get limiters(): LimiterFactory {
    return this.scaleOut.limiters;
  }

  /** A stored Yjs update, for the other nodes' copies of the room. */
  publishStored(workshopId: string, seq: number, update: Uint8Array): void {
    this.scaleOut.fanout.publish(workshopId, seq, update);
  }

  /** A room's awareness changed here: the other nodes' clients see it too. */
  awarenessChanged(room: WorkshopRoom, change: AwarenessChange, origin: unknown): void {
    this.scaleOut.presence.changed(room, change, origin);
  }

  /**
   * Starts the periodic checks against PostgreSQL once the control plane exists; `revoked` is the node's set
   * of revoked participants that connections mid-setup consult.
   */
  startChecks(control: ControlPlane, revoked: Set<string>): void {
    const { database, registry, logger } = this.deps;
    const { db } = database;
    this.sweep = new RevocationSweep(
      { participants: new ParticipantRepository(db), registry, io: control.io, revoked, logger },
      this.config.revocationCheckMs,
    );
    this.freezeSync = new FreezeSync(new WorkshopRepository(db), registry, logger, this.config.revocationCheckMs);
    this.resync = new ControlResync(
      { steering: new SteeringRepository(db), versions: new VersionRepository(db), audit: new AuditRepository(db) },
      control,
      logger,
    );
  }

  /** Another node froze or unfroze a workshop: re-read its freeze and reopen connections that no longer fit. */
  followFreeze(workshopId: string): void {
    void this.freezeSync?.reconcile([workshopId]);
  }

  /** The first step of shutdown: no more checks. */
  stopChecks(): void {
    this.sweep?.close();
    this.freezeSync?.close();
    this.resync?.close();
  }

  /** Closes the Redis connections (after the rooms have stored and published everything). */
  close(): Promise<void> {
    return this.scaleOut.close();
  }
}
