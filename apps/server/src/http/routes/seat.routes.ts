import { Hono } from 'hono';
import type { ParticipantRepository } from '../../workshops/participant.repository.ts';
import type { SponsorSeatService } from '../../workshops/sponsor-seat.service.ts';
import type { AppEnv } from '../app-env.ts';
import { readJson } from '../request-body.ts';
import { requireParticipant, requirePermission } from '../participant-access.ts';
import { routes } from '@accord/protocol/routes';

/** Named sponsor seats: the facilitator names them; a seat's person may add a device to their own seat. */
export function seatRoutes(deps: {
  readonly service: SponsorSeatService;
  readonly participants: ParticipantRepository;
}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const signedIn = requireParticipant(deps.participants);

  app.get(routes.seats.path, signedIn, async (c) => c.json(await deps.service.list(c.get('participant').workshopId)));

  app.post(routes.createSeat.path, signedIn, requirePermission('invite'), async (c) => {
    const body = await readJson(c, routes.createSeat.body);
    return c.json(await deps.service.name(c.get('participant'), body), 201);
  });

  // A fresh one-time link: the facilitator's for any seat, a sponsor's for their own (another device).
  app.post(routes.seatLink.path, signedIn, async (c) =>
    c.json(await deps.service.link(c.get('participant'), c.req.param('seatId')), 201),
  );

  app.delete(routes.removeSeat.path, signedIn, requirePermission('invite'), async (c) => {
    await deps.service.remove(c.get('participant'), c.req.param('seatId'));
    return c.body(null, 204);
  });

  return app;
}
