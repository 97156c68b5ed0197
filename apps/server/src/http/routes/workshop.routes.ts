import { createInviteBodySchema, createWorkshopBodySchema, joinBodySchema } from '@accord/protocol/api';
import { Hono, type MiddlewareHandler } from 'hono';
import type { ParticipantRepository } from '../../workshops/participant.repository.ts';
import { toParticipantView, type WorkshopService } from '../../workshops/workshop.service.ts';
import type { AppEnv } from '../app-env.ts';
import { readJson } from '../request-body.ts';
import { requireParticipant, requirePermission, setSessionCookie } from '../session.ts';

export interface WorkshopRouteDeps {
  readonly service: WorkshopService;
  readonly participants: ParticipantRepository;
  /** Limits creating workshops and joining (per client address): invite guessing stays slow. */
  readonly joinLimit: MiddlewareHandler<AppEnv>;
  readonly secureCookies: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => boolean;
}

/** Templates, creating a workshop, joining by invite, invites and participants. */
export function workshopRoutes(deps: WorkshopRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const signedIn = requireParticipant(deps.participants);

  app.get('/api/templates', (c) => c.json(deps.service.templates()));

  app.post('/api/workshops', deps.joinLimit, async (c) => {
    const body = await readJson(c, createWorkshopBodySchema);
    const created = await deps.service.create(body);
    setSessionCookie(c, created.workshop.id, created.token, deps.secureCookies(c));
    return c.json(created, 201);
  });

  app.get('/api/join/:invite', deps.joinLimit, async (c) => c.json(await deps.service.previewInvite(c.req.param('invite'))));

  app.post('/api/join', deps.joinLimit, async (c) => {
    const body = await readJson(c, joinBodySchema);
    const joined = await deps.service.join(body.invite, body.name);
    setSessionCookie(c, joined.workshop.id, joined.token, deps.secureCookies(c));
    return c.json(joined, 201);
  });

  app.get('/api/workshops/:id', signedIn, async (c) => {
    const participant = c.get('participant');
    return c.json({ workshop: await deps.service.workshop(participant.workshopId), you: toParticipantView(participant) });
  });

  app.get('/api/workshops/:id/invites', signedIn, requirePermission('invite'), async (c) => {
    return c.json(await deps.service.invites(c.get('participant').workshopId));
  });

  app.post('/api/workshops/:id/invites', signedIn, requirePermission('invite'), async (c) => {
    const body = await readJson(c, createInviteBodySchema);
    return c.json(await deps.service.createInvite(c.get('participant'), body), 201);
  });

  app.delete('/api/workshops/:id/invites/:inviteId', signedIn, requirePermission('invite'), async (c) => {
    await deps.service.revokeInvite(c.get('participant'), c.req.param('inviteId'));
    return c.body(null, 204);
  });

  app.get('/api/workshops/:id/participants', signedIn, async (c) => c.json(await deps.service.participants(c.get('participant').workshopId)));

  app.delete('/api/workshops/:id/participants/:participantId', signedIn, requirePermission('invite'), async (c) => {
    await deps.service.revokeParticipant(c.get('participant'), c.req.param('participantId'), { alsoInvite: c.req.query('alsoRevokeInvite') === '1' });
    return c.body(null, 204);
  });

  return app;
}
