export type Route =
  | { readonly page: 'start' }
  | { readonly page: 'join'; readonly invite: string }
  | { readonly page: 'room'; readonly workshopId: string }
  | { readonly page: 'not-found' };

/** `/`, `/join/<invite>`, `/w/<workshopId>`; anything else is not found. */
export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'start' };
  const join = /^\/join\/([^/]+)\/?$/.exec(pathname);
  if (join?.[1]) return { page: 'join', invite: decodeURIComponent(join[1]) };
  const room = /^\/w\/([^/]+)\/?$/.exec(pathname);
  if (room?.[1]) return { page: 'room', workshopId: decodeURIComponent(room[1]) };
  return { page: 'not-found' };
}
