import { ONE_DIALECT } from '@accord/db/test-databases';
import { CLOSE } from '@accord/protocol/close-codes';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MESSAGE_AWARENESS } from '../sync/protocol.ts';
import { apiClient, type ApiError } from '../test/api-client.ts';
import { connectControl, send, sessionState } from '../test/control-client.ts';
import { startSiblingApp, startTestApp, type TestApp } from '../test/test-app.ts';
import { connectClient, rawSocket, waitFor } from '../test/yjs-client.ts';

/** A raw Yjs websocket that presents an `Origin` header, as a browser page would. */
function fromOrigin(
  yjsUrl: string,
  workshopId: string,
  token: string,
  origin: string,
): Promise<{ code: number; reason: string } | 'open'> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${yjsUrl}/${workshopId}?token=${encodeURIComponent(token)}`, { origin });
    socket.on('error', () => undefined);
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    // Open and still open a moment later: let in (a refused one is closed at once). A negative check, so a
    // fixed wait: the server closing a refused socket has no event of its own to wait for.
    socket.once('open', () =>
      setTimeout(() => {
        if (socket.readyState === socket.OPEN) {
          socket.close();
          resolve('open');
        }
      }, 300),
    );
  });
}

describe.each(ONE_DIALECT)('the doors on $name', (dialect) => {
  let t: TestApp;
  let call: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    t = await startTestApp(dialect, { allowedOrigins: ['https://app.example.org'] });
    call = apiClient(t.url);
  });
  afterAll(async () => {
    await t.close();
  });

  it('checks Origin on the Yjs upgrade: its own and listed origins in, a foreign page out with a final code', async () => {
    const workshopId = await t.createWorkshop('blank');
    const { token } = await t.join(workshopId, 'stakeholder');
    const own = new URL(t.url).origin;
    expect(await fromOrigin(t.yjsUrl, workshopId, token, own)).toBe('open');
    expect(await fromOrigin(t.yjsUrl, workshopId, token, 'https://app.example.org')).toBe('open');
    for (const foreign of [
      'https://evil.example.org',
      `http://other.${new URL(t.url).hostname}.nip.io:${new URL(t.url).port}`,
      'null',
    ]) {
      expect(await fromOrigin(t.yjsUrl, workshopId, token, foreign)).toEqual({
        code: CLOSE.foreignOrigin.code,
        reason: CLOSE.foreignOrigin.reason,
      });
    }
  });

  it('checks Origin on the socket.io handshake', async () => {
    const handshake = (origin: string) => fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
    expect((await handshake(new URL(t.url).origin)).status).toBe(200);
    const refused = await handshake('https://evil.example.org');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/own site/);
  });

  it("caps one participant's connections, so an observer opening 60 cannot keep the facilitator out", async () => {
    const workshopId = await t.createWorkshop('blank');
    const observer = await t.join(workshopId, 'observer', 'Greedy');
    const sockets = Array.from({ length: 60 }, () => rawSocket(t.yjsUrl, workshopId, observer.token));
    const closes: number[] = [];
    for (const socket of sockets) void socket.closed.then(({ code }) => closes.push(code));
    await waitFor(() => closes.length >= 56, 20_000, '56 refusals');
    expect(closes.slice(0, 56).every((code) => code === CLOSE.tooManyConnections.code)).toBe(true);
    expect(t.app.registry.peek(workshopId)?.connections.size).toBe(4);
    const facilitator = connectClient(t.yjsUrl, workshopId, (await t.join(workshopId, 'facilitator', 'Fay')).token);
    await facilitator.synced();
    facilitator.destroy();
    for (const socket of sockets) socket.socket.close();
  });

  it('never lets the workshop-wide cap keep a facilitator out, and tells others to try again later', async () => {
    const small = await startSiblingApp(t, { maxParticipants: 2 });
    try {
      const workshopId = await small.createWorkshop('blank');
      const seated = [
        connectClient(small.yjsUrl, workshopId, (await small.join(workshopId, 'observer')).token),
        connectClient(small.yjsUrl, workshopId, (await small.join(workshopId, 'observer')).token),
      ];
      await Promise.all(seated.map((c) => c.synced()));
      const third = rawSocket(small.yjsUrl, workshopId, (await small.join(workshopId, 'stakeholder')).token);
      expect((await third.closed).code).toBe(CLOSE.tooManyParticipants.code);
      expect(CLOSE.tooManyParticipants.code >= 4500).toBe(true);
      const facilitator = connectClient(
        small.yjsUrl,
        workshopId,
        (await small.join(workshopId, 'facilitator', 'Fay')).token,
      );
      await facilitator.synced();
      for (const client of [...seated, facilitator]) client.destroy();
    } finally {
      await small.close();
    }
  }, 180_000);

  it('holds the awareness-id limit within one frame', async () => {
    const workshopId = await t.createWorkshop('blank');
    const socket = rawSocket(t.yjsUrl, workshopId, (await t.join(workshopId, 'stakeholder')).token);
    await socket.opened;
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 10);
    for (let id = 1; id <= 10; id += 1) {
      encoding.writeVarUint(inner, 9000 + id);
      encoding.writeVarUint(inner, 1);
      encoding.writeVarString(inner, JSON.stringify({ n: id }));
    }
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(frame, encoding.toUint8Array(inner));
    socket.socket.send(encoding.toUint8Array(frame));
    // The room applies one frame's accepted entries in one step: once any is there, the whole frame was read.
    await waitFor(
      () => (t.app.registry.peek(workshopId)?.awareness.getStates().size ?? 0) > 0,
      5000,
      'awareness applied',
    );
    expect(t.app.registry.peek(workshopId)?.awareness.getStates().size).toBe(4);
    socket.socket.close();
  });

  it('answers NUL and other control characters with a 400 naming the field, at the API and on socket.io', async () => {
    const created = await call<{ token: string; workshop: { id: string } }>('POST', '/api/workshops', {
      body: { template: 'messaging', facilitatorName: 'Fay' },
    });
    const { token } = created.body;
    const workshopId = created.body.workshop.id;
    const label = await call<ApiError>('POST', `/api/workshops/${workshopId}/invites`, {
      token,
      body: { role: 'sponsor', label: 'Sue\u0000' },
    });
    expect(label.status).toBe(400);
    expect(label.body.error.field).toBe('label');
    const sponsor = await t.join(workshopId, 'sponsor', 'Sue');
    const comment = await call<ApiError>('POST', `/api/workshops/${workshopId}/versions/1/signatures`, {
      token: sponsor.token,
      body: { hash: 'a'.repeat(64), decision: 'rejected', comment: 'no\u0000' },
    });
    expect(comment.status).toBe(400);
    expect(comment.body.error.field).toBe('comment');
    const title = await call<ApiError>('POST', '/api/workshops', {
      body: {
        facilitatorName: 'Fay',
        requirementsText: 'formatVersion: 1\nmeta:\n  title: "Mail\\0"\n  service: Mail\n  timeZone: Europe/Berlin\n',
      },
    });
    expect(title.status).toBe(400);
    expect(title.body.error.message).toMatch(/meta\.title/);
    const bell = await call<ApiError>('POST', '/api/workshops', {
      body: { template: 'blank', facilitatorName: 'Fay\u0007' },
    });
    expect(bell.status).toBe(400);
    expect(bell.body.error.field).toBe('facilitatorName');

    const control = connectControl(t.url, workshopId, token);
    await sessionState(control);
    const ack = await send(control, 'proposal:create', {
      field: '/meta/title',
      value: 'Mail',
      reason: 'because\u0000',
    });
    expect(ack).toMatchObject({ ok: false, code: 'invalid_payload' });
    expect(ack.ok ? '' : ack.error).toMatch(/^reason: .*control characters/);
    control.close();
  });

  it('keeps display names unique after normalisation and confusable folding, with a clear message', async () => {
    const created = await call<{ token: string; workshop: { id: string } }>('POST', '/api/workshops', {
      body: { template: 'blank', facilitatorName: 'Fay' },
    });
    const invite = await call<{ link: string }>('POST', `/api/workshops/${created.body.workshop.id}/invites`, {
      token: created.body.token,
      body: { role: 'stakeholder' },
    });
    const link = invite.body.link.split('/').pop() ?? '';
    const join = (name: string) =>
      call<{ you: { name: string } } & ApiError>('POST', '/api/join', { body: { invite: link, name } });
    for (const lookalike of ['F\u0430y', 'Fa\u0301y', 'F\u0430\u0443']) {
      const refused = await join(lookalike);
      expect(refused.status, lookalike).toBe(409);
      expect(refused.body.error.field).toBe('name');
      expect(refused.body.error.message).toMatch(/looks the same as "Fay"/);
    }
    // Fullwidth letters and invisible characters normalise to the very same name: numbered, not a copy.
    expect((await join('\uff26\uff41\uff59')).body.you.name).toBe('Fay (2)');
    expect((await join('F\u200bay')).body.you.name).toBe('Fay (3)');
    expect((await join('Pat')).body.you.name).toBe('Pat');
  });
});
