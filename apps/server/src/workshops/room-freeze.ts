import type { FieldChange, RoomStatus } from '@accord/protocol/api';
import { canonicalJson } from '@accord/core/canonical-json';
import { readSnapshot } from '@accord/core/ydoc';
import { AccordError } from '@accord/protocol/errors';
import type { RoomRegistry } from '../sync/room-registry.ts';
import { fieldDiff } from '../versions/field-diff.ts';
import type { VersionService } from '../versions/version.service.ts';
import type { AuditRepository } from './audit.repository.ts';
import type { Participant } from './participant.repository.ts';
import type { VersionRepository } from '../versions/version.repository.ts';
import type { WorkshopEvents } from './workshop-events.ts';
import type { WorkshopRepository } from './workshop.repository.ts';

/**
 * Close code sent to every Yjs connection of a workshop when it is frozen or unfrozen: in the retry range,
 * so clients reconnect at once and the endpoint gives them the new write permission.
 */
export const ROOM_FREEZE_CLOSE = {
  code: 4505,
  reason: 'the room was frozen or unfrozen for signing: reconnecting',
} as const;

/** Changes listed with the room status; the count is always whole. */
const MAX_CHANGES_LISTED = 200;

export interface RoomFreezeDeps {
  readonly workshops: WorkshopRepository;
  readonly registry: RoomRegistry;
  readonly versions: VersionRepository;
  readonly versionService: VersionService;
  readonly audit: AuditRepository;
  /** Told of every freeze and unfreeze: the control plane tells every node's clients and Yjs connections. */
  readonly events?: WorkshopEvents;
}

/**
 * The room after publishing: how far the live requirements have moved from the latest version, and the
 * facilitator's freeze that holds them still while sponsors sign (every Yjs connection read-only, updates
 * refused, until unfrozen). Both changes are audited.
 */
/** The refusal of a change to the document while the room is frozen for signing. */
export function roomFrozen(): AccordError {
  return new AccordError(
    'room_frozen',
    'the room is frozen while sponsors sign: the facilitator must unfreeze it first',
  );
}

export class RoomFreeze {
  /** Freezes and unfreezes made through this node, per workshop (see `YjsEndpointDeps.freezeChanges`). */
  private readonly changes = new Map<string, number>();

  constructor(private readonly deps: RoomFreezeDeps) {}

  /** How many times this node froze or unfroze the workshop since it started. */
  changeCount(workshopId: string): number {
    return this.changes.get(workshopId) ?? 0;
  }

  /** Whether a workshop is frozen now, read from the database so every node agrees. */
  async isFrozen(workshopId: string): Promise<boolean> {
    return (await this.deps.workshops.freeze(workshopId)) != null;
  }

  async set(actor: Participant, frozen: boolean): Promise<RoomStatus> {
    if (!(await this.deps.workshops.setFrozen(actor.workshopId, frozen ? actor.name : null))) {
      throw new AccordError(
        frozen ? 'already_frozen' : 'not_frozen',
        frozen ? 'the room is already frozen' : 'the room is not frozen',
      );
    }
    this.changes.set(actor.workshopId, this.changeCount(actor.workshopId) + 1);
    await this.deps.audit.record(actor.workshopId, frozen ? 'room.frozen' : 'room.unfrozen', actor, {});
    // Connections on this node reconnect and get the new permission; other nodes hear of it through the
    // control plane (and re-read it from the database should that message be lost).
    const room = this.deps.registry.peek(actor.workshopId);
    for (const connection of [...(room?.connections ?? [])]) connection.close(ROOM_FREEZE_CLOSE);
    this.deps.events?.emit('roomFrozen', actor.workshopId, { frozen, by: actor.name, at: new Date().toISOString() });
    return this.status(actor.workshopId);
  }

  async status(workshopId: string): Promise<RoomStatus> {
    const freeze = await this.deps.workshops.freeze(workshopId);
    if (freeze === undefined) throw new AccordError('not_found', 'no such workshop');
    const latest = await this.deps.versions.latestNumber(workshopId);
    let changes: FieldChange[] | null = null;
    if (latest > 0) {
      const [{ record }, live] = await Promise.all([
        this.deps.versionService.record(workshopId, latest),
        this.deps.registry.withRoom(workshopId, (room) => readSnapshot(room.doc)),
      ]);
      // Attendance is recorded at publishing, not edited in the room: it is no change of the SLA.
      // The record went through canonical JSON; the live value must too, or key order reads as a change.
      if (live.ok)
        changes = fieldDiff(
          { ...record.requirements, attendance: [] },
          JSON.parse(canonicalJson({ ...live.value, attendance: [] })) as unknown,
        );
    }
    return {
      latestVersion: latest > 0 ? latest : null,
      changesSinceLatest: changes?.length ?? null,
      changes: changes?.slice(0, MAX_CHANGES_LISTED) ?? [],
      frozen: freeze ? { at: freeze.at.toISOString(), by: freeze.by } : null,
    };
  }
}
