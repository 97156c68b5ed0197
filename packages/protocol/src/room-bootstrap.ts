import { z } from 'zod';
import { participantViewSchema, workshopViewSchema } from './api.ts';

/**
 * The id of the element a room's page carries its bootstrap in: `<script type="application/json" id=…>`.
 * A data block, not a script: the page's Content-Security-Policy (`script-src 'self'`) is untouched.
 */
export const ROOM_BOOTSTRAP_ELEMENT_ID = 'accord-room';

/**
 * What the server puts into the page of a room (`/w/<id>`, `/w/<id>/<phase>`) for a browser signed in to
 * that workshop, so the room opens without first asking for it: the answer of `GET /api/workshops/:id`,
 * the shared document as it stood (a Yjs update, base64) and whether the room is frozen for signing (so no
 * form is editable that the server would refuse). The websocket then syncs only what changed since.
 * `stateVector` is that document's state vector (base64), so the page's first script can ask the websocket
 * for what changed before the Yjs code has even arrived (apps/web/src/early/room-socket.ts).
 */
export const roomBootstrapSchema = z.object({
  workshop: workshopViewSchema,
  you: participantViewSchema,
  doc: z.base64(),
  stateVector: z.base64().optional(),
  frozen: z.boolean(),
});
export type RoomBootstrap = z.infer<typeof roomBootstrapSchema>;
