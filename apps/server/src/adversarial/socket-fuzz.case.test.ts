import { ONE_DIALECT } from '@accord/db/test-databases';
import { clientPayloads, type ClientEventName } from '@accord/protocol/events';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectControl, send, sessionState, type ControlClient } from '../test/control-client.ts';
import { stateSnapshot } from '../test/state-snapshot.ts';
import { FUZZ } from '../test/fuzz-counts.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';

const RUNS = FUZZ.events;

const VALID: Readonly<Record<ClientEventName, Record<string, unknown>>> = {
  'phase:set': { phase: 'review' },
  'timer:start': { durationSeconds: 60 },
  'timer:stop': {},
  'proposal:create': { field: '/functions/webmail/availability/targetPercent', value: 99.5, reason: 'r' },
  'proposal:vote': { proposalId: 'webmail-9995', choice: 'for' },
  'proposal:withdraw': { proposalId: 'webmail-9995' },
  'proposal:decide': { proposalId: 'webmail-9995', outcome: 'rejected', note: '' },
  'proposal:ballot': { proposalId: 'webmail-9995', ballot: 'blind' },
  'proposal:reveal': { proposalId: 'webmail-9995' },
};

function bent(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.anything(),
    fc.jsonValue(),
    ...(keys.length > 0
      ? [
          fc.tuple(fc.constantFrom(...keys), fc.anything()).map(([key, value]) => ({ ...valid, [key]: value })),
          fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
        ]
      : []),
    fc.tuple(fc.string({ maxLength: 10 }), fc.jsonValue()).map(([key, value]) => ({ ...valid, [`x${key}`]: value })),
  );
}

describe.each(ONE_DIALECT)('fuzzing the socket.io events on $name', (dialect) => {
  let t: TestApp;
  let workshopId = '';
  let facilitator: ControlClient;
  let events = 0;

  const docState = (): string => {
    const room = t.app.registry.peek(workshopId);
    return room ? Buffer.from(Y.encodeStateVector(room.doc)).toString('hex') : 'unloaded';
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { eventsPerTenSeconds: 100_000 });
    workshopId = await t.createWorkshop('messaging');
    facilitator = connectControl(t.url, workshopId, (await t.join(workshopId, 'facilitator')).token);
    await sessionState(facilitator);
    await t.app.registry.acquire(workshopId);
  });
  afterAll(async () => {
    console.info(`[socket fuzz ${dialect.name}] ${events} events`);
    facilitator.disconnect();
    await t.close();
  });

  it.each(Object.keys(clientPayloads) as ClientEventName[])(
    'refuses bent %s payloads with an ack and changes nothing',
    async (event) => {
      await fc.assert(
        fc.asyncProperty(bent(VALID[event]), async (payload) => {
          if (clientPayloads[event].safeParse(payload).success) return;
          const before = [await stateSnapshot(t.app), docState()];
          const ack = await send(facilitator, event, payload);
          events += 1;
          expect(ack).toMatchObject({ ok: false, code: 'invalid_payload' });
          expect([await stateSnapshot(t.app), docState()]).toEqual(before);
        }),
        { numRuns: RUNS, seed: 77 },
      );
    },
  );

  it('ignores unknown events and events without an acknowledgement, and keeps the connection', async () => {
    const raw = facilitator as unknown as { emit(event: string, ...args: unknown[]): void };
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 30 }), fc.anything(), async (name, payload) => {
        raw.emit(name.length > 0 ? name : 'x', payload);
        raw.emit('phase:set', payload);
        events += 2;
      }),
      { numRuns: RUNS, seed: 78 },
    );
    expect(await send(facilitator, 'timer:stop', {})).toEqual({ ok: true });
    expect(facilitator.connected).toBe(true);
  });
});
