import { Hono, type MiddlewareHandler } from 'hono';
import type { ParticipantRepository } from '../../workshops/participant.repository.ts';
import type { JoinService } from '../../workshops/join.service.ts';
import type { MembershipService } from '../../workshops/membership.service.ts';
import { toParticipantView } from '../../workshops/workshop-views.ts';
import type { WorkshopService } from '../../workshops/workshop.service.ts';
import type { AppEnv } from '../app-env.ts';
import { readJson } from '../request-body.ts';
import { setSessionCookie } from '../participant-access.ts';
import { routeAccess, successStatus } from '../route-access.ts';
import { routes } from '@accord/protocol/routes';

export interface WorkshopRouteDeps {
  readonly workshops: WorkshopService;
  readonly joins: JoinService;
  readonly membership: MembershipService;
  readonly participants: ParticipantRepository;
  /** Limits creating workshops and joining (per client address): invite guessing stays slow. */
  readonly joinLimit: MiddlewareHandler<AppEnv>;
  readonly secureCookies: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => boolean;
}

/** Templates, creating a workshop, joining by invite, invites and participants. */
export function workshopRoutes(deps: WorkshopRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const access = routeAccess(deps.participants);

  app.get(routes.templates.path, access(routes.templates), (c) => c.json(deps.workshops.templates()));

  app.post(routes.createWorkshop.path, access(routes.createWorkshop), deps.joinLimit, async (c) => {
    const body = await readJson(c, routes.createWorkshop.body);
    const created = await deps.workshops.create(body);
    setSessionCookie(c, created.workshop.id, created.token, deps.secureCookies(c));
    return c.json(created, successStatus(routes.createWorkshop));
  });

  app.get(routes.invitePreview.path, access(routes.invitePreview), deps.joinLimit, async (c) =>
    c.json(await deps.joins.previewInvite(c.req.param('invite'))),
  );

  app.post(routes.join.path, access(routes.join), deps.joinLimit, async (c) => {
    const body = await readJson(c, routes.join.body);
    const joined = await deps.joins.join(body.invite, body.name);
    setSessionCookie(c, joined.workshop.id, joined.token, deps.secureCookies(c));
    return c.json(joined, successStatus(routes.join));
  });

  app.get(routes.workshop.path, access(routes.workshop), async (c) => {
    const participant = c.get('participant');
    return c.json({
      workshop: await deps.workshops.workshop(participant.workshopId),
      you: toParticipantView(participant),
    });
  });

  app.get(routes.invites.path, access(routes.invites), async (c) => {
    return c.json(await deps.membership.invites(c.get('participant').workshopId));
  });

  app.post(routes.createInvite.path, access(routes.createInvite), async (c) => {
    const body = await readJson(c, routes.createInvite.body);
    return c.json(await deps.membership.createInvite(c.get('participant'), body), successStatus(routes.createInvite));
  });

  app.delete(routes.revokeInvite.path, access(routes.revokeInvite), async (c) => {
    await deps.membership.revokeInvite(c.get('participant'), c.req.param('inviteId'));
    return c.body(null, successStatus(routes.revokeInvite));
  });

  app.get(routes.participants.path, access(routes.participants), async (c) =>
    c.json(await deps.membership.participants(c.get('participant').workshopId)),
  );

  app.delete(routes.revokeParticipant.path, access(routes.revokeParticipant), async (c) => {
    await deps.membership.revokeParticipant(c.get('participant'), c.req.param('participantId'), {
      alsoInvite: c.req.query('alsoRevokeInvite') === '1',
    });
    return c.body(null, successStatus(routes.revokeParticipant));
  });

  return app;
}
