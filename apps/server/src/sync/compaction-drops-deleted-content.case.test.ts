import { scratchText } from '../test/scratch-map.ts';
import { TEST_DIALECTS } from '@accord/db/test-databases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiError } from '../test/api-client.ts';
import { startSiblingApp, startTestApp, type TestApp } from '../test/test-app.ts';
import { connectClient, waitForAsync } from '../test/yjs-client.ts';

describe.each(TEST_DIALECTS)('compaction on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { compactAfterUpdates: 10, maxDocBytes: 400_000 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('drops deleted content, so pasting and deleting a large block never fills the workshop', async () => {
    const workshopId = await t.createWorkshop('blank');
    const client = connectClient(t.yjsUrl, workshopId, (await t.join(workshopId, 'stakeholder')).token);
    await client.synced();
    const text = scratchText(client.doc, 'scratch');
    for (let round = 0; round < 12; round += 1) {
      text.insert(0, 'x'.repeat(50_000));
      await client.saved();
      text.delete(0, text.length);
      await client.saved();
    }
    // 600 kB were pasted over time; a workshop limited to 400 kB still takes edits after compaction.
    await waitForAsync(async () => (await t.app.store.load(workshopId)).tail.length < 10, 5000, 'compaction');
    await t.app.store.compact(workshopId);
    const stored = await t.app.store.load(workshopId);
    expect(stored.tail).toEqual([]);
    expect(stored.snapshot?.state.byteLength ?? 0).toBeLessThan(5_000);
    text.insert(0, 'still editable');
    await client.saved();
    client.destroy();
  });

  it('answers an import that would overfill the document with 413, not 500', async () => {
    const small = await startSiblingApp(t, { maxDocBytes: 40_000, compactAfterUpdates: 1000 });
    try {
      const call = apiClient(small.url);
      const created = await call<{ token: string; workshop: { id: string } }>('POST', '/api/workshops', {
        body: { template: 'messaging', facilitatorName: 'F' },
      });
      const { token } = created.body;
      const path = `/api/workshops/${created.body.workshop.id}/requirements`;
      const yaml = await call<string>('GET', path, { token });
      const statuses: number[] = [];
      let last: ApiError | undefined;
      for (let i = 0; i < 4; i += 1) {
        const response = await call<ApiError>('PUT', path, { token, body: { requirementsText: yaml.body } });
        statuses.push(response.status);
        if (response.status !== 200) last = response.body;
      }
      expect(statuses).toContain(413);
      expect(statuses).not.toContain(500);
      expect(last?.error.code).toBe('document_too_large');
    } finally {
      await small.close();
    }
  });
});
