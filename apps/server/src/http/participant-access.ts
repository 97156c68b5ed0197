import type { Context, MiddlewareHandler } from 'hono';
import { setCookie } from 'hono/cookie';
import { can, type Permission } from '@accord/protocol/roles';
import { authenticate, sessionCookieName } from '../auth/authenticate.ts';
import type { ParticipantRepository } from '../workshops/participant.repository.ts';
import type { AppEnv } from './app-env.ts';
import { AccordError } from '@accord/protocol/errors';

const WORKSHOP_ID = /^[a-z0-9]{1,64}$/;
const SESSION_DAYS = 30;

/** What each permission lets one do, for 403 messages that say what was refused. */
const DOING: Readonly<Record<Permission, string>> = {
  editRequirements: 'edit the requirements',
  propose: 'propose values',
  vote: 'vote',
  decide: 'decide on proposals',
  steer: 'move the agenda or run the timer',
  invite: 'manage invites and participants',
  publish: 'publish or import',
  sign: 'sign or reject versions',
  read: 'read this workshop',
};

/** Resolves the participant of the workshop in the path (`:id`); 401 without a valid session for it. */
export function requireParticipant(participants: ParticipantRepository): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const workshopId = c.req.param('id') ?? '';
    if (!WORKSHOP_ID.test(workshopId)) throw new AccordError('not_found', 'no such workshop');
    const participant = await authenticate(participants, workshopId, {
      authorization: c.req.header('authorization'),
      cookie: c.req.header('cookie'),
    });
    if (!participant) {
      throw new AccordError(
        'unauthenticated',
        'you are not signed in to this workshop (or your access was revoked): open your invite link again',
      );
    }
    c.set('participant', participant);
    await next();
  };
}

/** 403 unless the signed-in participant's role has the permission. */
export function requirePermission(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { role } = c.get('participant');
    if (!can(role, permission)) throw new AccordError('forbidden', `a ${role} may not ${DOING[permission]}`);
    await next();
  };
}

/** Sets the browser's session cookie: httpOnly, SameSite=Lax, Secure whenever the request came over TLS. */
export function setSessionCookie(c: Context<AppEnv>, workshopId: string, token: string, secure: boolean): void {
  setCookie(c, sessionCookieName(workshopId), token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: SESSION_DAYS * 86_400,
  });
}
