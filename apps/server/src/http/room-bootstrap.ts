import type { RoomBootstrap } from '@accord/protocol/room-bootstrap';
import * as Y from 'yjs';
import { authenticate } from '../auth/authenticate.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { ParticipantRepository } from '../workshops/participant.repository.ts';
import { toParticipantView } from '../workshops/workshop-views.ts';
import type { WorkshopService } from '../workshops/workshop.service.ts';

/**
 * A page carries documents up to this size (stored bytes): encoding one costs a millisecond or two, and page
 * loads have no rate limit. A bigger document reaches the browser through the websocket's sync, whose
 * full-state answers are cached and budgeted.
 */
export const MAX_BOOTSTRAP_DOC_BYTES = 256 * 1024;

/**
 * How long a page waits for the room's writes so far to be stored before it goes without a bootstrap (and
 * the room syncs over the websocket as without one): a stalled database must not hold up the page.
 */
const STORED_WAIT_MS = 2000;

/** Resolves when `stored` does, rejects when it does or when `ms` pass first. */
async function storedWithin(stored: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the room took too long to store its writes')), ms);
  });
  try {
    await Promise.race([stored, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A room's address: `/w/<workshopId>` or `/w/<workshopId>/<phase>` (the client checks the phase). */
const ROOM_PATH = /^\/w\/([a-z0-9]{1,64})(?:\/[a-z]+)?\/?$/;

export interface RoomBootstrapDeps {
  readonly participants: Pick<ParticipantRepository, 'authenticate'>;
  readonly workshops: Pick<WorkshopService, 'workshop'>;
  readonly registry: Pick<RoomRegistry, 'withRoom'>;
  /** Whether the room is frozen while sponsors sign. */
  readonly isFrozen: (workshopId: string) => Promise<boolean>;
}

/** The bootstrap for a page request, or undefined when the page gets none (see `roomBootstrap`). */
export type RoomBootstrapSource = (path: string, cookie: string | undefined) => Promise<RoomBootstrap | undefined>;

/**
 * What a room's page carries for a browser signed in to its workshop (see `@accord/protocol/room-bootstrap`):
 * the workshop, who the participant is, the document and the freeze, so that on a phone network the room paints its
 * forms without the round trips of asking for the workshop and syncing the whole document first. It grants
 * nothing new: exactly what `GET /api/workshops/:id` and the Yjs sync give the same session. Any other
 * address, no session, a revoked one, a missing workshop or a failed read gives none — the page then asks
 * as it always did, and the API says what is wrong.
 */
export function roomBootstrap(deps: RoomBootstrapDeps): RoomBootstrapSource {
  return async (path, cookie) => {
    const workshopId = ROOM_PATH.exec(path)?.[1];
    if (!workshopId || !cookie) return undefined;
    try {
      const participant = await authenticate(deps.participants, workshopId, { cookie });
      if (!participant) return undefined;
      const [workshop, doc, frozen] = await Promise.all([
        deps.workshops.workshop(workshopId),
        deps.registry.withRoom(workshopId, async (room) => {
          if (room.isResetting || room.documentBytes > MAX_BOOTSTRAP_DOC_BYTES) return undefined;
          const copy = { update: Y.encodeStateAsUpdate(room.doc), stateVector: Y.encodeStateVector(room.doc) };
          // The page tells the server it holds nothing the server lacks (src/early/room-socket.ts in the web
          // app): only true once all it carries is stored, since a restart loses what was relayed but not yet
          // stored, and only browsers holding it could bring it back. A failed store gives no bootstrap.
          await storedWithin(room.storedSoFar(), STORED_WAIT_MS);
          return copy;
        }),
        deps.isFrozen(workshopId),
      ]);
      if (!doc) return undefined;
      return {
        workshop,
        you: toParticipantView(participant),
        doc: Buffer.from(doc.update).toString('base64'),
        stateVector: Buffer.from(doc.stateVector).toString('base64'),
        frozen,
      };
    } catch {
      return undefined;
    }
  };
}
