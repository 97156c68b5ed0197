import { scratch } from '../test/scratch-map.ts';
import { TEST_DIALECTS } from '@accord/db/test-databases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startTestApp, type TestApp } from '../test/test-app.ts';
import { connectClient, metricValue, waitFor } from '../test/yjs-client.ts';

describe.each(TEST_DIALECTS)('one node without Redis, on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads an update it never applied from the database once a later one reveals the gap', async () => {
    const workshopId = await t.createWorkshop('blank');
    const client = connectClient(t.yjsUrl, workshopId, (await t.join(workshopId, 'stakeholder')).token);
    await client.synced();
    // Stored under the next number without passing through the room: what a commit reported as failed but
    // actually committed leaves behind.
    const outsider = new Y.Doc();
    Y.applyUpdate(outsider, Y.encodeStateAsUpdate(client.doc));
    const updates: Uint8Array[] = [];
    outsider.on('update', (u: Uint8Array) => updates.push(u));
    scratch(outsider, 'm').set('hidden', 'found');
    await t.app.store.append([{ workshopId, updates }]);
    scratch(client.doc, 'm').set('later', true);
    await client.saved();
    await waitFor(() => scratch(client.doc, 'm').get('hidden') === 'found', 5000, 'the gap filled');
    expect(t.app.registry.peek(workshopId)?.hasGap).toBe(false);
    expect(await metricValue(t.app.metrics.catchUps)).toBeGreaterThan(0);
    client.destroy();
  });
});
