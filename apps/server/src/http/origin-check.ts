import type { IncomingMessage } from 'node:http';

/**
 * Whether a websocket upgrade (Yjs or socket.io) may proceed, judged by its `Origin` header. A browser
 * always sends `Origin` on these requests, and it carries the participant's cookie whichever page opened
 * the connection: without this check a page on another origin (even another subdomain of the same site)
 * could read and write a workshop as its visitor. Allowed are the server's own origin — the `Origin`'s
 * host equals the request's `Host` — and the origins listed in `ALLOWED_ORIGINS`. A request without
 * `Origin` comes from a program, not a page (the CLI, the official provider in Node), which holds its own
 * token rather than borrowing a browser's cookie; it is let through.
 */
export function originAllowed(request: IncomingMessage, allowedOrigins: ReadonlySet<string>): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.has(origin.toLowerCase())) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    // "null" (sandboxed frames, file pages) and anything else that is not an origin.
    return false;
  }
  const own = request.headers.host;
  return own !== undefined && host.toLowerCase() === own.toLowerCase();
}
