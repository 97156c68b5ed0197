import { TEST_DIALECTS } from '@accord/db/test-databases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectControl, next, send, sessionState, type ControlClient } from '../test/control-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';

// Steering logic, not storage: the embedded database is enough.
const dialect = TEST_DIALECTS[0];

describe.runIf(dialect)('a countdown belongs to its phase', () => {
  let t: TestApp;
  let workshopId: string;
  let facilitator: ControlClient;
  let stakeholder: ControlClient;

  beforeAll(async () => {
    if (!dialect) return;
    t = await startTestApp(dialect);
    workshopId = await t.createWorkshop('blank');
    const connect = async (role: 'facilitator' | 'stakeholder') => {
      const client = connectControl(t.url, workshopId, (await t.join(workshopId, role)).token);
      await sessionState(client);
      return client;
    };
    facilitator = await connect('facilitator');
    stakeholder = await connect('stakeholder');
  });
  afterAll(async () => {
    facilitator?.disconnect();
    stakeholder?.disconnect();
    await t?.close();
  });

  it('stops when the facilitator moves the room, for everyone and for late joiners', async () => {
    const started = next(stakeholder, 'timer');
    expect(await send(facilitator, 'timer:start', { durationSeconds: 300 })).toEqual({ ok: true });
    expect((await started).endsAtMs).not.toBeNull();
    const stopped = next(stakeholder, 'timer');
    expect(await send(facilitator, 'phase:set', { phase: 'availability' })).toEqual({ ok: true });
    expect(await stopped).toMatchObject({ endsAtMs: null, durationSeconds: 0 });
    const late = connectControl(t.url, workshopId, (await t.join(workshopId, 'observer')).token);
    const state = await sessionState(late);
    late.disconnect();
    expect(state).toMatchObject({ phase: 'availability', timer: { endsAtMs: null } });
  });

  it('keeps running when the phase is set to the one it is in', async () => {
    expect(await send(facilitator, 'timer:start', { durationSeconds: 300 })).toEqual({ ok: true });
    expect(await send(facilitator, 'phase:set', { phase: 'availability' })).toEqual({ ok: true });
    const late = connectControl(t.url, workshopId, (await t.join(workshopId, 'observer')).token);
    const state = await sessionState(late);
    late.disconnect();
    expect(state.timer.endsAtMs).toBeGreaterThan(Date.now() + 290_000);
  });
});
