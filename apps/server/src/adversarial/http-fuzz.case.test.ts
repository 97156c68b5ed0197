import { ONE_DIALECT } from '@accord/db/test-databases';
import {
  createInviteBodySchema,
  createWorkshopBodySchema,
  joinBodySchema,
  signBodySchema,
  type SessionResponse,
  type VersionSummary,
} from '@accord/protocol/api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiClient } from '../test/api-client.ts';
import { stateSnapshot } from '../test/state-snapshot.ts';
import { FUZZ } from '../test/fuzz-counts.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';

const RUNS = FUZZ.requests;

/** A body that is valid for its schema, then bent: a field replaced by anything, removed, or joined by a stranger. */
function bent(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.jsonValue(),
    fc.anything(),
    fc.tuple(fc.constantFrom(...keys), fc.jsonValue()).map(([key, value]) => ({ ...valid, [key]: value })),
    fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
    fc.tuple(fc.string({ maxLength: 12 }), fc.jsonValue()).map(([key, value]) => ({ ...valid, [`x${key}`]: value })),
    fc.string({ maxLength: 300 }).map((text) => ({ ...valid, [keys[0] ?? 'a']: text })),
  );
}

describe.each(ONE_DIALECT)('fuzzing the HTTP API on $name', (dialect) => {
  let t: TestApp;
  let call: ReturnType<typeof apiClient>;
  let workshopId = '';
  let facilitator = '';
  let sponsor = '';
  let hash = '';
  const totals = { requests: 0, rejected: 0, accepted: 0 };

  beforeAll(async () => {
    // Limits high enough that every request reaches validation; the limits themselves are tested elsewhere.
    t = await startTestApp(dialect, { joinsPerMinute: 100_000, writesPerMinute: 100_000 });
    call = apiClient(t.url);
    const created = await call<SessionResponse>('POST', '/api/workshops', {
      body: { template: 'messaging', facilitatorName: 'Fran' },
    });
    workshopId = created.body.workshop.id;
    facilitator = created.body.token;
    const link = await call<{ link: string }>('POST', `/api/workshops/${workshopId}/seats`, {
      token: facilitator,
      body: { name: 'Sam', email: 'sam@example.com' },
    });
    sponsor = (
      await call<SessionResponse>('POST', '/api/join', { body: { invite: link.body.link.slice(6), name: 'Sam' } })
    ).body.token;
    hash = (await call<VersionSummary>('POST', `/api/workshops/${workshopId}/versions`, { token: facilitator })).body
      .hash;
  });
  afterAll(async () => {
    console.info(`[http fuzz ${dialect.name}]`, totals);
    await t.close();
  });

  /**
   * Each route gets bodies derived from its zod schema. The schema itself says which must be refused: those
   * must get a 4xx and leave the state exactly as it was; no request of any kind may get a 5xx.
   */
  const routes: {
    name: string;
    method: string;
    path: () => string;
    token: () => string | undefined;
    schema: z.ZodType;
    valid: () => Record<string, unknown>;
  }[] = [
    {
      name: 'create workshop',
      method: 'POST',
      path: () => '/api/workshops',
      token: () => undefined,
      schema: createWorkshopBodySchema,
      valid: () => ({ template: 'blank', facilitatorName: 'A' }),
    },
    {
      name: 'join',
      method: 'POST',
      path: () => '/api/join',
      token: () => undefined,
      schema: joinBodySchema,
      valid: () => ({ invite: 'i_abcd.aaaaaaaaaaaaaaaaaaaaaaaa', name: 'N' }),
    },
    {
      name: 'invite',
      method: 'POST',
      path: () => `/api/workshops/${workshopId}/invites`,
      token: () => facilitator,
      schema: createInviteBodySchema,
      valid: () => ({ role: 'observer', expiresInHours: 2, label: 'x' }),
    },
    {
      name: 'sign',
      method: 'POST',
      path: () => `/api/workshops/${workshopId}/versions/1/signatures`,
      token: () => sponsor,
      schema: signBodySchema,
      valid: () => ({ hash, decision: 'signed', comment: '' }),
    },
    {
      name: 'import',
      method: 'PUT',
      path: () => `/api/workshops/${workshopId}/requirements`,
      token: () => facilitator,
      schema: z.object({ requirementsText: z.string().min(1) }).strict(),
      valid: () => ({ requirementsText: 'formatVersion: 1' }),
    },
  ];

  it.each(routes)('refuses bent bodies for $name with 4xx and changes nothing', async (route) => {
    await fc.assert(
      fc.asyncProperty(bent(route.valid()), async (body) => {
        const before = await stateSnapshot(t.app);
        const token = route.token();
        const response = await call(route.method, route.path(), {
          ...(token ? { token } : {}),
          raw: JSON.stringify(body) ?? 'null',
        });
        totals.requests += 1;
        expect(response.status, JSON.stringify(body)).toBeLessThan(500);
        if (route.schema.safeParse(body).success) {
          totals.accepted += 1;
          return;
        }
        totals.rejected += 1;
        expect([400, 413, 415], JSON.stringify(body)).toContain(response.status);
        expect(await stateSnapshot(t.app)).toBe(before);
      }),
      { numRuns: RUNS, seed: 1124 },
    );
  });

  it('answers odd paths, methods, ids and headers with 4xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        fc.constantFrom(
          '/api/workshops/',
          `/api/workshops/${workshopId}/versions/`,
          `/api/workshops/${workshopId}/participants/`,
          '/api/join/',
          `/api/workshops/${workshopId}/invites/`,
        ),
        fc.string({ maxLength: 80 }),
        fc.constantFrom(facilitator, sponsor, 'garbage', ''),
        async (method, prefix, tail, token) => {
          const before = await stateSnapshot(t.app);
          const response = await fetch(`${t.url}${prefix}${encodeURIComponent(tail)}`, {
            method,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            ...(method === 'GET' ? {} : { body: '{}' }),
          });
          totals.requests += 1;
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) expect(await stateSnapshot(t.app)).toBe(before);
        },
      ),
      { numRuns: RUNS, seed: 2411 },
    );
  });
});
