import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { frozenWebsocket } from '../test/frozen-websocket.ts';
import { freePort } from '../test/server-process.ts';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const read = (path: string): string => readFileSync(join(REPO, path), 'utf8');

interface Stage {
  readonly from: string;
  readonly lines: string[];
}

/** The Dockerfile's stages, with line continuations joined. */
function stages(): Stage[] {
  const text = read('Dockerfile').replace(/\\\n\s*/g, ' ');
  const args = Object.fromEntries([...text.matchAll(/^ARG (\w+)=(\S+)/gm)].map((m) => [m[1], m[2]]));
  const result: Stage[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const from = /^FROM (\S+)/.exec(line);
    if (from)
      result.push({ from: (from[1] ?? '').replace(/\$\{(\w+)\}/g, (_, name: string) => args[name] ?? ''), lines: [] });
    else result.at(-1)?.lines.push(line);
  }
  return result;
}

function instruction(stage: Stage, name: string): string[] {
  return stage.lines.filter((l) => l.startsWith(`${name} `)).map((l) => l.slice(name.length + 1));
}

const runtime = (): Stage => stages().at(-1) as Stage;
const cmd = (): string[] => JSON.parse(instruction(runtime(), 'CMD').at(-1) ?? '[]') as string[];

describe('the container image', () => {
  it('starts the server as node under tini, never through a package manager or tsx', () => {
    const command = cmd();
    expect(command[0]).toBe('node');
    for (const word of command) expect(word).not.toMatch(/^(npm|npx|yarn|pnpm|tsx|sh|bash)$/);
    expect(command[1]).toBe('apps/server/dist/server.mjs');
    expect(JSON.parse(instruction(runtime(), 'ENTRYPOINT').at(-1) ?? '[]')).toEqual(['/usr/bin/tini', '--']);
  });

  it('is multi-stage on a current LTS Node, with production dependencies only, as a non-root user', () => {
    const all = stages();
    expect(all.length).toBeGreaterThanOrEqual(2);
    const major = Number(/^node:(\d+)/.exec(runtime().from)?.[1]);
    // Even majors are the LTS lines; kysely needs 22 or newer.
    expect(major % 2).toBe(0);
    expect(major).toBeGreaterThanOrEqual(22);
    const text = read('Dockerfile');
    expect(text).toMatch(/npm ci --omit=dev/);
    expect(instruction(runtime(), 'USER')).toEqual(['node']);
    expect(instruction(runtime(), 'ENV').join(' ')).toMatch(/HOST=0\.0\.0\.0/);
    expect(instruction(runtime(), 'ENV').join(' ')).toMatch(/DATA_DIR=\/data/);
    expect(instruction(runtime(), 'VOLUME')).toEqual(['["/data"]']);
    expect(instruction(runtime(), 'HEALTHCHECK').join(' ')).toContain('/readyz');
    // Dependencies are installed from the manifests before the sources are copied (a cached layer).
    const build = all.find((s) => s.lines.some((l) => l.startsWith('COPY . .')));
    expect(build).toBeDefined();
  });

  it('keeps data folders, test results, node_modules and build output out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const pattern of ['**/node_modules', '**/dist', '**/data', '**/test-results', '**/.turbo', '.git'])
      expect(ignored).toContain(pattern);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, Record<string, unknown>> };

  it('starts the balancer only once the nodes are healthy, and restarts everything', () => {
    const { services } = compose;
    expect(services.balancer?.depends_on).toEqual({
      'node-a': { condition: 'service_healthy' },
      'node-b': { condition: 'service_healthy' },
    });
    for (const [name, service] of Object.entries(services))
      expect([name, service.restart]).toEqual([name, 'unless-stopped']);
    for (const node of ['node-a', 'node-b']) {
      expect(JSON.stringify(services[node]?.healthcheck)).toContain('/readyz');
      // Only the balancer is published: /metrics and /admin are reachable inside the compose network only.
      expect(services[node]?.ports).toBeUndefined();
    }
    expect(
      Object.entries(services)
        .filter(([, s]) => s.ports !== undefined)
        .map(([n]) => n),
    ).toEqual(['balancer']);
  });

  it('hides /metrics and /admin/ at the public port, passes the forwarded protocol on, and re-resolves nodes', () => {
    const nginx = read('deploy/nginx.conf');
    expect(nginx).toMatch(/location = \/metrics \{ return 404; \}/);
    expect(nginx).toMatch(/location \/admin\/ \{ return 404; \}/);
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-Proto \$forwarded_proto;/);
    expect(nginx).toMatch(/''\s+\$scheme;/);
    expect(nginx).toMatch(/resolver 127\.0\.0\.11 valid=5s/);
    expect(nginx).toMatch(/proxy_pass http:\/\/\$accord_node:3000;/);
    expect(nginx).not.toMatch(/^\s*upstream /m);
  });

  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));
  // Outside CI a machine without nginx skips this; CI installs nginx-light (.ci/run) and must run it.
  it.skipIf(!nginx && !process.env.CI)('passes `nginx -t` as written', () => {
    expect(nginx, 'nginx is not installed (CI installs nginx-light)').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'accord-nginx-'));
    try {
      const output = execFileSync(
        nginx as string,
        [
          '-t',
          '-p',
          dir,
          '-e',
          join(dir, 'error.log'),
          '-c',
          join(REPO, 'deploy/nginx.conf'),
          '-g',
          `pid ${join(dir, 'nginx.pid')};`,
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(output).toBe('');
    } catch (error) {
      throw new Error(`nginx -t failed:\n${(error as { stderr?: string }).stderr ?? String(error)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the server started exactly as the image starts it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-image-'));
  beforeAll(async () => {
    // The image's build stage runs the server's build; do the same so the command below finds its file.
    await new Promise<void>((resolve, reject) => {
      execFile(process.execPath, [join(REPO, 'apps/server/scripts/build.mjs')], (error) =>
        error ? reject(error) : resolve(),
      );
    });
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loads the renderers and PDFKit with the first document, not at start', () => {
    const dist = join(REPO, 'apps/server/dist');
    const importsPdfKit = (file: string): boolean => /from\s*["']pdfkit["']/.test(readFileSync(file, 'utf8'));
    expect(importsPdfKit(join(dist, 'server.mjs'))).toBe(false);
    // The embedded database's thread is found beside the code that starts it: that code must stay in the entry.
    expect(readFileSync(join(dist, 'server.mjs'), 'utf8')).toContain('pglite-worker.mjs');
    const chunks = readdirSync(join(dist, 'chunks')).filter((name) => name.endsWith('.mjs'));
    expect(chunks.some((name) => importsPdfKit(join(dist, 'chunks', name)))).toBe(true);
  });

  it('drains on SIGTERM and exits 0 within the grace period', async () => {
    const [program, ...args] = cmd();
    expect(program).toBe('node');
    const env = Object.fromEntries(
      instruction(runtime(), 'ENV')
        .join(' ')
        .split(/\s+/)
        .map((pair) => pair.split('=')),
    );
    const port = await freePort();
    // WORKDIR /app is the repository root; loopback instead of 0.0.0.0, a temporary folder instead of /data.
    const child = spawn(process.execPath, args, {
      cwd: REPO,
      env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    let gone = false;
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        gone = true;
        resolve(code);
      }),
    );
    for (let i = 0; i < 900 && !gone && !output.includes('Accord is running at'); i++)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(output).toContain(`Accord is running at http://localhost:${port}`);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    // One live socket.io websocket that will never answer its close frame, like a frozen tab.
    const frozen = await frozenWebsocket(`http://127.0.0.1:${port}`, '/socket.io/?EIO=4&transport=websocket');
    const cut = new Promise<void>((resolve) => frozen.once('close', () => resolve()));

    const signalled = performance.now();
    child.kill('SIGTERM');
    const code = await exited;
    const ms = performance.now() - signalled;
    await cut;
    frozen.destroy();
    expect(code).toBe(0);
    expect(output).toMatch(/"signal":"SIGTERM","msg":"shutting down"/);
    expect(output).toMatch(/"msg":"shut down"/);
    // The default grace (2 s) plus the flush; docker's default stop timeout is 10 s.
    expect(ms).toBeLessThan(8_000);
    expect(existsSync(join(dataDir, 'accord.lock'))).toBe(false);
  }, 240_000);
});
