import type { IncomingMessage } from 'node:http';

/**
 * A browser holds one session per workshop, in an httpOnly cookie named after the workshop so that one
 * browser can be in several workshops. API clients send the same token as `Authorization: Bearer …`.
 */
export function sessionCookieName(workshopId: string): string {
  return `accord_${workshopId}`;
}

/** Reads one cookie from a Cookie header; undefined when absent or malformed. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The session token an upgrade request presents: `?token=`, a bearer header, or the workshop's cookie. */
export function tokenFromRequest(request: IncomingMessage, url: URL, workshopId: string): string | undefined {
  const query = url.searchParams.get('token');
  if (query) return query;
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice(7).trim();
  return readCookie(request.headers.cookie, sessionCookieName(workshopId));
}
