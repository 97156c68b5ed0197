import type { AwarenessChange } from './room-awareness.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { GroupCommitter } from './group-commit.ts';
import type { SetAside } from './replay-stored.ts';
import type { UpdateStore } from './update-store.ts';
import type { WorkshopRoom } from './workshop-room.ts';

export interface RoomLimits {
  /** Largest stored document (snapshot plus tail plus updates in flight), bytes. */
  readonly maxDocBytes: number;
  /** Largest awareness state of one client, bytes of JSON. */
  readonly maxAwarenessBytes: number;
  /** Most awareness client ids one connection may introduce (one per tab is normal). */
  readonly maxAwarenessIdsPerConnection: number;
  /** Largest frame a client may send; presence is relayed in frames of at most half of it (clients echo them). */
  readonly maxMessageBytes: number;
}

/** What a workshop room needs from the rest of the server. */
export interface RoomServices {
  readonly store: UpdateStore;
  readonly committer: GroupCommitter;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly limits: RoomLimits;
  /** Compact once the stored tail holds this many updates. */
  readonly compactAfterUpdates: number;
  /** Told of every update this node stored, with its sequence number (scale-out fans it out). */
  readonly onStored?: (workshopId: string, seq: number, update: Uint8Array) => void;
  /** Told of every awareness change with its origin (scale-out fans out what this node's clients changed). */
  readonly onAwareness?: (room: WorkshopRoom, change: AwarenessChange, origin: unknown) => void;
}

/** Logs and counts stored updates that loading or compaction set aside. */
export function reportSetAside(
  workshopId: string,
  services: RoomServices,
  setAside: readonly SetAside[],
  during: string,
): void {
  for (const entry of setAside) {
    services.metrics.quarantined.inc();
    services.logger.error(
      { workshopId, kind: entry.kind, seq: entry.seq, bytes: entry.update.byteLength, reason: entry.reason, during },
      'set a stored update aside; serving the rest',
    );
  }
}
