import { api, type ApiResult } from './api.ts';
import { takeRoomBootstrap, type RoomOpening } from './room-bootstrap.ts';

type RoomAnswer = Promise<ApiResult<RoomOpening>>;

let pending: { readonly id: string; readonly answer: RoomAnswer } | null = null;

/**
 * Opens a workshop as soon as the address names it, while the room's code is still downloading: from the
 * bootstrap the server put into the page when there is one (no request at all), else by asking the API —
 * on a phone network either saves a whole round trip before the room can connect.
 */
export function prefetchWorkshop(id: string): void {
  if (pending?.id === id) return;
  const carried = takeRoomBootstrap(id);
  pending = { id, answer: carried ? Promise.resolve({ ok: true, value: carried }) : api.workshop(id) };
}

/** The prefetched answer for this workshop, taken once (a later visit asks again), or a fresh request. */
export function workshopAnswer(id: string): RoomAnswer {
  const prefetched = pending;
  pending = null;
  return prefetched?.id === id ? prefetched.answer : api.workshop(id);
}
