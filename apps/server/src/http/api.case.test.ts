import { createHash } from 'node:crypto';
import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { TEST_DIALECTS } from '@accord/db/test-databases';
import type { SessionResponse, VersionSummary } from '@accord/protocol/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiError } from '../test/api-client.ts';
import { startSiblingApp, startTestApp, type TestApp } from '../test/test-app.ts';

describe.each(TEST_DIALECTS)('HTTP API on $name', (dialect) => {
  let t: TestApp;
  let call: ReturnType<typeof apiClient>;
  let workshopId: string;
  let facilitator: string;
  const tokens: Record<'stakeholder' | 'sponsor' | 'observer', string> = { stakeholder: '', sponsor: '', observer: '' };
  let brandtLink = '';

  const invite = async (role: 'stakeholder' | 'observer'): Promise<string> => {
    const created = await call<{ link: string }>('POST', `/api/workshops/${workshopId}/invites`, {
      token: facilitator,
      body: { role },
    });
    expect(created.status).toBe(201);
    return created.body.link.replace('/join/', '');
  };
  const join = async (role: 'stakeholder' | 'observer', name: string): Promise<SessionResponse> => {
    const joined = await call<SessionResponse>('POST', '/api/join', { body: { invite: await invite(role), name } });
    expect(joined.status).toBe(201);
    return joined.body;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    call = apiClient(t.url);
    const created = await call<SessionResponse>('POST', '/api/workshops', {
      body: { template: 'messaging', facilitatorName: 'Fran' },
    });
    expect(created.status).toBe(201);
    workshopId = created.body.workshop.id;
    facilitator = created.body.token;
    for (const role of ['stakeholder', 'observer'] as const) tokens[role] = (await join(role, `${role} one`)).token;
    // The facilitator names the two sponsors who sign; each gets a personal invite. Karin Vogt claims hers.
    const seat = async (name: string, email: string, title: string): Promise<string> => {
      const named = await call<{ link: string }>('POST', `/api/workshops/${workshopId}/seats`, {
        token: facilitator,
        body: { name, email, title },
      });
      expect(named.status).toBe(201);
      return named.body.link.replace('/join/', '');
    };
    const karinLink = await seat('Dr. Karin Vogt', 'karin.vogt@example.com', 'CIO');
    brandtLink = await seat('Markus Brandt', 'markus.brandt@example.com', 'Head of Sales Operations');
    tokens.sponsor = (
      await call<SessionResponse>('POST', '/api/join', { body: { invite: karinLink, name: 'Karin' } })
    ).body.token;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('creating and joining', () => {
    it('creates a workshop from a template with an httpOnly, SameSite session cookie and a facilitator link', async () => {
      const created = await call<SessionResponse>('POST', '/api/workshops', {
        body: { template: 'blank', facilitatorName: 'Ana' },
      });
      expect(created.status).toBe(201);
      expect(created.body.you).toMatchObject({ name: 'Ana', role: 'facilitator' });
      const cookie = created.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(new RegExp(`^accord_${created.body.workshop.id}=`));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/);
      const again = await call<SessionResponse>('POST', '/api/join', {
        body: { invite: created.body.facilitatorLink?.replace('/join/', ''), name: 'Ana' },
      });
      expect(again.body.you).toMatchObject({ role: 'facilitator', name: 'Ana (2)' });
    });

    it('marks the cookie Secure behind a TLS-terminating proxy it trusts', async () => {
      const proxied = await startSiblingApp(t, { trustProxy: true });
      try {
        const created = await apiClient(proxied.url)('POST', '/api/workshops', {
          body: { template: 'blank', facilitatorName: 'Ana' },
          headers: { 'x-forwarded-proto': 'https' },
        });
        expect(created.headers.get('set-cookie')).toMatch(/Secure/);
      } finally {
        await proxied.close();
      }
    });

    it('imports a requirements file, and names the path of each problem of a bad one', async () => {
      const good = await call<SessionResponse>('POST', '/api/workshops', {
        body: {
          facilitatorName: 'Ana',
          requirementsText: 'formatVersion: 1\nmeta:\n  title: Imported\n  service: Mail\n  timeZone: UTC\n',
        },
      });
      expect(good.status).toBe(201);
      expect(good.body.workshop).toMatchObject({ title: 'Imported', template: 'import' });
      const bad = await call<ApiError>('POST', '/api/workshops', {
        body: {
          facilitatorName: 'Ana',
          requirementsText: 'formatVersion: 1\nmeta:\n  title: T\n  service: Mail\n  timeZone: Mars/Base\n',
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.problems?.[0]).toMatchObject({ path: 'meta.timeZone' });
    });

    it('answers malformed bodies with 400 naming the field, never 500', async () => {
      const cases: [unknown, string | undefined][] = [
        [{ template: 'messaging' }, 'facilitatorName'],
        [{ template: 'nope', facilitatorName: 'A' }, undefined],
        [{ template: 'blank', facilitatorName: '' }, 'facilitatorName'],
        [[1, 2], undefined],
      ];
      for (const [body] of cases) {
        const response = await call<ApiError>('POST', '/api/workshops', { body });
        expect(response.status).toBe(400);
        expect(response.body.error.message.length).toBeGreaterThan(5);
      }
      const missingName = await call<ApiError>('POST', '/api/workshops', { body: { template: 'messaging' } });
      expect(missingName.body.error.message).toMatch(/facilitatorName/);
      expect((await call<ApiError>('POST', '/api/workshops', { raw: '{not json' })).body.error.code).toBe(
        'invalid_json',
      );
      expect(
        (await call('POST', '/api/workshops', { raw: 'x', headers: { 'content-type': 'text/plain' } })).status,
      ).toBe(415);
      expect((await call<ApiError>('POST', '/api/join', { body: { invite: 'x', name: 'N', extra: 1 } })).status).toBe(
        400,
      );
      expect((await call('GET', '/api/nowhere')).status).toBe(404);
    });

    it('refuses unknown, revoked and expired invites, saying which', async () => {
      expect((await call<ApiError>('GET', '/api/join/i_nothing.aaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
      const link = await invite('stakeholder');
      expect((await call('GET', `/api/join/${link}`)).body).toMatchObject({
        role: 'stakeholder',
        workshopTitle: 'Messaging platform SLA workshop',
      });
      const list = await call<{ id: string; revoked: boolean }[]>('GET', `/api/workshops/${workshopId}/invites`, {
        token: facilitator,
      });
      const id = link.split('.')[0] ?? '';
      expect(list.body.some((i) => i.id === id)).toBe(true);
      expect((await call('DELETE', `/api/workshops/${workshopId}/invites/${id}`, { token: facilitator })).status).toBe(
        204,
      );
      const refused = await call<ApiError>('POST', '/api/join', { body: { invite: link, name: 'Late' } });
      expect(refused.status).toBe(410);
      expect(refused.body.error.code).toBe('invite_revoked');
    });

    it('refuses an expired invite with 410', async () => {
      const { InviteRepository } = await import('../workshops/invite.repository.ts');
      const repo = new InviteRepository(t.app.database.db);
      const old = await repo.create({
        workshopId,
        role: 'observer',
        label: '',
        createdBy: null,
        expiresAt: new Date(Date.now() - 1000),
      });
      const refused = await call<ApiError>('POST', '/api/join', { body: { invite: old.token, name: 'Late' } });
      expect(refused.status).toBe(410);
      expect(refused.body.error.code).toBe('invite_expired');
    });
  });

  describe('roles at the HTTP door', () => {
    it('answers 401 without a session and for a session of another workshop', async () => {
      expect((await call('GET', `/api/workshops/${workshopId}`)).status).toBe(401);
      const other = await call<SessionResponse>('POST', '/api/workshops', {
        body: { template: 'blank', facilitatorName: 'Other' },
      });
      expect((await call('GET', `/api/workshops/${workshopId}`, { token: other.body.token })).status).toBe(401);
      expect((await call('GET', `/api/workshops/${other.body.workshop.id}`, { token: other.body.token })).status).toBe(
        200,
      );
    });

    it('refuses every action a role may not take with 403 and a body that says what was refused', async () => {
      const forbidden: [keyof typeof tokens, string, string, unknown?][] = [];
      for (const role of ['stakeholder', 'sponsor', 'observer'] as const) {
        forbidden.push(
          [role, 'POST', `/api/workshops/${workshopId}/invites`, { role: 'observer' }],
          [role, 'GET', `/api/workshops/${workshopId}/invites`],
          [role, 'DELETE', `/api/workshops/${workshopId}/invites/i_x`],
          [role, 'DELETE', `/api/workshops/${workshopId}/participants/p_x`],
          [role, 'PUT', `/api/workshops/${workshopId}/requirements`, { requirementsText: 'formatVersion: 1' }],
          [role, 'POST', `/api/workshops/${workshopId}/versions`],
        );
        if (role !== 'sponsor')
          forbidden.push([
            role,
            'POST',
            `/api/workshops/${workshopId}/versions/1/signatures`,
            { hash: 'a'.repeat(64), decision: 'signed' },
          ]);
      }
      forbidden.push([
        'stakeholder',
        'POST',
        `/api/workshops/${workshopId}/versions/1/signatures`,
        { hash: 'a'.repeat(64), decision: 'signed' },
      ]);
      for (const [role, method, path, body] of forbidden) {
        const response = await call<ApiError>(method, path, {
          token: tokens[role],
          ...(body !== undefined ? { body } : {}),
        });
        expect(response.status, `${role} ${method} ${path}`).toBe(403);
        expect(response.body.error.message).toMatch(new RegExp(`^a ${role} may not `));
      }
    });

    it('lets the facilitator revoke a participant, whose session then stops working', async () => {
      const doomed = await join('stakeholder', 'Doomed');
      expect((await call('GET', `/api/workshops/${workshopId}`, { token: doomed.token })).status).toBe(200);
      expect(
        (await call('DELETE', `/api/workshops/${workshopId}/participants/${doomed.you.id}`, { token: facilitator }))
          .status,
      ).toBe(204);
      expect((await call('GET', `/api/workshops/${workshopId}`, { token: doomed.token })).status).toBe(401);
      expect(
        (await call('DELETE', `/api/workshops/${workshopId}/participants/${doomed.you.id}`, { token: facilitator }))
          .status,
      ).toBe(404);
      const self = await call<ApiError>('GET', `/api/workshops/${workshopId}`, { token: facilitator });
      const me = (self.body as unknown as { you: { id: string } }).you.id;
      expect(
        (await call<ApiError>('DELETE', `/api/workshops/${workshopId}/participants/${me}`, { token: facilitator })).body
          .error.code,
      ).toBe('cannot_revoke_self');
    });

    it('can revoke the link a participant joined with, so they cannot come back by it', async () => {
      const link = await invite('stakeholder');
      const joined = (await call<SessionResponse>('POST', '/api/join', { body: { invite: link, name: 'Banned' } }))
        .body;
      expect(
        (
          await call('DELETE', `/api/workshops/${workshopId}/participants/${joined.you.id}?alsoRevokeInvite=1`, {
            token: facilitator,
          })
        ).status,
      ).toBe(204);
      const again = await call<ApiError>('POST', '/api/join', { body: { invite: link, name: 'Banned again' } });
      expect(again.body.error.code).toBe('invite_revoked');
    });

    it("gives each participant a name unique for the workshop's life, revoked people included", async () => {
      const first = await join('observer', 'Sam');
      const second = await join('observer', 'sam');
      expect(first.you.name).toBe('Sam');
      expect(second.you.name).toBe('sam (2)');
      expect((await join('stakeholder', 'Doomed')).you.name).toBe('Doomed (2)');
      const people = await call<{ name: string }[]>('GET', `/api/workshops/${workshopId}/participants`, {
        token: tokens.observer,
      });
      expect(people.body.map((p) => p.name)).toEqual(expect.arrayContaining(['Fran', 'Sam', 'sam (2)']));
    });

    it('keeps names unique when several people join under one name at the same moment', async () => {
      const busy = await startSiblingApp(t, { joinsPerMinute: 100 });
      try {
        const busyCall = apiClient(busy.url);
        const created = await busyCall<SessionResponse>('POST', '/api/workshops', {
          body: { template: 'blank', facilitatorName: 'Fran' },
        });
        const links = await Promise.all(
          Array.from({ length: 8 }, async () => {
            const made = await busyCall<{ link: string }>(
              'POST',
              `/api/workshops/${created.body.workshop.id}/invites`,
              { token: created.body.token, body: { role: 'stakeholder' } },
            );
            return made.body.link.replace('/join/', '');
          }),
        );
        const joined = await Promise.all(
          links.map((link) => busyCall<SessionResponse>('POST', '/api/join', { body: { invite: link, name: 'Pat' } })),
        );
        expect(joined.map((j) => j.status)).toEqual(Array(8).fill(201));
        const names = joined.map((j) => j.body.you.name);
        expect([...names].sort()).toEqual(['Pat', ...Array.from({ length: 7 }, (_, i) => `Pat (${i + 2})`)].sort());
      } finally {
        await busy.close();
      }
    });
  });

  describe('requirements file', () => {
    it('exports YAML and JSON, and imports over the live document', async () => {
      const yaml = await call<string>('GET', `/api/workshops/${workshopId}/requirements?format=yaml`, {
        token: tokens.observer,
      });
      expect(yaml.status).toBe(200);
      expect(yaml.headers.get('content-disposition')).toMatch(/attachment/);
      expect(yaml.body).toMatch(/formatVersion: 1/);
      const json = await call<{ meta: { title: string } }>(
        'GET',
        `/api/workshops/${workshopId}/requirements?format=json`,
        { token: tokens.observer },
      );
      expect(json.body.meta.title).toBe('Messaging platform SLA workshop');
      expect(
        (await call('GET', `/api/workshops/${workshopId}/requirements?format=xml`, { token: tokens.observer })).status,
      ).toBe(400);
      const bad = await call<ApiError>('PUT', `/api/workshops/${workshopId}/requirements`, {
        token: facilitator,
        body: { requirementsText: 'formatVersion: 2' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.problems?.length).toBeGreaterThan(0);
      const edited = yaml.body.replace('title: Messaging platform SLA workshop', 'title: Messaging SLA 2027');
      expect(
        (
          await call('PUT', `/api/workshops/${workshopId}/requirements`, {
            token: facilitator,
            body: { requirementsText: edited },
          })
        ).status,
      ).toBe(200);
      const after = await call<{ meta: { title: string } }>(
        'GET',
        `/api/workshops/${workshopId}/requirements?format=json`,
        { token: tokens.observer },
      );
      expect(after.body.meta.title).toBe('Messaging SLA 2027');
    });
  });

  describe('versions and sign-off', () => {
    it('publishes versions bound to a SHA-256; a signature never carries over; approval needs every sponsor', async () => {
      const sign = (token: string, number: number, hash: string, decision = 'signed') =>
        call<VersionSummary & ApiError>('POST', `/api/workshops/${workshopId}/versions/${number}/signatures`, {
          token,
          body: { hash, decision },
        });
      const v1 = await call<VersionSummary>('POST', `/api/workshops/${workshopId}/versions`, { token: facilitator });
      expect(v1.status).toBe(201);
      expect(v1.body.hash).toMatch(/^[0-9a-f]{64}$/);
      // Karin Vogt has joined; Markus Brandt, named as a seat, has not and still must sign. Names are the seats'.
      expect(v1.body.sponsors.map((s) => [s.name, s.title, s.status])).toEqual([
        ['Dr. Karin Vogt', 'CIO', 'pending'],
        ['Markus Brandt', 'Head of Sales Operations', 'pending'],
      ]);

      const json = await call<string>('GET', `/api/workshops/${workshopId}/versions/${v1.body.number}/document.json`, {
        token: tokens.observer,
      });
      expect(
        createHash('sha256')
          .update(typeof json.body === 'string' ? json.body : JSON.stringify(json.body))
          .digest('hex'),
      ).toBe(v1.body.hash);

      const wrong = await sign(tokens.sponsor, v1.body.number, 'b'.repeat(64));
      expect(wrong.status).toBe(409);
      expect(wrong.body.error.code).toBe('hash_mismatch');
      const noReason = await call<ApiError>(
        'POST',
        `/api/workshops/${workshopId}/versions/${v1.body.number}/signatures`,
        { token: tokens.sponsor, body: { hash: v1.body.hash, decision: 'rejected' } },
      );
      expect(noReason.body.error.field).toBe('comment');

      const signed = await sign(tokens.sponsor, v1.body.number, v1.body.hash);
      expect(signed.status).toBe(201);
      expect(signed.body.approved).toBe(false);

      const brandt = (
        await call<SessionResponse>('POST', '/api/join', { body: { invite: brandtLink, name: 'Markus' } })
      ).body;
      const listed = await call<VersionSummary[]>('GET', `/api/workshops/${workshopId}/versions`, {
        token: tokens.observer,
      });
      expect(listed.body.find((v) => v.number === v1.body.number)?.sponsors.map((s) => [s.name, s.status])).toEqual([
        ['Dr. Karin Vogt', 'signed'],
        ['Markus Brandt', 'pending'],
      ]);
      expect((await sign(brandt.token, v1.body.number, v1.body.hash)).body.approved).toBe(true);

      const unchanged = await call<ApiError>('POST', `/api/workshops/${workshopId}/versions`, { token: facilitator });
      expect(unchanged.status).toBe(409);
      expect(unchanged.body.error.code).toBe('unchanged');

      const yaml = await call<string>('GET', `/api/workshops/${workshopId}/requirements`, { token: facilitator });
      await call('PUT', `/api/workshops/${workshopId}/requirements`, {
        token: facilitator,
        body: { requirementsText: yaml.body.replace(/reviewEveryMonths: \d+/, 'reviewEveryMonths: 6') },
      });
      const v2 = await call<VersionSummary>('POST', `/api/workshops/${workshopId}/versions`, { token: facilitator });
      expect(v2.body.number).toBe(v1.body.number + 1);
      expect(v2.body.sponsors.every((s) => s.status === 'pending')).toBe(true);
      expect((await sign(tokens.sponsor, v1.body.number, v1.body.hash)).body.error.code).toBe('superseded');

      expect((await sign(tokens.sponsor, v2.body.number, v2.body.hash)).body.approved).toBe(false);
      expect((await sign(brandt.token, v2.body.number, v2.body.hash)).body.approved).toBe(true);
      const versions = await call<VersionSummary[]>('GET', `/api/workshops/${workshopId}/versions`, {
        token: tokens.observer,
      });
      expect(versions.body.map((v) => [v.number, v.superseded, v.approved])).toEqual([
        [v1.body.number, true, true],
        [v2.body.number, false, true],
      ]);
    });

    it('records who took part as the attendance of a version', async () => {
      const latest = (
        await call<VersionSummary[]>('GET', `/api/workshops/${workshopId}/versions`, { token: tokens.sponsor })
      ).body.at(-1);
      const version = await call<{ record: { requirements: { attendance: { name: string; role: string }[] } } }>(
        'GET',
        `/api/workshops/${workshopId}/versions/${latest?.number}`,
        { token: tokens.sponsor },
      );
      const attendance = version.body.record.requirements.attendance;
      expect(attendance).toContainEqual({ name: 'Fran', role: 'facilitator', organisation: '' });
      expect(attendance).toContainEqual({ name: 'Dr. Karin Vogt', role: 'sponsor', organisation: 'CIO office' });
      expect(attendance.map((a) => a.name)).not.toContain('Jonas Weber');
    });

    it('compares two versions field by field', async () => {
      const before = {
        body: (
          await call<VersionSummary[]>('GET', `/api/workshops/${workshopId}/versions`, { token: facilitator })
        ).body.at(-1) as VersionSummary,
      };
      const yaml = await call<string>('GET', `/api/workshops/${workshopId}/requirements`, { token: facilitator });
      await call('PUT', `/api/workshops/${workshopId}/requirements`, {
        token: facilitator,
        body: { requirementsText: yaml.body.replace('title: Messaging SLA 2027', 'title: Messaging SLA 2028') },
      });
      const after = await call<VersionSummary>('POST', `/api/workshops/${workshopId}/versions`, { token: facilitator });
      const diff = await call<{ path: string; before: unknown; after: unknown }[]>(
        'GET',
        `/api/workshops/${workshopId}/versions/diff?from=${before.body.number}&to=${after.body.number}`,
        { token: tokens.sponsor },
      );
      expect(diff.body).toEqual([
        { path: '/meta/title', kind: 'changed', before: 'Messaging SLA 2027', after: 'Messaging SLA 2028' },
      ]);
      expect(
        (await call('GET', `/api/workshops/${workshopId}/versions/diff?from=0&to=x`, { token: tokens.sponsor })).status,
      ).toBe(400);
      expect((await call('GET', `/api/workshops/${workshopId}/versions/999`, { token: tokens.sponsor })).status).toBe(
        404,
      );
    });

    it('downloads every document format of a version', async () => {
      const latest = (
        await call<VersionSummary[]>('GET', `/api/workshops/${workshopId}/versions`, { token: tokens.sponsor })
      ).body.at(-1);
      const expected: Record<string, RegExp> = {
        html: /text\/html/,
        pdf: /application\/pdf/,
        md: /text\/markdown/,
        json: /application\/json/,
        openslo: /yaml/,
        sloth: /yaml/,
        prometheus: /yaml/,
        datadog: /application\/json/,
        zabbix: /application\/json/,
        ics: /text\/calendar/,
      };
      for (const [format, type] of Object.entries(expected)) {
        const response = await fetch(
          `${t.url}/api/workshops/${workshopId}/versions/${latest?.number}/document.${format}`,
          { headers: { authorization: `Bearer ${tokens.sponsor}` } },
        );
        expect(response.status, format).toBe(200);
        expect(response.headers.get('content-type')).toMatch(type);
        expect(response.headers.get('content-disposition')).toMatch(
          new RegExp(`filename="messaging-sla-2028-v${latest?.number}\\.`),
        );
        expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
        const bytes = new Uint8Array(await response.arrayBuffer());
        // iCalendar folds long lines (CRLF and a space): unfold before looking for the hash.
        const text = new TextDecoder().decode(bytes).replace(/\r\n[ \t]/g, '');
        if (format === 'pdf') expect(text.slice(0, 5)).toBe('%PDF-');
        else if (format === 'json') expect(createHash('sha256').update(bytes).digest('hex')).toBe(latest?.hash);
        else expect(text.includes(latest?.hash.slice(0, 12) ?? '-'), `${format} shows the hash`).toBe(true);
      }
      const refused = await call<{ error: { message: string } }>(
        'GET',
        `/api/workshops/${workshopId}/versions/1/document.docx`,
        { token: tokens.sponsor },
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe(
        'format must be one of html, pdf, md, json, openslo, sloth, prometheus, datadog, zabbix, ics',
      );
    });
  });

  describe('operations', () => {
    it('keeps an audit trail of joins, revocations, publications and signatures', async () => {
      const audit = await call<{ kind: string }[]>('GET', `/api/workshops/${workshopId}/audit`, {
        token: tokens.observer,
      });
      const kinds = new Set(audit.body.map((e) => e.kind));
      for (const kind of [
        'workshop.created',
        'participant.joined',
        'participant.revoked',
        'invite.revoked',
        'version.published',
        'version.signed',
        'requirements.imported',
      ]) {
        expect(kinds, kind).toContain(kind);
      }
    });

    it('serves the OpenAPI document, health, readiness and metrics', async () => {
      const openapi = await call<{ openapi: string; paths: Record<string, unknown> }>('GET', '/api/openapi.json');
      expect(openapi.body.openapi).toBe('3.1.0');
      expect(Object.keys(openapi.body.paths)).toContain('/api/workshops/{id}/versions/{number}/signatures');
      expect((await call('GET', '/healthz')).status).toBe(200);
      expect((await call<{ status: string }>('GET', '/readyz')).body.status).toBe('ready');
      expect(String((await call('GET', '/metrics')).body)).toMatch(/accord_yjs_connections/);
    });

    it('compresses API answers for a client that accepts gzip, and only for one', async () => {
      const fetchRaw = (headers: Record<string, string>) =>
        new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
          get(`${t.url}/api/openapi.json`, { headers }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }),
            );
          }).on('error', reject);
        });
      const packed = await fetchRaw({ 'accept-encoding': 'gzip' });
      expect(packed.encoding).toBe('gzip');
      const document = JSON.parse(gunzipSync(packed.body).toString('utf8')) as { openapi: string };
      expect(document.openapi).toBe('3.1.0');
      const plain = await fetchRaw({});
      expect(plain.encoding).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(packed.body.length * 3);
    });

    it('sends security headers', async () => {
      const response = await call('GET', '/healthz');
      expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    });

    it('counts the address its own proxy saw, so a forged X-Forwarded-For does not dodge the limit', async () => {
      const proxied = await startSiblingApp(t, { trustProxy: true, joinsPerMinute: 5 });
      try {
        const guess = apiClient(proxied.url);
        const statuses: number[] = [];
        for (let i = 0; i < 7; i += 1) {
          statuses.push(
            (
              await guess('GET', `/api/join/i_guess${i}.aaaaaaaaaaaaaaaaaaaaaaaa`, {
                headers: { 'x-forwarded-for': `10.9.${i}.1, 203.0.113.7` },
              })
            ).status,
          );
        }
        expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
      } finally {
        await proxied.close();
      }
    });

    it('rate-limits invite guessing with 429 and Retry-After', async () => {
      const limited = await startSiblingApp(t);
      try {
        const guess = apiClient(limited.url);
        const statuses: number[] = [];
        for (let i = 0; i < 32; i += 1)
          statuses.push((await guess('GET', `/api/join/i_guess${i}.aaaaaaaaaaaaaaaaaaaaaaaa`)).status);
        expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
        const last = await guess<ApiError>('GET', '/api/join/i_guess.aaaaaaaaaaaaaaaaaaaaaaaa');
        expect(last.status).toBe(429);
        expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
      } finally {
        await limited.close();
      }
    });
  });
});
