import { Hono } from 'hono';
import type { ParticipantRepository } from '../../workshops/participant.repository.ts';
import type { SponsorSeatService } from '../../workshops/sponsor-seat.service.ts';
import type { AppEnv } from '../app-env.ts';
import { readJson } from '../request-body.ts';
import { routeAccess, successStatus } from '../route-access.ts';
import { routes } from '@accord/protocol/routes';

/** Named sponsor seats: the facilitator names them; a seat's person may add a device to their own seat. */
export function seatRoutes(deps: {
  readonly service: SponsorSeatService;
  readonly participants: ParticipantRepository;
}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const access = routeAccess(deps.participants);

  app.get(routes.seats.path, access(routes.seats), async (c) =>
    c.json(await deps.service.list(c.get('participant').workshopId)),
  );

  app.post(routes.createSeat.path, access(routes.createSeat), async (c) => {
    const body = await readJson(c, routes.createSeat.body);
    return c.json(await deps.service.name(c.get('participant'), body), successStatus(routes.createSeat));
  });

  // A fresh one-time link: the facilitator's for any seat, a sponsor's for their own (another device).
  app.post(routes.seatLink.path, access(routes.seatLink), async (c) =>
    c.json(await deps.service.link(c.get('participant'), c.req.param('seatId')), successStatus(routes.seatLink)),
  );

  app.delete(routes.removeSeat.path, access(routes.removeSeat), async (c) => {
    await deps.service.remove(c.get('participant'), c.req.param('seatId'));
    return c.body(null, successStatus(routes.removeSeat));
  });

  return app;
}
