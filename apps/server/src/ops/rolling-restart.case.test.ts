import { TEST_DIALECTS } from '@accord/db/test-databases';
import type { SessionResponse, VersionSummary } from '@accord/protocol/api';
import { describe, expect, it } from 'vitest';
import { apiClient } from '../test/api-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';

/** A workshop with a facilitator session and a way to make a publishable change. */
async function workshop(t: TestApp) {
  const call = apiClient(t.url);
  const created = await call<SessionResponse>('POST', '/api/workshops', {
    body: { template: 'messaging', facilitatorName: 'Fran' },
  });
  const id = created.body.workshop.id;
  const token = created.body.token;
  let months = 6;
  return {
    id,
    token,
    call,
    change: async () => {
      const yaml = await call<string>('GET', `/api/workshops/${id}/requirements`, { token });
      months += 1;
      const response = await call('PUT', `/api/workshops/${id}/requirements`, {
        token,
        body: { requirementsText: yaml.body.replace(/reviewEveryMonths: \d+/, `reviewEveryMonths: ${months}`) },
      });
      expect(response.status).toBe(200);
    },
    publish: () => call<VersionSummary>('POST', `/api/workshops/${id}/versions`, { token }),
  };
}

/** Resolves once the server has received a request whose path ends with `suffix`. */
function received(t: TestApp, suffix: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = (request: { url?: string }): void => {
      if (!(request.url ?? '').split('?')[0]?.endsWith(suffix)) return;
      t.app.server.off('request', listener);
      resolve();
    };
    t.app.server.on('request', listener);
  });
}

describe.each(TEST_DIALECTS)('graceful stop for rolling restarts on $name', (dialect) => {
  it('answers 503 on /readyz for the drain period while still serving everything else', async () => {
    const t = await startTestApp(dialect, { shutdownDrainMs: 1_500 });
    const w = await workshop(t);
    await w.change();
    const closing = t.close();
    expect((await w.call('GET', '/readyz')).status).toBe(503);
    expect((await w.call('GET', '/healthz')).status).toBe(200);
    const published = await w.publish();
    expect(published.status).toBe(201);
    const pdf = await fetch(`${t.url}/api/workshops/${w.id}/versions/${published.body.number}/document.pdf`, {
      headers: { authorization: `Bearer ${w.token}` },
    });
    expect(pdf.status).toBe(200);
    await closing;
    await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();
  }, 180_000);

  it('lets a PDF download and a publish in flight finish before closing the database', async () => {
    const t = await startTestApp(dialect, { shutdownGraceMs: 10_000 });
    const w = await workshop(t);
    const v1 = await w.publish();
    expect(v1.status).toBe(201);
    await w.change();
    const pdfSeen = received(t, '/document.pdf');
    const publishSeen = received(t, '/versions');
    const pdf = fetch(`${t.url}/api/workshops/${w.id}/versions/${v1.body.number}/document.pdf`, {
      headers: { authorization: `Bearer ${w.token}` },
    });
    const publish = w.publish();
    await Promise.all([pdfSeen, publishSeen]);
    const closing = t.close();

    const pdfResponse = await pdf;
    expect(pdfResponse.status).toBe(200);
    const bytes = Buffer.from(await pdfResponse.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.subarray(-6).toString()).toContain('%%EOF');
    const published = await publish;
    expect(published.status).toBe(201);
    expect(published.body.number).toBe(v1.body.number + 1);
    await closing;
  }, 180_000);
});
