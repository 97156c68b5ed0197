import type { ControlServer } from '../control/control-plane.ts';
import type { Logger } from '../logger.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { ParticipantRepository } from '../workshops/participant.repository.ts';

export interface RevocationSweepDeps {
  readonly participants: ParticipantRepository;
  readonly registry: RoomRegistry;
  readonly io: ControlServer;
  /** The node's set of revoked participants (connections mid-setup consult it). */
  readonly revoked: Set<string>;
  readonly logger: Logger;
}

/**
 * Re-checks revocations against PostgreSQL, so a participant revoked on another node is cut here even when
 * the Redis message saying so never arrived (the subscriber was reconnecting). Only participants revoked
 * since this node started can still hold a connection here — a connection is refused once its participant
 * is revoked — so that is all it reads. Runs periodically and whenever a Redis connection comes back.
 */
export class RevocationSweep {
  private readonly since = new Date(Date.now() - 60_000);
  private readonly timer: NodeJS.Timeout;
  private running: Promise<number> | undefined;

  constructor(
    private readonly deps: RevocationSweepDeps,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.run('periodic'), intervalMs);
    this.timer.unref();
  }

  /** Cuts every connection on this node of a participant PostgreSQL says is revoked; resolves with how many. */
  run(why: 'periodic' | 'redis-restored'): Promise<number> {
    this.running ??= this.sweep(why).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweep(why: string): Promise<number> {
    let rows: { id: string; workshopId: string }[];
    try {
      rows = await this.deps.participants.revokedSince(this.since);
    } catch (error) {
      this.deps.logger.warn({ err: String(error) }, 'revocation sweep could not read the database; trying again later');
      return 0;
    }
    let cut = 0;
    for (const row of rows) {
      this.deps.revoked.add(row.id);
      let closed = this.deps.registry.disconnectParticipant(row.workshopId, row.id);
      const room = this.deps.io.local.in(`p:${row.id}`);
      const sockets = await room.fetchSockets();
      if (sockets.length > 0) {
        room.emit('revoked', { reason: 'your access to this workshop was revoked by the facilitator' });
        room.disconnectSockets(true);
        closed += sockets.length;
      }
      if (closed > 0)
        this.deps.logger.warn(
          { workshopId: row.workshopId, participantId: row.id, connections: closed, why },
          'revoked participant was still connected; cut by the revocation sweep',
        );
      cut += closed;
    }
    return cut;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
