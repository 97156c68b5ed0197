import type { SignatureEvidence } from '@accord/protocol/api';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env.ts';
import { AccordError } from '@accord/protocol/errors';
import { requireParticipant, setSessionCookie } from '../http/participant-access.ts';
import type { Logger } from '../logger.ts';
import type { Participant, ParticipantRepository } from '../workshops/participant.repository.ts';
import type { SponsorSeatRepository } from '../workshops/sponsor-seat.repository.ts';
import type { JoinService } from '../workshops/join.service.ts';
import type { OidcClient } from './oidc-client.ts';
import { CookieSeal } from './sealed-cookie.ts';
import { routes } from '@accord/protocol/routes';

const FLOW_COOKIE = 'accord_oidc_flow';
const FLOW_MINUTES = 10;
const freshLoginCookie = (workshopId: string): string => `accord_sso_${workshopId}`;

const flowSchema = z.object({
  verifier: z.string(),
  state: z.string(),
  nonce: z.string(),
  maxAge: z.number().optional(),
  expiresAt: z.number(),
  purpose: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('join'), invite: z.string() }),
    z.object({ kind: z.literal('sign'), workshopId: z.string(), participantId: z.string() }),
  ]),
});

const freshLoginSchema = z.object({
  participantId: z.string(),
  issuer: z.string(),
  subject: z.string(),
  email: z.string(),
  authTime: z.number(),
});

export interface SsoDeps {
  readonly oidc: OidcClient;
  readonly joins: JoinService;
  readonly participants: ParticipantRepository;
  readonly seats: SponsorSeatRepository;
  readonly logger: Logger;
  readonly secureCookies: (c: Context<AppEnv>) => boolean;
}

/**
 * Single sign-on doors: joining a sponsor seat by logging in as its person, and the fresh login signing
 * needs. The flow's PKCE verifier, state and nonce travel sealed in a short-lived cookie, so any node can
 * finish a flow another node started.
 */
export function ssoRoutes(deps: SsoDeps): {
  routes: Hono<AppEnv>;
  signerIdentity: (c: Context<AppEnv>, actor: Participant) => Promise<SignatureEvidence['identity']>;
} {
  const app = new Hono<AppEnv>();
  const seal = new CookieSeal(deps.oidc.settings.clientSecret, 'oidc');
  const redirectUri = (c: Context<AppEnv>): string => new URL('/api/auth/oidc/callback', c.req.url).href;

  const begin = async (
    c: Context<AppEnv>,
    purpose: z.infer<typeof flowSchema>['purpose'],
    freshLogin: boolean,
    loginHint?: string,
  ) => {
    const { url, checks } = await deps.oidc.start(redirectUri(c), { freshLogin, ...(loginHint ? { loginHint } : {}) });
    setCookie(c, FLOW_COOKIE, seal.seal({ ...checks, expiresAt: Date.now() + FLOW_MINUTES * 60_000, purpose }), {
      httpOnly: true,
      sameSite: 'Lax',
      secure: deps.secureCookies(c),
      path: '/api/auth/oidc',
      maxAge: FLOW_MINUTES * 60,
    });
    return c.redirect(url, 302);
  };

  app.get(routes.oidcJoin.path, async (c) => {
    const invite = c.req.query('invite') ?? '';
    const preview = await deps.joins.previewInvite(invite);
    if (!preview.seat)
      throw new AccordError(
        'not_a_seat_invite',
        "logging in is for a sponsor seat's personal invite; this link is a role link",
      );
    return begin(c, { kind: 'join', invite }, false);
  });

  app.get(routes.oidcSign.path, requireParticipant(deps.participants), async (c) => {
    const actor = c.get('participant');
    if (!actor.seatId) throw new AccordError('not_an_approver', 'only a named sponsor logs in to sign');
    const seat = await deps.seats.get(actor.workshopId, actor.seatId);
    return begin(c, { kind: 'sign', workshopId: actor.workshopId, participantId: actor.id }, true, seat?.email);
  });

  app.get(routes.oidcCallback.path, async (c) => {
    const parsed = flowSchema.safeParse(seal.open(getCookie(c, FLOW_COOKIE)));
    deleteCookie(c, FLOW_COOKIE, { path: '/api/auth/oidc' });
    if (!parsed.success || parsed.data.expiresAt < Date.now()) {
      throw new AccordError(
        'login_flow_unknown',
        'this login was not started here or took too long: start it again from Accord',
      );
    }
    const flow = parsed.data;
    let identity;
    try {
      identity = await deps.oidc.finish(new URL(c.req.url), {
        verifier: flow.verifier,
        state: flow.state,
        nonce: flow.nonce,
        maxAge: flow.maxAge,
      });
    } catch (error) {
      deps.logger.warn({ err: String(error) }, 'single sign-on callback refused');
      throw new AccordError(
        'login_failed',
        `the login could not be completed: ${error instanceof Error ? error.message : "the provider's answer was not valid"}`,
      );
    }
    if (flow.purpose.kind === 'join') {
      const joined = await deps.joins.joinWithLogin(flow.purpose.invite, identity);
      setSessionCookie(c, joined.workshop.id, joined.token, deps.secureCookies(c));
      return c.redirect(`/w/${joined.workshop.id}`, 302);
    }
    const { workshopId, participantId } = flow.purpose;
    const participant = await deps.participants.get(workshopId, participantId);
    const seat = participant?.seatId ? await deps.seats.get(workshopId, participant.seatId) : undefined;
    if (!participant || participant.revokedAt !== null || !seat || seat.removed)
      throw new AccordError('not_an_approver', 'your sponsor seat is no longer in this workshop');
    if (!seat.identity || seat.identity.issuer !== identity.issuer || seat.identity.subject !== identity.subject) {
      throw new AccordError(
        'identity_mismatch',
        `you logged in as ${identity.email || identity.subject}, but this seat belongs to ${seat.name}'s account: nothing was signed`,
      );
    }
    setCookie(c, freshLoginCookie(workshopId), seal.seal({ participantId, ...identity }), {
      httpOnly: true,
      sameSite: 'Lax',
      secure: deps.secureCookies(c),
      path: '/',
      maxAge: deps.oidc.settings.signMaxAgeSeconds,
    });
    return c.redirect(`/w/${workshopId}?signed-in=1`, 302);
  });

  /** The identity a signature records: a login as the seat's person, no older than the configured age. */
  const signerIdentity = async (c: Context<AppEnv>, actor: Participant): Promise<SignatureEvidence['identity']> => {
    const fresh = freshLoginSchema.safeParse(seal.open(getCookie(c, freshLoginCookie(actor.workshopId))));
    const seat = actor.seatId ? await deps.seats.get(actor.workshopId, actor.seatId) : undefined;
    if (!fresh.success || fresh.data.participantId !== actor.id) {
      throw new AccordError(
        'fresh_login_required',
        'signing needs a fresh login with your company account: log in again, then sign within a few minutes',
      );
    }
    const ageSeconds = Math.floor(Date.now() / 1000) - fresh.data.authTime;
    if (ageSeconds > deps.oidc.settings.signMaxAgeSeconds) {
      throw new AccordError(
        'fresh_login_required',
        `your last login was ${ageSeconds} s ago; signing needs one from the last ${deps.oidc.settings.signMaxAgeSeconds} s: log in again`,
      );
    }
    if (!seat?.identity || seat.identity.issuer !== fresh.data.issuer || seat.identity.subject !== fresh.data.subject) {
      throw new AccordError('identity_mismatch', 'the login presented is not the account this seat is bound to');
    }
    return {
      method: 'single-sign-on',
      issuer: fresh.data.issuer,
      subject: fresh.data.subject,
      email: fresh.data.email,
      authTime: new Date(fresh.data.authTime * 1000).toISOString(),
    };
  };

  return { routes: app, signerIdentity };
}
