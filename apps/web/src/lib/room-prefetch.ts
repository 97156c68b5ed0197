import { api } from './api.ts';

type WorkshopAnswer = ReturnType<typeof api.workshop>;

let pending: { readonly id: string; readonly answer: WorkshopAnswer } | null = null;

/**
 * Asks for a workshop as soon as the address names it, while the room's code is still downloading: on a
 * phone network that saves a whole round trip before the room can connect.
 */
export function prefetchWorkshop(id: string): void {
  if (pending?.id !== id) pending = { id, answer: api.workshop(id) };
}

/** The prefetched answer for this workshop, taken once (a later visit asks again), or a fresh request. */
export function workshopAnswer(id: string): WorkshopAnswer {
  const prefetched = pending;
  pending = null;
  return prefetched?.id === id ? prefetched.answer : api.workshop(id);
}
