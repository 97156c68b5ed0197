import { connect, type Socket } from 'node:net';
import { TEST_DIALECTS } from '@accord/db/test-databases';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp } from '../test/test-app.ts';

/** A websocket client that completes the upgrade and then never answers anything (a frozen tab: its TCP stack still reads). */
function frozenWebsocket(url: string, path: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    });
    socket.once('data', (chunk: Buffer) => {
      if (!chunk.toString().startsWith('HTTP/1.1 101')) reject(new Error(`no upgrade: ${chunk.toString().split('\r\n')[0]}`));
      socket.on('data', () => undefined);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

const open: Socket[] = [];
afterEach(() => { for (const socket of open.splice(0)) socket.destroy(); });

describe.each(TEST_DIALECTS)('shutdown on $name', (dialect) => {
  it('cuts a socket.io client that never answers its close frame after the grace, not ws\'s 30 s', async () => {
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
    expect(performance.now() - started).toBeLessThan(2_000);
  }, 120_000);
});
