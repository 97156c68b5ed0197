import { PHASES, type Phase } from '@accord/protocol/phases';

export type Route =
  | { readonly page: 'start' }
  | { readonly page: 'join'; readonly invite: string }
  /** `phase` absent: the room's current phase (the address a facilitator hands out follows the room). */
  | { readonly page: 'room'; readonly workshopId: string; readonly phase?: Phase }
  | { readonly page: 'not-found' };

const isPhase = (value: string): value is Phase => (PHASES as readonly string[]).includes(value);

/** `/`, `/join/<invite>`, `/w/<workshopId>`, `/w/<workshopId>/<phase>`; anything else is not found. */
export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'start' };
  const join = /^\/join\/([^/]+)\/?$/.exec(pathname);
  if (join?.[1]) return { page: 'join', invite: decodeURIComponent(join[1]) };
  const room = /^\/w\/([^/]+)(?:\/([a-z]+))?\/?$/.exec(pathname);
  if (!room?.[1]) return { page: 'not-found' };
  const workshopId = decodeURIComponent(room[1]);
  if (room[2] === undefined) return { page: 'room', workshopId };
  return isPhase(room[2]) ? { page: 'room', workshopId, phase: room[2] } : { page: 'not-found' };
}

/** The address of one phase of a workshop's room. */
export function roomPath(workshopId: string, phase?: Phase): string {
  const base = `/w/${encodeURIComponent(workshopId)}`;
  return phase ? `${base}/${phase}` : base;
}
