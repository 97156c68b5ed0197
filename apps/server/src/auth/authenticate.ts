import { parse } from 'hono/utils/cookie';
import type { Participant, ParticipantRepository } from '../workshops/participant.repository.ts';

/** Longer Cookie headers are not read: no browser of ours sends one, and parsing it costs the server. */
const MAX_COOKIE_HEADER = 8192;

/**
 * A browser holds one session per workshop, in an httpOnly cookie named after the workshop so that one
 * browser can be in several workshops. API clients send the same token as `Authorization: Bearer …`.
 */
export function sessionCookieName(workshopId: string): string {
  return `accord_${workshopId}`;
}

/** What a request presents as its session, whichever door it came through. */
export interface Credentials {
  /** A token given outright: a Yjs upgrade's `?token=` or socket.io's `auth.token`. It wins over the rest. */
  readonly token?: string | null | undefined;
  /** The `Authorization` header (`Bearer …`). */
  readonly authorization?: string | undefined;
  /** The `Cookie` header, holding the workshop's session cookie. */
  readonly cookie?: string | undefined;
}

/** The session token the credentials present for `workshopId`; undefined when there is none. */
export function presentedToken(credentials: Credentials, workshopId: string): string | undefined {
  if (credentials.token) return credentials.token;
  const { authorization, cookie } = credentials;
  if (authorization?.startsWith('Bearer ')) return authorization.slice(7).trim() || undefined;
  if (!cookie || cookie.length > MAX_COOKIE_HEADER) return undefined;
  const name = sessionCookieName(workshopId);
  return parse(cookie, name)[name] || undefined;
}

/**
 * The one sign-in check of every door (HTTP, the control plane, the Yjs upgrade): the participant of
 * `workshopId` whose session the credentials present, or undefined when there is none or it was revoked.
 */
export async function authenticate(
  participants: Pick<ParticipantRepository, 'authenticate'>,
  workshopId: string,
  credentials: Credentials,
): Promise<Participant | undefined> {
  const token = presentedToken(credentials, workshopId);
  return token ? participants.authenticate(workshopId, token) : undefined;
}
