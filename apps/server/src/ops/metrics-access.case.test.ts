import { ONE_DIALECT } from '@accord/db/test-databases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/test-app.ts';

describe.each(ONE_DIALECT)('/metrics with METRICS_TOKEN on $name', (dialect) => {
  const token = 'scrape-secret-0123456789';
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { metricsToken: token });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers only a scraper that brings the token', async () => {
    const anonymous = await fetch(`${t.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await anonymous.text()).not.toContain('accord_');
    expect((await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    const scraped = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('accord_yjs_connections');
    // Health checks stay open: the balancer and the container runtime carry no token.
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
  });
});
