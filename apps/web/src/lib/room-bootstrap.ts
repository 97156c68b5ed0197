import type { ParticipantView, WorkshopView } from '@accord/protocol/api';
import { ROOM_BOOTSTRAP_ELEMENT_ID, roomBootstrapSchema } from '@accord/protocol/room-bootstrap';

/** A room as its page carried it: the workshop, who you are, and the shared document's state (a Yjs update). */
export interface RoomOpening {
  readonly workshop: WorkshopView;
  readonly you: ParticipantView;
  /** The document as it stood when the page was served; absent when the room was asked for over the API. */
  readonly docState?: Uint8Array;
  /** Whether the room was frozen for signing when the page was served; absent over the API. */
  readonly frozen?: boolean;
}

/**
 * Takes the bootstrap the server put into this page (`@accord/protocol/room-bootstrap`) when it is for
 * `workshopId`. Taken once and removed: it describes the moment the page was served, so a later visit to a
 * room within the same page asks the server again. Anything unreadable is ignored (the API is asked instead).
 */
export function takeRoomBootstrap(workshopId: string, page: Document = document): RoomOpening | undefined {
  const element = page.getElementById(ROOM_BOOTSTRAP_ELEMENT_ID);
  if (!element) return undefined;
  element.remove();
  let data: unknown;
  try {
    data = JSON.parse(element.textContent ?? '');
  } catch {
    return undefined;
  }
  const parsed = roomBootstrapSchema.safeParse(data);
  if (!parsed.success || parsed.data.workshop.id !== workshopId) return undefined;
  const { workshop, you, doc, frozen } = parsed.data;
  return { workshop, you, docState: fromBase64(doc), frozen };
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
