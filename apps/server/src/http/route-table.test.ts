import { routes } from '@accord/protocol/routes';
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ssoRoutes } from '../auth/sso.routes.ts';
import type { AppEnv } from './app-env.ts';
import { openApiDocument } from './openapi.ts';
import { requirementsRoutes } from './routes/requirements.routes.ts';
import { seatRoutes } from './routes/seat.routes.ts';
import { verifyRoutes } from './routes/verify.routes.ts';
import { versionRoutes } from './routes/version.routes.ts';
import { workshopRoutes } from './routes/workshop.routes.ts';

// Registering routes touches none of their dependencies; a request would, and none is made here.
const unused = {} as never;
const oidc = { settings: { clientSecret: 'route-table-test' } } as never;

/** Every `METHOD path` the server's API route groups register (a path with middleware counts once). */
function registered(): Set<string> {
  const groups: Hono<AppEnv>[] = [
    workshopRoutes({
      workshops: unused,
      joins: unused,
      membership: unused,
      participants: unused,
      secureCookies: unused,
      joinLimit: unused,
    }),
    versionRoutes({ service: unused, signOff: unused, participants: unused, clientIp: unused, signerIdentity: unused }),
    seatRoutes({ service: unused, participants: unused }),
    verifyRoutes({ verify: unused, freeze: unused, audit: unused, participants: unused, publicLimit: unused }),
    requirementsRoutes({ service: unused, audit: unused, participants: unused }),
    ssoRoutes({ oidc, joins: unused, participants: unused, seats: unused, logger: unused, secureCookies: unused })
      .routes,
  ];
  return new Set(groups.flatMap((group) => group.routes.map((route) => `${route.method} ${route.path}`)));
}

describe('the route table', () => {
  it('is exactly what the server registers: no route served without a declaration, none declared but missing', () => {
    const declared = new Set(Object.values(routes).map((route) => `${route.method} ${route.path}`));
    expect([...registered()].sort()).toEqual([...declared].sort());
  });

  it("is what the OpenAPI document lists, with OpenAPI's path parameters", () => {
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    const listed = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(listed).toHaveLength(Object.keys(routes).length);
    expect(listed).toContain('POST /api/workshops/{id}/versions/{number}/signatures');
    expect(listed).toContain('GET /api/workshops/{id}/versions/{number}/document.{format}');
    expect(listed.some((entry) => entry.includes(':'))).toBe(false);
  });
});
