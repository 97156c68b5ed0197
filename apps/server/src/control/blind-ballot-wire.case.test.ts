import { TEST_DIALECTS } from '@accord/db/test-databases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectControl, send, sessionState, type ControlClient } from '../test/control-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';
import { connectClient, waitFor, type TestClient } from '../test/yjs-client.ts';

type Role = 'facilitator' | 'stakeholder' | 'sponsor' | 'observer';

/**
 * A socket.io connection spoken by hand (Engine.IO 4 over a websocket), keeping every frame the server sends
 * as the text it is on the wire: nothing a client library might drop or decode is hidden from the check.
 */
function recordSocketIo(
  url: string,
  workshopId: string,
  token: string,
): { frames: string[]; ready: Promise<void>; close(): void } {
  const frames: string[] = [];
  const socket = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const ready = new Promise<void>((resolve, reject) => {
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      frames.push(text);
      if (text.startsWith('0')) socket.send(`40${JSON.stringify({ workshopId, token })}`);
      else if (text === '2') socket.send('3');
      else if (text.startsWith('42["session:state"')) resolve();
      else if (text.startsWith('44')) reject(new Error(`refused: ${text}`));
    });
    socket.once('error', reject);
  });
  return { frames, ready, close: () => socket.close() };
}

/** The official provider over a websocket that keeps every frame the server sends (binary, as received). */
function recordYjs(yjsUrl: string, workshopId: string, token: string): { frames: Buffer[]; client: TestClient } {
  const frames: Buffer[] = [];
  class RecordingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
    }
  }
  const client = connectClient(yjsUrl, workshopId, token, undefined, RecordingWebSocket as unknown as typeof WebSocket);
  return { frames, client };
}

// In a blind ballot nobody — the facilitator included — may receive anyone else's vote before the reveal: not
// over socket.io, not through the Yjs document. Every voter but the watched one votes "against", the watched
// one votes "for": the word "against" reaching a watcher before the reveal is a leak, whatever its encoding.
describe.each(TEST_DIALECTS)('a blind ballot on the wire on $name', (dialect) => {
  let t: TestApp;
  let workshopId: string;
  const people = {} as Record<string, { id: string; token: string }>;
  const controls: ControlClient[] = [];
  const closers: (() => void)[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect, { eventsPerTenSeconds: 10_000 });
    workshopId = await t.createWorkshop('messaging');
    const cast: [string, Role][] = [
      ['Fran Facil', 'facilitator'],
      ['Ola Watch', 'observer'],
      ['Wendy Voter', 'stakeholder'],
      ['Ann Voter', 'stakeholder'],
      ['Bo Voter', 'sponsor'],
      ['Cy Voter', 'stakeholder'],
    ];
    for (const [name, role] of cast) people[name] = await t.join(workshopId, role, name);
  });
  afterAll(async () => {
    for (const close of closers) close();
    for (const client of controls) client.disconnect();
    await t.close();
  });

  const control = async (name: string): Promise<ControlClient> => {
    const client = connectControl(t.url, workshopId, people[name]?.token ?? '');
    controls.push(client);
    await sessionState(client);
    return client;
  };

  it('sends nobody another person’s vote before the reveal, and everybody the votes after it', async () => {
    const watchers = ['Fran Facil', 'Ola Watch', 'Wendy Voter', 'Ann Voter'];
    const wires = new Map<string, { socketIo: string[]; yjs: Buffer[] }>();
    for (const name of watchers) {
      const token = people[name]?.token ?? '';
      const socketIo = recordSocketIo(t.url, workshopId, token);
      const yjs = recordYjs(t.yjsUrl, workshopId, token);
      closers.push(socketIo.close, () => yjs.client.destroy());
      await socketIo.ready;
      await yjs.client.synced();
      wires.set(name, { socketIo: socketIo.frames, yjs: yjs.frames });
    }
    const facilitator = await control('Fran Facil');
    const created = await send(facilitator, 'proposal:create', {
      field: '/functions/webmail/availability/targetPercent',
      value: 99.95,
      reason: 'Field staff need webmail',
      ballot: 'blind',
    });
    const proposalId = created.ok ? (created.id ?? '') : '';
    expect(proposalId).not.toBe('');

    expect(await send(await control('Wendy Voter'), 'proposal:vote', { proposalId, choice: 'for' })).toEqual({
      ok: true,
    });
    for (const voter of ['Ann Voter', 'Bo Voter', 'Cy Voter']) {
      expect(await send(await control(voter), 'proposal:vote', { proposalId, choice: 'against' })).toEqual({
        ok: true,
      });
    }
    const counted = (frames: string[]): boolean =>
      frames.some((f) => f.includes('"proposal:votes"') && f.includes(proposalId) && f.includes('"count":4'));
    for (const name of watchers)
      await waitFor(() => counted(wires.get(name)?.socketIo ?? []), 5000, `${name} hears 4 votes cast`);
    // The proposal itself did reach everyone through the document: the Yjs recording does see the workshop.
    for (const name of watchers) {
      await waitFor(
        () => (wires.get(name)?.yjs ?? []).some((f) => f.includes(proposalId)),
        5000,
        `${name} receives the proposal over Yjs`,
      );
    }
    const auditBefore = await (
      await fetch(`${t.url}/api/workshops/${workshopId}/audit`, {
        headers: { authorization: `Bearer ${people['Fran Facil']?.token}` },
      })
    ).text();

    for (const name of watchers) {
      const wire = wires.get(name);
      const leaked = (wire?.socketIo ?? [])
        .filter((f) => f.includes('against'))
        // Ann's own vote comes back to Ann's connections, and only to them.
        .filter((f) => !(name === 'Ann Voter' && f.startsWith('42["proposal:your-vote"')));
      expect(leaked, `socket.io frames ${name} received`).toEqual([]);
      // The template's own text says "against the agreed budgets": a vote is any other "against".
      expect(
        (wire?.yjs ?? []).filter((f) =>
          f.toString('utf8').replaceAll('against the agreed budgets', '').includes('against'),
        ),
        `Yjs frames ${name} received`,
      ).toEqual([]);
      // Wendy's own "for" reaches her as her vote only, never beside her name (which the roster carries).
      expect(
        (wire?.socketIo ?? []).filter((f) => f.includes('Wendy Voter') && f.includes('"choice"')),
        `Wendy's vote seen by ${name}`,
      ).toEqual([]);
    }
    expect(
      (wires.get('Ann Voter')?.socketIo ?? []).some(
        (f) => f.startsWith('42["proposal:your-vote"') && f.includes('against'),
      ),
    ).toBe(true);
    expect(
      (wires.get('Wendy Voter')?.socketIo ?? []).some(
        (f) => f.startsWith('42["proposal:your-vote"') && f.includes('"for"'),
      ),
    ).toBe(true);
    expect(auditBefore).toContain(proposalId);
    expect(auditBefore).not.toMatch(/against/);

    expect(await send(facilitator, 'proposal:reveal', { proposalId })).toEqual({ ok: true });
    for (const name of watchers) {
      await waitFor(
        () =>
          (wires.get(name)?.socketIo ?? []).some(
            (f) =>
              f.includes('"proposal:votes"') &&
              f.includes('"revealed":true') &&
              f.includes('Bo Voter') &&
              f.includes('against'),
          ),
        5000,
        `${name} hears the revealed votes`,
      );
    }
    const auditAfter = await (
      await fetch(`${t.url}/api/workshops/${workshopId}/audit`, {
        headers: { authorization: `Bearer ${people['Ola Watch']?.token}` },
      })
    ).text();
    expect(auditAfter).toMatch(/"voter":"Cy Voter","choice":"against"/);
    // Votes never travel through the document, not even after the reveal.
    for (const name of watchers)
      expect(
        (wires.get(name)?.yjs ?? []).filter((f) =>
          f.toString('utf8').replaceAll('against the agreed budgets', '').includes('against'),
        ),
      ).toEqual([]);
  });

  it('shows an open ballot’s votes to everyone as they are cast', async () => {
    const watcher = recordSocketIo(t.url, workshopId, people['Ola Watch']?.token ?? '');
    closers.push(watcher.close);
    await watcher.ready;
    const facilitator = await control('Fran Facil');
    const created = await send(facilitator, 'proposal:create', {
      field: '/functions/webmail/availability/targetPercent',
      value: 99.8,
      reason: 'open',
    });
    const proposalId = created.ok ? (created.id ?? '') : '';
    expect(await send(await control('Bo Voter'), 'proposal:vote', { proposalId, choice: 'against' })).toEqual({
      ok: true,
    });
    await waitFor(
      () =>
        watcher.frames.some(
          (f) =>
            f.includes('"proposal:votes"') &&
            f.includes(proposalId) &&
            f.includes('"voter":"Bo Voter","choice":"against"'),
        ),
      5000,
      'the open vote live',
    );
  });
});
