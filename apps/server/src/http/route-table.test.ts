import { readFileSync } from 'node:fs';
import { ONE_DIALECT, openTestDatabase } from '@accord/db/test-databases';
import { can, ROLES, type Role } from '@accord/protocol/roles';
import { routes, type RouteName, type RouteSpec } from '@accord/protocol/routes';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ssoRoutes } from '../auth/sso.routes.ts';
import { ParticipantRepository } from '../workshops/participant.repository.ts';
import type { AppEnv } from './app-env.ts';
import { httpErrorHandler } from './error-status.ts';
import { openApiDocument } from './openapi.ts';
import { requirementsRoutes } from './routes/requirements.routes.ts';
import { seatRoutes } from './routes/seat.routes.ts';
import { verifyRoutes } from './routes/verify.routes.ts';
import { versionRoutes } from './routes/version.routes.ts';
import { workshopRoutes } from './routes/workshop.routes.ts';

// Registering routes touches none of their dependencies; a request would, and none is made here.
const unused = {} as never;
const oidc = { settings: { clientSecret: 'route-table-test' } } as never;

/** The server's API route groups; only `participants` is real (when given), so only the doors can answer. */
function routeGroups(participants: ParticipantRepository = unused): Hono<AppEnv>[] {
  return [
    workshopRoutes({
      workshops: unused,
      joins: unused,
      membership: unused,
      participants,
      secureCookies: unused,
      joinLimit: unused,
    }),
    versionRoutes({ service: unused, signOff: unused, participants, clientIp: unused, signerIdentity: unused }),
    seatRoutes({ service: unused, participants }),
    verifyRoutes({ verify: unused, freeze: unused, audit: unused, participants, publicLimit: unused }),
    requirementsRoutes({ service: unused, audit: unused, participants }),
    ssoRoutes({ oidc, joins: unused, participants, seats: unused, logger: unused, secureCookies: unused }).routes,
  ];
}

/** Every `METHOD path` the server's API route groups register (a path with middleware counts once). */
function registered(): Set<string> {
  return new Set(routeGroups().flatMap((group) => group.routes.map((route) => `${route.method} ${route.path}`)));
}

/** The files that register the table's routes, and the part of each that registers each route. */
const API_ROUTE_FILES = [
  'routes/workshop.routes.ts',
  'routes/version.routes.ts',
  'routes/seat.routes.ts',
  'routes/verify.routes.ts',
  'routes/requirements.routes.ts',
];
const SSO_ROUTE_FILE = '../auth/sso.routes.ts';

function source(file: string): string {
  return readFileSync(new URL(file, import.meta.url), 'utf8');
}

/** Each route a file registers, with the text from its registration to the next one. */
function registrations(text: string): { name: RouteName; text: string }[] {
  const starts = [...text.matchAll(/app\.(?:get|post|put|delete)\(routes\.(\w+)\.path/g)];
  return starts.map((start, i) => ({
    name: start[1] as RouteName,
    text: text.slice(start.index, starts[i + 1]?.index ?? text.length),
  }));
}

/** A concrete URL of a route: the workshop `w1`, version 1, the PDF, and made-up ids for the rest. */
function sampleUrl(route: RouteSpec): string {
  const values: Record<string, string> = { id: 'w1', number: '1', format: 'pdf' };
  return (route.openApiPath ?? route.path).replace(/:(\w+)|\{(\w+)\}/g, (_m, a?: string, b?: string) => {
    const name = a ?? b ?? '';
    return values[name] ?? `no-such-${name.toLowerCase()}`;
  });
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

describe('the route files', () => {
  it('read only the query parameters their table entry declares, and every one it declares', () => {
    const wrong: string[] = [];
    for (const file of [...API_ROUTE_FILES, SSO_ROUTE_FILE]) {
      const text = source(file);
      const named = [...text.matchAll(/c\.req\.query\('(\w+)'\)/g)].length;
      // A parameter read by a name that is no literal could not be checked against the table.
      expect(text.split('c.req.query(').length - 1, file).toBe(named);
      for (const { name, text: part } of registrations(text)) {
        const read = [...part.matchAll(/c\.req\.query\('(\w+)'\)/g)].map((m) => m[1]).sort();
        const route: RouteSpec = routes[name];
        const declared = Object.keys(route.query?.shape ?? {}).sort();
        if (JSON.stringify(read) !== JSON.stringify(declared))
          wrong.push(`${name}: reads ${read.join(',') || 'nothing'}, declares ${declared.join(',') || 'nothing'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("take each route's door and success status from its own table entry", () => {
    for (const file of API_ROUTE_FILES) {
      const text = source(file);
      expect(text, file).not.toMatch(/requirePermission\(|requireParticipant\(/);
      expect(text, file).not.toMatch(/[(, ](200|201|204|302)[),]/);
      for (const { name, text: part } of registrations(text))
        expect(part, `${file}: ${name}`).toMatch(
          new RegExp(`^app\\.\\w+\\(routes\\.${name}\\.path, access\\(routes\\.${name}\\)`),
        );
    }
  });

  it('declare their query parameters to the OpenAPI document', () => {
    const paths = openApiDocument().paths as Record<
      string,
      Record<string, { parameters?: { name: string; in: string; required: boolean }[] }>
    >;
    const diff = paths['/api/workshops/{id}/versions/diff']?.get?.parameters ?? [];
    expect(diff.filter((p) => p.in === 'query')).toMatchObject([
      { name: 'from', required: true },
      { name: 'to', required: true },
    ]);
    const revoke = paths['/api/workshops/{id}/participants/{participantId}']?.delete?.parameters ?? [];
    expect(revoke.filter((p) => p.in === 'query')).toMatchObject([{ name: 'alsoRevokeInvite', required: false }]);
  });
});

describe.each(ONE_DIALECT)("every route's door on $name", (dialect) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  const api = new Hono<AppEnv>();
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    const participants = new ParticipantRepository(database.db);
    await database.db.insertInto('workshops').values({ id: 'w1', title: 'Doors' }).execute();
    // The sponsor holds a seat, as sponsors who sign do (single sign-on's fresh login asks for one).
    await database.db
      .insertInto('sponsor_seats')
      .values({ id: 'seat1', workshop_id: 'w1', name: 'Sam', email: 'sam@example.com' })
      .execute();
    for (const role of ROLES) {
      const created = await participants.create({
        workshopId: 'w1',
        name: role,
        role,
        ...(role === 'sponsor' ? { seatId: 'seat1' } : {}),
      });
      tokens.set(role, created.token);
    }
    api.onError(httpErrorHandler({ error: () => undefined }));
    for (const group of routeGroups(participants)) api.route('/', group);
  });
  afterAll(async () => {
    await database.close();
  });

  it("refuses with 403 each role without the table entry's permission, and no role with it", async () => {
    const wrong: string[] = [];
    for (const [name, route] of Object.entries(routes) as [string, RouteSpec][]) {
      if (route.access === 'public') continue;
      for (const role of ROLES) {
        const response = await api.request(sampleUrl(route), {
          method: route.method,
          headers: { authorization: `Bearer ${tokens.get(role)}` },
        });
        // Past the door, the handler meets no services here and fails some other way: anything but a 403.
        if ((response.status === 403) === can(role, route.access)) wrong.push(`${name} as ${role}: ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 to a request without a session on every route that is not public', async () => {
    const wrong: string[] = [];
    for (const [name, route] of Object.entries(routes) as [string, RouteSpec][]) {
      if (route.access === 'public') continue;
      const response = await api.request(sampleUrl(route), { method: route.method });
      if (response.status !== 401) wrong.push(`${name}: ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
