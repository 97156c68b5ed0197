import type { RouteSpec } from '@accord/protocol/routes';
import type { MiddlewareHandler } from 'hono';
import type { ParticipantRepository } from '../workshops/participant.repository.ts';
import type { AppEnv } from './app-env.ts';
import { requireParticipant, requirePermission } from './participant-access.ts';

/** The table's success status of a route: 200 unless its entry declares another. */
export type SuccessStatus<R extends RouteSpec> = R extends { readonly status: infer S } ? S : 200;

/**
 * The door of a route as its entry in the route table declares it, so a permission is written once (the
 * OpenAPI document reads the same entry): a public route lets everyone through; any other needs a session
 * of the workshop in the path (401 without one) whose role has the entry's permission (403 without it).
 */
export function routeAccess(participants: ParticipantRepository): (route: RouteSpec) => MiddlewareHandler<AppEnv> {
  const signedIn = requireParticipant(participants);
  const open: MiddlewareHandler<AppEnv> = async (_c, next) => {
    await next();
  };
  return (route) => {
    if (route.access === 'public') return open;
    const permitted = requirePermission(route.access);
    return async (c, next) => {
      await signedIn(c, async () => {
        await permitted(c, next);
      });
    };
  };
}

/** The status a route answers with when it succeeds, as its table entry declares it. */
export function successStatus<R extends RouteSpec>(route: R): SuccessStatus<R> {
  return (route.status ?? 200) as SuccessStatus<R>;
}
