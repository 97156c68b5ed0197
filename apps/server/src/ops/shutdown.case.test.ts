import type { Socket } from 'node:net';
import { ONE_DIALECT } from '@accord/db/test-databases';
import { afterEach, describe, expect, it } from 'vitest';
import { frozenWebsocket } from '../test/frozen-websocket.ts';
import { startTestApp } from '../test/test-app.ts';

const open: Socket[] = [];
afterEach(() => {
  for (const socket of open.splice(0)) socket.destroy();
});

describe.each(ONE_DIALECT)('shutdown on $name', (dialect) => {
  it("cuts a socket.io client that never answers its close frame after the grace, not ws's 30 s", async () => {
    const t = await startTestApp(dialect, { shutdownGraceMs: 300 });
    const frozen = await frozenWebsocket(t.url, '/socket.io/?EIO=4&transport=websocket');
    open.push(frozen);
    const closedByServer = new Promise<void>((resolve) => frozen.once('close', () => resolve()));
    const started = performance.now();
    await t.close();
    const ms = performance.now() - started;
    await closedByServer;
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(3_000);
  }, 120_000);

  it('closes promptly when every client answers', async () => {
    const t = await startTestApp(dialect, { shutdownGraceMs: 5_000 });
    const started = performance.now();
    await t.close();
    expect(performance.now() - started).toBeLessThan(5_000);
  }, 120_000);
});
