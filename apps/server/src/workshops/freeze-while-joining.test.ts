import { ONE_DIALECT } from '@accord/db/test-databases';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiClient } from '../test/api-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';
import { rawSocket } from '../test/yjs-client.ts';
import { ROOM_FREEZE_CLOSE } from './room-freeze.ts';

/** The freeze's race with a writer whose connection is still loading; storage plays no part: one dialect. */
describe.each(ONE_DIALECT)('freezing while a writer joins, on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t.close();
  });

  it('sends a writer that joined during a freeze back to reconnect, instead of leaving it writable', async () => {
    const workshopId = await t.createWorkshop('blank');
    const facilitator = (await t.join(workshopId, 'facilitator')).token;
    const { token } = await t.join(workshopId, 'stakeholder');
    // The room's load waits until the freeze is made: the connection read "not frozen" before it.
    let loadStarted = (): void => undefined;
    const started = new Promise<void>((resolve) => (loadStarted = resolve));
    let finishLoad = (): void => undefined;
    const gate = new Promise<void>((resolve) => (finishLoad = resolve));
    const acquire = t.app.registry.acquire.bind(t.app.registry);
    vi.spyOn(t.app.registry, 'acquire').mockImplementation(async (id: string) => {
      loadStarted();
      await gate;
      return acquire(id);
    });
    const writer = rawSocket(t.yjsUrl, workshopId, token);
    await writer.opened;
    await started;
    const call = apiClient(t.url);
    expect(
      (await call('PUT', `/api/workshops/${workshopId}/freeze`, { token: facilitator, body: { frozen: true } })).status,
    ).toBe(200);
    finishLoad();
    expect((await writer.closed).code).toBe(ROOM_FREEZE_CLOSE.code);
  });
});
