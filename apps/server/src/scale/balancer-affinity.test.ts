import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../test/server-process.ts';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));

/** A backend that answers every request with its own name. */
function backend(name: string, port: number): Promise<Server> {
  const server = createServer((_request, response) => response.end(name));
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/**
 * The shipped deploy/nginx.conf, run by a real nginx with only its addresses changed (the compose names and
 * Docker's resolver become two loopback backends): which node each request reaches.
 */
describe.skipIf(!NGINX && !process.env.CI)('the shipped balancer configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'accord-balancer-'));
  let nginx: ChildProcess | undefined;
  const servers: Server[] = [];
  let base = '';

  beforeAll(async () => {
    const [a, b, front] = [await freePort(), await freePort(), await freePort()];
    servers.push(await backend('node-a', a), await backend('node-b', b));
    const conf = readFileSync(join(REPO, 'deploy/nginx.conf'), 'utf8')
      .replace(/resolver 127\.0\.0\.11[^;]*;/, '')
      .replace('listen 80;', `listen 127.0.0.1:${front};`)
      .replaceAll(':3000;', ';')
      .replace(/node-a\s+node-b;/, `127.0.0.1:${a} 127.0.0.1:${b};`)
      .replace(/\bnode-a;/g, `127.0.0.1:${a};`)
      .replace(/\bnode-b;/g, `127.0.0.1:${b};`);
    expect(conf).toContain(`127.0.0.1:${a}`);
    writeFileSync(join(dir, 'nginx.conf'), conf);
    nginx = spawn(
      NGINX as string,
      [
        '-p',
        dir,
        '-e',
        join(dir, 'error.log'),
        '-c',
        join(dir, 'nginx.conf'),
        '-g',
        `daemon off; pid ${join(dir, 'nginx.pid')};`,
      ],
      { stdio: 'ignore' },
    );
    base = `http://127.0.0.1:${front}`;
    const started = Date.now();
    for (;;) {
      try {
        await fetch(`${base}/`);
        break;
      } catch (error) {
        if (Date.now() - started > 10_000) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }, 20_000);

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  });

  const nodeFor = async (path: string): Promise<string> => (await fetch(`${base}${path}`)).text();

  it(
    'sends every request of one workshop to one node, and spreads workshops over both',
    { timeout: 20_000 },
    async () => {
      const reached = new Map<string, Set<string>>();
      for (let i = 0; i < 24; i += 1) {
        const id = `w${i}x${(i * 7919).toString(36)}`;
        const nodes = new Set([
          await nodeFor(`/yjs/${id}`),
          await nodeFor(`/api/workshops/${id}/versions`),
          await nodeFor(`/api/workshops/${id}`),
          await nodeFor(`/socket.io/?EIO=4&transport=polling&workshop=${id}`),
        ]);
        reached.set(id, nodes);
      }
      // One node per workshop, whatever the door; the same client address reaches both nodes across workshops.
      for (const [id, nodes] of reached) expect(nodes.size, id).toBe(1);
      const used = new Set([...reached.values()].flatMap((nodes) => [...nodes]));
      expect(used).toEqual(new Set(['node-a', 'node-b']));
    },
  );

  it('sends a request of a workshop to the other node when its own is down', { timeout: 20_000 }, async () => {
    let id = '';
    for (let i = 0; ; i += 1) {
      id = `down${i}`;
      if ((await nodeFor(`/yjs/${id}`)) === 'node-a') break;
    }
    await new Promise((resolve) => servers[0]?.close(resolve));
    expect(await nodeFor(`/api/workshops/${id}/versions`)).toBe('node-b');
  });
});
