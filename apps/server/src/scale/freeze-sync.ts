import { can } from '@accord/protocol/roles';
import type { Logger } from '../logger.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import { ROOM_FREEZE_CLOSE } from '../workshops/room-freeze.ts';
import type { WorkshopRepository } from '../workshops/workshop.repository.ts';

/**
 * Keeps every node's Yjs connections in step with the freeze PostgreSQL records. A connection's write
 * permission is fixed when it opens (a frozen room makes editors read-only), so a node that learns of a
 * freeze or an unfreeze — a message from the node where it happened, or its own re-read after a Redis
 * outage or on its periodic check — closes each editor connection whose permission is now wrong with 4505;
 * the client reconnects at once and gets the right one. Connections already right are left alone.
 */
export class FreezeSync {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly workshops: WorkshopRepository,
    private readonly registry: RoomRegistry,
    private readonly logger: Logger,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.reconcile(), intervalMs);
    this.timer.unref();
  }

  /** Re-reads the freeze of the given workshops (default: every loaded one); resolves with the connections closed. */
  async reconcile(workshopIds?: readonly string[]): Promise<number> {
    const ids = (workshopIds ?? this.registry.loaded().map((room) => room.workshopId)).filter((id) =>
      this.registry.peek(id),
    );
    if (ids.length === 0) return 0;
    let frozenNow: Map<string, boolean>;
    try {
      frozenNow = await this.workshops.frozenAmong(ids);
    } catch (error) {
      this.logger.warn({ err: String(error) }, 'could not re-read the room freeze; trying again later');
      return 0;
    }
    let closed = 0;
    for (const [workshopId, frozen] of frozenNow) {
      const room = this.registry.peek(workshopId);
      let here = 0;
      for (const connection of [...(room?.connections ?? [])]) {
        // Only editors change with the freeze; observers are read-only either way.
        if (!can(connection.identity.role, 'editRequirements') || connection.readOnly === frozen) continue;
        connection.close(ROOM_FREEZE_CLOSE);
        here += 1;
      }
      closed += here;
      if (here > 0)
        this.logger.info(
          { workshopId, frozen, connections: here },
          'Yjs connections reopened to follow the room freeze',
        );
    }
    return closed;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
