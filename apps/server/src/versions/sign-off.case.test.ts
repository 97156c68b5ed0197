import { createHash } from 'node:crypto';
import { TEST_DIALECTS } from '@accord/db/test-databases';
import type {
  AuditChain,
  RoomStatus,
  SeatLink,
  SessionResponse,
  SignatureEvidence,
  SigningStatement,
  VerifyResult,
  VersionSummary,
} from '@accord/protocol/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { apiClient, type ApiError } from '../test/api-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';
import { fixedWait } from '../test/waits.ts';
import { connectClient, waitFor, waitForAsync } from '../test/yjs-client.ts';
import { extractPdfText } from '../../../../packages/render/src/render/test-support/pdf-text-extract.ts';

const sha = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

describe.each(TEST_DIALECTS)('sign-off with named seats and evidence on $name', (dialect) => {
  let t: TestApp;
  let call: ReturnType<typeof apiClient>;
  let workshopId = '';
  let facilitator = '';
  let karin = '';
  let markusLink = '';
  let stakeholder = '';
  const w = (path: string): string => `/api/workshops/${workshopId}${path}`;
  const count = async (table: 'signatures' | 'participants' | 'audit_events'): Promise<number> =>
    Number(
      (
        await t.app.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const download = async (path: string, token: string): Promise<Uint8Array> => {
    const response = await fetch(`${t.url}${w(path)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status, path).toBe(200);
    return new Uint8Array(await response.arrayBuffer());
  };
  const verify = async (
    file: Uint8Array,
    token?: string,
  ): Promise<{ status: number; body: VerifyResult & ApiError }> => {
    const response = await fetch(`${t.url}${token ? w('/verify') : '/api/verify'}`, {
      method: 'POST',
      body: file,
      headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    return { status: response.status, body: (await response.json()) as VerifyResult & ApiError };
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    call = apiClient(t.url);
    const created = await call<SessionResponse>('POST', '/api/workshops', {
      body: { template: 'messaging', facilitatorName: 'Fran' },
    });
    workshopId = created.body.workshop.id;
    facilitator = created.body.token;
    const karinSeat = await call<SeatLink>('POST', w('/seats'), {
      token: facilitator,
      body: { name: 'Dr. Karin Vogt', email: 'karin.vogt@example.com', title: 'CIO' },
    });
    expect(karinSeat.status).toBe(201);
    markusLink = (
      await call<SeatLink>('POST', w('/seats'), {
        token: facilitator,
        body: { name: 'Markus Brandt', email: 'markus.brandt@example.com', title: 'Head of Sales Operations' },
      })
    ).body.link.slice(6);
    const joined = await call<SessionResponse>('POST', '/api/join', {
      body: { invite: karinSeat.body.link.slice(6), name: 'karin' },
    });
    expect(joined.body.you).toMatchObject({ name: 'Dr. Karin Vogt', role: 'sponsor' });
    karin = joined.body.token;
    const link = await call<{ link: string }>('POST', w('/invites'), {
      token: facilitator,
      body: { role: 'stakeholder' },
    });
    stakeholder = (
      await call<SessionResponse>('POST', '/api/join', {
        body: { invite: link.body.link.slice(6), name: 'Jonas Weber' },
      })
    ).body.token;
  });
  afterAll(async () => {
    await t.close();
  });

  it("has no shared sponsor link: a sponsor is a named seat, and a seat's invite is claimed once", async () => {
    const shared = await call<ApiError>('POST', w('/invites'), { token: facilitator, body: { role: 'sponsor' } });
    expect(shared.status).toBe(400);
    expect(shared.body.error.code).toBe('sponsor_needs_seat');

    const seat = await call<SeatLink>('POST', w('/seats'), {
      token: facilitator,
      body: { name: 'Petra Lang', email: 'petra@example.com', title: 'CFO' },
    });
    const token = seat.body.link.slice(6);
    expect((await call<{ seat: { name: string } }>('GET', `/api/join/${token}`)).body.seat).toEqual({
      name: 'Petra Lang',
      title: 'CFO',
      device: false,
      loginRequired: false,
    });
    expect((await call('POST', '/api/join', { body: { invite: token, name: 'Petra' } })).status).toBe(201);
    const participants = await count('participants');
    const forwarded = await call<ApiError>('POST', '/api/join', { body: { invite: token, name: 'Someone Else' } });
    expect(forwarded.status).toBe(409);
    expect(forwarded.body.error.code).toBe('invite_claimed');
    expect(forwarded.body.error.message).toMatch(/already been used/);
    expect(await count('participants')).toBe(participants);

    const again = await call<ApiError>('POST', w('/seats'), {
      token: facilitator,
      body: { name: 'petra lang', email: 'other@example.com' },
    });
    expect(again.status).toBe(409);
    const badMail = await call<ApiError>('POST', w('/seats'), {
      token: facilitator,
      body: { name: 'Otto', email: 'not-an-address' },
    });
    expect(badMail.body.error.field).toBe('email');
    expect(
      (await call('POST', w('/seats'), { token: stakeholder, body: { name: 'Otto', email: 'o@example.com' } })).status,
    ).toBe(403);
    expect((await call('DELETE', w(`/seats/${seat.body.seat.id}`), { token: facilitator })).status).toBe(204);
  });

  it('refuses an expired seat invite with 410', async () => {
    const seat = await call<SeatLink>('POST', w('/seats'), {
      token: facilitator,
      body: { name: 'Late Person', email: 'late@example.com', expiresInHours: 1 },
    });
    await t.app.database.db
      .updateTable('invites')
      .set({ expires_at: new Date(Date.now() - 1000) } as never)
      .where('seat_id', '=', seat.body.seat.id)
      .execute();
    const late = await call<ApiError>('POST', '/api/join', { body: { invite: seat.body.link.slice(6), name: 'x' } });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('invite_expired');
    expect((await call('DELETE', w(`/seats/${seat.body.seat.id}`), { token: facilitator })).status).toBe(204);
  });

  it("adds a second device of a seat's person by a one-time link, never a new approver", async () => {
    const seats = await call<{ id: string; name: string }[]>('GET', w('/seats'), { token: karin });
    const own = seats.body.find((s) => s.name === 'Dr. Karin Vogt');
    const device = await call<SeatLink>('POST', w(`/seats/${own?.id}/links`), { token: karin });
    expect(device.status).toBe(201);
    expect(device.body.device).toBe(true);
    const phone = await call<SessionResponse>('POST', '/api/join', {
      body: { invite: device.body.link.slice(6), name: 'ignored' },
    });
    expect(phone.body.you.name).toBe('Dr. Karin Vogt');
    const me = await call<{ you: { id: string } }>('GET', w(''), { token: phone.body.token });
    expect(me.body.you.id).toBe((await call<{ you: { id: string } }>('GET', w(''), { token: karin })).body.you.id);
    expect((await call('POST', '/api/join', { body: { invite: device.body.link.slice(6), name: 'x' } })).status).toBe(
      409,
    );
    const other = seats.body.find((s) => s.name === 'Markus Brandt');
    expect((await call<ApiError>('POST', w(`/seats/${other?.id}/links`), { token: karin })).status).toBe(403);
  });

  it('signs with evidence, refuses bad signatures without recording anything, and certifies the PDF', async () => {
    const v1 = (await call<VersionSummary>('POST', w('/versions'), { token: facilitator })).body;
    expect(v1.sponsors.map((s) => [s.name, s.title])).toEqual([
      ['Dr. Karin Vogt', 'CIO'],
      ['Markus Brandt', 'Head of Sales Operations'],
    ]);
    const signedPdf = await download(`/versions/${v1.number}/document.pdf`, facilitator);
    expect(extractPdfText(signedPdf)).toContain('Published for sign-off by 2 named approvers.');

    const statement = (
      await call<SigningStatement>('GET', w(`/versions/${v1.number}/signing-statement`), { token: karin })
    ).body;
    expect(statement.pdfSha256).toBe(sha(signedPdf));
    expect(statement.statement).toContain(`I, Dr. Karin Vogt, CIO, approve version ${v1.number}`);
    expect(statement.statement).toContain(v1.hash);

    const before = { signatures: await count('signatures'), audit: await count('audit_events') };
    const sign = (token: string, body: Record<string, unknown>, number = v1.number) =>
      call<VersionSummary & ApiError>('POST', w(`/versions/${number}/signatures`), {
        token,
        body,
        headers: { 'user-agent': 'AccordTest/1.0 (sign-off)' },
      });
    expect((await sign(karin, { hash: 'c'.repeat(64), decision: 'signed' })).body.error.code).toBe('hash_mismatch');
    expect((await sign(karin, { hash: v1.hash, decision: 'signed' }, 99)).status).toBe(404);
    expect(
      (await sign(karin, { hash: v1.hash, decision: 'signed', statement: 'I agree to something else' })).body.error
        .code,
    ).toBe('statement_mismatch');
    expect((await sign(stakeholder, { hash: v1.hash, decision: 'signed' })).status).toBe(403);
    // A seat named after publishing is no approver of this version, whoever holds its link.
    const newcomer = await call<SeatLink>('POST', w('/seats'), {
      token: facilitator,
      body: { name: 'Third Person', email: 'third@example.com' },
    });
    const third = (
      await call<SessionResponse>('POST', '/api/join', { body: { invite: newcomer.body.link.slice(6), name: 'x' } })
    ).body.token;
    const refused = await sign(third, { hash: v1.hash, decision: 'signed' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_an_approver');
    expect(await count('signatures')).toBe(before.signatures);

    const signed = await sign(karin, {
      hash: v1.hash,
      decision: 'signed',
      comment: 'Agreed for 2027.',
      statement: statement.statement,
    });
    expect(signed.status).toBe(201);
    expect(signed.body.sponsors.map((s) => s.status)).toEqual(['signed', 'pending']);
    expect(signed.body.approved).toBe(false);
    const evidence = (
      await call<SignatureEvidence[]>('GET', w(`/versions/${v1.number}/signatures`), { token: stakeholder })
    ).body;
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({
      name: 'Dr. Karin Vogt',
      title: 'CIO',
      email: 'karin.vogt@example.com',
      decision: 'signed',
      statement: statement.statement,
      hash: v1.hash,
      pdfSha256: sha(signedPdf),
      ip: '127.0.0.1',
      userAgent: 'AccordTest/1.0 (sign-off)',
      comment: 'Agreed for 2027.',
      identity: { method: 'invite-link' },
    });
    expect(Date.parse(evidence[0]?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);

    const certified = await download(`/versions/${v1.number}/document.pdf`, facilitator);
    expect(Buffer.from(certified.subarray(0, signedPdf.length)).equals(Buffer.from(signedPdf))).toBe(true);
    const text = extractPdfText(certified);
    expect(text).toContain('Certificate of signatures');
    expect(text).toContain('1. Dr. Karin Vogt, CIO: signed');
    expect(text).toContain('Still to decide: Markus Brandt');
    expect(text).toContain(`PDF SHA-256: ${sha(signedPdf)}`);

    const html = new TextDecoder().decode(await download(`/versions/${v1.number}/document.html`, facilitator));
    expect(html).toContain('1 of 2 sponsors signed');

    const verdict = await verify(certified, stakeholder);
    expect(verdict.body).toMatchObject({
      verdict: 'unchanged',
      kind: 'pdf',
      versionNumber: v1.number,
      versionHash: v1.hash,
    });
    expect(verdict.body.message).toMatch(/^unchanged: version \d+ of ".*", signed by Dr\. Karin Vogt at /);
    const tampered = new Uint8Array(certified);
    tampered[2000] = (tampered[2000] ?? 0) ^ 0x01;
    const bad = await verify(tampered, stakeholder);
    expect(bad.status).toBe(422);
    expect(bad.body.verdict).toBe('not-a-version');
    expect(bad.body.message).toMatch(/^not a version of this workshop/);
    const json = await download(`/versions/${v1.number}/document.json`, stakeholder);
    const publicCheck = await verify(json);
    expect(publicCheck.status).toBe(200);
    expect(publicCheck.body).toMatchObject({
      verdict: 'unchanged',
      kind: 'json',
      workshopId,
      versionNumber: v1.number,
    });
    expect((await verify(new TextEncoder().encode('{"kind":"accord.sla-version"}'))).body.verdict).toBe(
      'not-a-version',
    );
    expect((await verify(new Uint8Array())).status).toBe(400);

    const markus = (await call<SessionResponse>('POST', '/api/join', { body: { invite: markusLink, name: 'm' } })).body
      .token;
    expect((await sign(markus, { hash: v1.hash, decision: 'signed' })).body.approved).toBe(true);
  });

  it('refuses a signature on a superseded version', async () => {
    const yaml = await call<string>('GET', w('/requirements'), { token: facilitator });
    await call('PUT', w('/requirements'), {
      token: facilitator,
      body: { requirementsText: yaml.body.replace(/reviewEveryMonths: \d+/, 'reviewEveryMonths: 7') },
    });
    const versions = (await call<VersionSummary[]>('GET', w('/versions'), { token: facilitator })).body;
    const v2 = (await call<VersionSummary>('POST', w('/versions'), { token: facilitator })).body;
    expect(v2.sponsors.map((s) => s.name)).toContain('Third Person');
    const old = await call<ApiError>('POST', w(`/versions/${versions[0]?.number}/signatures`), {
      token: karin,
      body: { hash: versions[0]?.hash, decision: 'signed' },
    });
    expect(old.status).toBe(409);
    expect(old.body.error.code).toBe('superseded');
  });

  it('chains the audit trail so a removed or altered entry shows', async () => {
    const whole = await call<AuditChain>('GET', w('/audit/verify'), { token: stakeholder });
    expect(whole.body.ok).toBe(true);
    expect(whole.body.entries).toBeGreaterThan(10);
    const entries = await call<{ id: number; kind: string; prevHash: string; hash: string }[]>('GET', w('/audit'), {
      token: stakeholder,
    });
    const signedEntry = entries.body.find((e) => e.kind === 'version.signed');
    expect(entries.body[1]?.prevHash).toBe(entries.body[0]?.hash);
    await t.app.database.db
      .updateTable('audit_events')
      .set({ data: '{"number":1}' } as never)
      .where('id', '=', signedEntry?.id ?? 0)
      .execute();
    const altered = await call<AuditChain>('GET', w('/audit/verify'), { token: stakeholder });
    expect(altered.body).toMatchObject({ ok: false, brokenAt: signedEntry?.id });
    expect(altered.body.reason).toMatch(/altered/);
  });

  it('tells how far the room moved since the version, and freezes it while sponsors sign', async () => {
    const editor = connectClient(t.yjsUrl, workshopId, stakeholder);
    try {
      await editor.synced();
      expect((await call<RoomStatus>('GET', w('/room-status'), { token: karin })).body).toMatchObject({
        changesSinceLatest: 0,
        frozen: null,
      });
      const meta = (): Y.Map<unknown> => editor.doc.getMap('requirements').get('meta') as Y.Map<unknown>;
      // The title is collaborative text: typed into, as the room does.
      const setTitle = (text: string): void =>
        editor.doc.transact(() => {
          const title = meta().get('title') as Y.Text;
          title.delete(0, title.length);
          title.insert(0, text);
        });
      setTitle('Messaging SLA, edited after publishing');
      await editor.saved();
      expect((await call<RoomStatus>('GET', w('/room-status'), { token: karin })).body.changesSinceLatest).toBe(1);

      expect((await call('PUT', w('/freeze'), { token: karin, body: { frozen: true } })).status).toBe(403);
      // Listened for before the freeze: on a loaded machine the provider can be closed and back again before
      // the freeze's answer (which computes the changes since the version) has reached this test.
      const dropped = new Promise<void>((resolve) => {
        editor.provider.on('status', ({ status }: { status: string }) => {
          if (status === 'disconnected') resolve();
        });
      });
      const frozen = await call<RoomStatus>('PUT', w('/freeze'), { token: facilitator, body: { frozen: true } });
      expect(frozen.body.frozen?.by).toBe('Fran');
      let closed = false;
      void dropped.then(() => (closed = true));
      await waitFor(() => closed, 5000, 'the freeze closing the connection');
      await waitFor(() => editor.provider.wsconnected && editor.provider.synced, 10_000, 'reconnecting read-only');
      const storedTitle = (): Promise<unknown> =>
        t.app.registry.withRoom(workshopId, (room) =>
          String((room.doc.getMap('requirements').get('meta') as Y.Map<unknown>).get('title')),
        );
      setTitle('written while frozen');
      // A negative check: the edit is NOT taken, in the time it would take to reach the room.
      await fixedWait(500);
      expect(await storedTitle()).toBe('Messaging SLA, edited after publishing');
      expect((await call<RoomStatus>('GET', w('/room-status'), { token: karin })).body.changesSinceLatest).toBe(1);
      // Nor does the server change the document for anyone meanwhile: an import is refused and changes nothing.
      const exported = await call<string>('GET', w('/requirements?format=yaml'), { token: facilitator });
      const imported = await call<ApiError>('PUT', w('/requirements'), {
        token: facilitator,
        body: { requirementsText: String(exported.body) },
      });
      expect([imported.status, imported.body.error.code]).toEqual([409, 'room_frozen']);
      expect((await call<RoomStatus>('GET', w('/room-status'), { token: karin })).body.changesSinceLatest).toBe(1);

      expect(
        (await call<RoomStatus>('PUT', w('/freeze'), { token: facilitator, body: { frozen: false } })).body.frozen,
      ).toBeNull();
      expect(
        (await call<ApiError>('PUT', w('/freeze'), { token: facilitator, body: { frozen: false } })).body.error.code,
      ).toBe('not_frozen');
      const kinds = (await call<{ kind: string }[]>('GET', w('/audit'), { token: karin })).body.map((e) => e.kind);
      expect(kinds).toContain('room.frozen');
      expect(kinds).toContain('room.unfrozen');
      await waitForAsync(
        async () => (await storedTitle()) === 'written while frozen',
        10_000,
        'the edit kept in the browser arriving after the unfreeze',
      );
    } finally {
      editor.destroy();
    }
  });
});
