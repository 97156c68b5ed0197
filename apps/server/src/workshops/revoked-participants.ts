import type { RoomRegistry } from '../sync/room-registry.ts';

/**
 * Participants revoked since this process started, on this node or another, for connections that were
 * mid-setup at the time: they consult it before they are admitted.
 */
export class RevokedParticipants {
  /** The ids themselves (the cluster's revocation sweep adds those PostgreSQL reports). */
  readonly ids = new Set<string>();

  constructor(private readonly registry: RoomRegistry) {}

  has(participantId: string): boolean {
    return this.ids.has(participantId);
  }

  /** Records a revocation and closes the participant's Yjs connections to the workshop on this node. */
  revoke(workshopId: string, participantId: string): void {
    this.ids.add(participantId);
    this.registry.disconnectParticipant(workshopId, participantId);
  }
}
