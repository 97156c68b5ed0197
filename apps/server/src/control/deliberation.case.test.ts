import { TEST_DIALECTS } from '@accord/db/test-databases';
import { fieldValue } from '@accord/core/ydoc';
import type { Ack } from '@accord/protocol/events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectControl, next, send, sessionState, type ControlClient } from '../test/control-client.ts';
import { stateSnapshot } from '../test/state-snapshot.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';

type Role = 'facilitator' | 'stakeholder' | 'sponsor' | 'observer';
const ROLES: readonly Role[] = ['facilitator', 'stakeholder', 'sponsor', 'observer'];
const FIELD = '/functions/webmail/availability/targetPercent';

const idOf = (ack: Ack): string => (ack.ok ? (ack.id ?? '') : '');

describe.each(TEST_DIALECTS)('deliberation actions on $name', (dialect) => {
  let t: TestApp;
  let workshopId: string;
  const people = {} as Record<Role, { id: string; token: string }>;
  const clients = {} as Record<Role, ControlClient>;
  const names: Record<Role, string> = {
    facilitator: 'Fran Facil',
    stakeholder: 'Stan Holder',
    sponsor: 'Spencer Sponsor',
    observer: 'Olga Observer',
  };

  const docState = (): string => {
    const room = t.app.registry.peek(workshopId);
    return room ? Buffer.from(Y.encodeStateAsUpdate(room.doc)).toString('base64') : 'unloaded';
  };
  const audit = async (): Promise<{ kind: string; actor: string; data: Record<string, unknown> }[]> => {
    const rows = await t.app.database.db
      .selectFrom('audit_events')
      .select(['kind', 'actor_name', 'data'])
      .where('workshop_id', '=', workshopId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      kind: r.kind,
      actor: r.actor_name,
      data: JSON.parse(r.data) as Record<string, unknown>,
    }));
  };
  const votes = (proposalId: string) =>
    t.app.database.db
      .selectFrom('votes')
      .select(['voter_name', 'choice'])
      .where('workshop_id', '=', workshopId)
      .where('proposal_id', '=', proposalId)
      .orderBy('voter_name')
      .execute();
  const propose = async (ballot?: 'open' | 'blind'): Promise<string> => {
    const ack = await send(clients.facilitator, 'proposal:create', {
      field: FIELD,
      value: 99.5,
      reason: 'test',
      ...(ballot ? { ballot } : {}),
    });
    expect(ack.ok).toBe(true);
    return idOf(ack);
  };
  /** Sends, expects a refusal with `code`, and checks that nothing stored or in the doc changed. */
  const refused = async (role: Role, event: string, payload: unknown, code: string): Promise<void> => {
    const before = [await stateSnapshot(t.app), docState()];
    const ack = await send(clients[role], event, payload);
    expect(ack, `${role} ${event}`).toMatchObject({ ok: false, code });
    expect([await stateSnapshot(t.app), docState()]).toEqual(before);
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { eventsPerTenSeconds: 10_000 });
    workshopId = await t.createWorkshop('messaging');
    for (const role of ROLES) {
      people[role] = await t.join(workshopId, role, names[role]);
      clients[role] = connectControl(t.url, workshopId, people[role].token);
      await sessionState(clients[role]);
    }
    await t.app.registry.acquire(workshopId);
  });
  afterEach(async () => {
    await t.app.registry.peek(workshopId)?.settled();
  });
  afterAll(async () => {
    for (const role of ROLES) clients[role].disconnect();
    await t.close();
  });

  it('lets only the facilitator decide, choose the ballot and reveal, as every other role', async () => {
    const id = await propose('blind');
    await send(clients.stakeholder, 'proposal:vote', { proposalId: id, choice: 'for' });
    const open = await propose();
    for (const role of ['stakeholder', 'sponsor', 'observer'] as const) {
      await refused(role, 'proposal:decide', { proposalId: id, outcome: 'accepted', note: '' }, 'forbidden');
      await refused(role, 'proposal:reveal', { proposalId: id }, 'forbidden');
      await refused(role, 'proposal:ballot', { proposalId: open, ballot: 'blind' }, 'forbidden');
    }
    for (const role of ['stakeholder', 'sponsor'] as const) {
      await refused(role, 'proposal:create', { field: FIELD, value: 99.6, reason: '', ballot: 'open' }, 'forbidden');
    }
    await refused('observer', 'proposal:create', { field: FIELD, value: 99.6, reason: '' }, 'forbidden');
    await refused(
      'facilitator',
      'proposal:create',
      { field: FIELD, value: 'very high', reason: '', ballot: 'blind' },
      'invalid_field',
    );
    await refused('observer', 'proposal:vote', { proposalId: open, choice: 'for' }, 'forbidden');
    await refused('observer', 'proposal:withdraw', { proposalId: open }, 'forbidden');
    expect(fieldValue(t.app.registry.peek(workshopId)?.doc ?? new Y.Doc(), `/proposals/${id}/status`)).toBe('open');
  });

  it('takes the voter from the session: nobody votes as someone else, and nobody votes twice', async () => {
    const id = await propose();
    for (const role of ['facilitator', 'stakeholder', 'sponsor'] as const) {
      await refused(
        role,
        'proposal:vote',
        { proposalId: id, choice: 'for', voter: names.facilitator },
        'invalid_payload',
      );
      await refused(
        role,
        'proposal:vote',
        { proposalId: id, choice: 'for', participantId: people.sponsor.id },
        'invalid_payload',
      );
    }
    expect(await send(clients.sponsor, 'proposal:vote', { proposalId: id, choice: 'for' })).toEqual({ ok: true });
    expect(await send(clients.sponsor, 'proposal:vote', { proposalId: id, choice: 'for' })).toEqual({ ok: true });
    expect(await send(clients.sponsor, 'proposal:vote', { proposalId: id, choice: 'against' })).toEqual({ ok: true });
    // A second connection of the same person is the same voter.
    const again = connectControl(t.url, workshopId, people.sponsor.token);
    await sessionState(again);
    expect(await send(again, 'proposal:vote', { proposalId: id, choice: 'for' })).toEqual({ ok: true });
    again.disconnect();
    expect(await votes(id)).toEqual([{ voter_name: names.sponsor, choice: 'for' }]);
    await refused('stakeholder', 'proposal:vote', { proposalId: id, choice: null }, 'no_vote');
    await refused('stakeholder', 'proposal:vote', { proposalId: 'prop-nothing', choice: 'for' }, 'not_found');
  });

  it('closes a proposal to votes, ballot changes and second decisions once decided', async () => {
    const id = await propose();
    expect(await send(clients.stakeholder, 'proposal:vote', { proposalId: id, choice: 'for' })).toEqual({ ok: true });
    await refused('facilitator', 'proposal:ballot', { proposalId: id, ballot: 'blind' }, 'votes_cast');
    await refused('facilitator', 'proposal:reveal', { proposalId: id }, 'not_blind');
    expect(
      await send(clients.facilitator, 'proposal:decide', { proposalId: id, outcome: 'rejected', note: '' }),
    ).toMatchObject({ ok: true });
    await refused('sponsor', 'proposal:vote', { proposalId: id, choice: 'against' }, 'closed');
    await refused('facilitator', 'proposal:decide', { proposalId: id, outcome: 'accepted', note: '' }, 'not_found');
    await refused('facilitator', 'proposal:ballot', { proposalId: id, ballot: 'blind' }, 'closed');
    expect(await votes(id)).toEqual([{ voter_name: names.stakeholder, choice: 'for' }]);
  });

  it('records every action in the audit trail, a blind vote without its choice until the reveal', async () => {
    const from = (await audit()).length;
    const id = await propose();
    expect(await send(clients.facilitator, 'proposal:ballot', { proposalId: id, ballot: 'blind' })).toEqual({
      ok: true,
    });
    expect(fieldValue(t.app.registry.peek(workshopId)?.doc ?? new Y.Doc(), `/proposals/${id}/ballot`)).toBe('blind');
    expect(await send(clients.stakeholder, 'proposal:vote', { proposalId: id, choice: 'against' })).toEqual({
      ok: true,
    });
    expect(await send(clients.sponsor, 'proposal:vote', { proposalId: id, choice: 'for' })).toEqual({ ok: true });
    expect(await send(clients.sponsor, 'proposal:vote', { proposalId: id, choice: null })).toEqual({ ok: true });
    expect(await send(clients.sponsor, 'proposal:vote', { proposalId: id, choice: 'for' })).toEqual({ ok: true });
    const hiddenTrail = JSON.stringify((await audit()).slice(from));
    expect(hiddenTrail).not.toMatch(/"choice"/);
    expect(await send(clients.facilitator, 'proposal:reveal', { proposalId: id })).toEqual({ ok: true });
    await refused('facilitator', 'proposal:reveal', { proposalId: id }, 'revealed');
    await refused('stakeholder', 'proposal:vote', { proposalId: id, choice: 'for' }, 'revealed');
    expect(
      await send(clients.facilitator, 'proposal:decide', { proposalId: id, outcome: 'accepted', note: 'n' }),
    ).toMatchObject({ ok: true });
    const other = await propose();
    expect(await send(clients.facilitator, 'proposal:withdraw', { proposalId: other })).toEqual({ ok: true });

    const trail = (await audit()).slice(from);
    expect(trail.map((e) => `${e.kind} ${e.actor}`)).toEqual([
      `proposal.created ${names.facilitator}`,
      `proposal.ballot ${names.facilitator}`,
      `proposal.voted ${names.stakeholder}`,
      `proposal.voted ${names.sponsor}`,
      `proposal.voted ${names.sponsor}`,
      `proposal.voted ${names.sponsor}`,
      `proposal.revealed ${names.facilitator}`,
      `proposal.accepted ${names.facilitator}`,
      `proposal.created ${names.facilitator}`,
      `proposal.withdrawn ${names.facilitator}`,
    ]);
    expect(trail[6]?.data).toEqual({
      proposalId: id,
      votes: [
        { voter: names.sponsor, choice: 'for' },
        { voter: names.stakeholder, choice: 'against' },
      ],
    });
    expect(trail[7]?.data).toMatchObject({ proposalId: id, outcome: 'accepted', field: FIELD });
  });

  it('reveals a blind ballot when the facilitator decides it, and tells everyone the votes then', async () => {
    const id = await propose('blind');
    expect(await send(clients.stakeholder, 'proposal:vote', { proposalId: id, choice: 'for' })).toEqual({ ok: true });
    const heard = new Promise<unknown>((resolve) => {
      clients.observer.on('proposal:votes', (event) => {
        if (event.proposalId === id && event.revealed) resolve(event);
      });
    });
    const decided = next(clients.observer, 'decision:recorded');
    expect(
      await send(clients.facilitator, 'proposal:decide', { proposalId: id, outcome: 'rejected', note: '' }),
    ).toMatchObject({ ok: true });
    await decided;
    expect(await heard).toEqual({
      proposalId: id,
      ballot: 'blind',
      revealed: true,
      count: 1,
      votes: [{ voter: names.stakeholder, choice: 'for' }],
    });
    expect(fieldValue(t.app.registry.peek(workshopId)?.doc ?? new Y.Doc(), `/proposals/${id}/revealed`)).toBe(true);
    const kinds = (await audit()).filter((e) => e.data.proposalId === id).map((e) => e.kind);
    expect(kinds).toEqual(['proposal.created', 'proposal.voted', 'proposal.revealed', 'proposal.rejected']);
  });

  it('gives a late joiner the ballots as they may see them, with their own votes', async () => {
    const blind = await propose('blind');
    const open = await propose();
    expect(await send(clients.stakeholder, 'proposal:vote', { proposalId: blind, choice: 'against' })).toEqual({
      ok: true,
    });
    expect(await send(clients.sponsor, 'proposal:vote', { proposalId: blind, choice: 'for' })).toEqual({ ok: true });
    expect(await send(clients.sponsor, 'proposal:vote', { proposalId: open, choice: 'against' })).toEqual({ ok: true });
    const late = connectControl(t.url, workshopId, people.sponsor.token);
    const state = await sessionState(late);
    late.disconnect();
    expect(state.ballots.find((b) => b.proposalId === blind)).toEqual({
      proposalId: blind,
      ballot: 'blind',
      revealed: false,
      count: 2,
      votes: null,
    });
    expect(state.ballots.find((b) => b.proposalId === open)).toEqual({
      proposalId: open,
      ballot: 'open',
      revealed: false,
      count: 1,
      votes: [{ voter: names.sponsor, choice: 'against' }],
    });
    expect(state.yourVotes).toEqual(
      expect.arrayContaining([
        { proposalId: blind, choice: 'for' },
        { proposalId: open, choice: 'against' },
      ]),
    );
  });
});
