import { request } from 'node:http';
import { TEST_DIALECTS, type TestDialect } from '@accord/db/test-databases';
import type { SessionResponse, VersionSummary } from '@accord/protocol/api';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type AccordApp } from '../app.ts';
import { testConfig } from '../config.ts';
import { freePort } from '../test/server-process.ts';
import { startBalancer, type Balancer } from '../test/tcp-balancer.ts';
import { scaleOutAvailable, SCALE_OUT_URLS } from '../test/two-nodes.ts';

interface Reply {
  readonly status: number;
  readonly body: Buffer;
}

/** One request on a fresh connection (no keep-alive), so each one is balanced on its own, as browsers' would be. */
function send(port: number, method: string, path: string, token: string, json?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = json === undefined ? undefined : JSON.stringify(json);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          connection: 'close',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe.runIf(scaleOutAvailable())('a rolling restart behind a balancer', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('serves every publish and PDF download while one node restarts: no 5xx, nothing cut', async () => {
    const postgres = TEST_DIALECTS.find((d): d is TestDialect => d.name === 'postgres');
    const prepared = await (postgres as TestDialect).prepare();
    cleanups.push(() => prepared.cleanup());
    const prefix = `accord-roll-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const ports = [await freePort(), await freePort()];
    const start = async (node: number): Promise<AccordApp> => {
      const app = await createApp(
        testConfig({
          port: ports[node],
          redisUrl: SCALE_OUT_URLS.redis,
          redisPrefix: prefix,
          nodeId: `node-${node}`,
          // Long enough for the balancer's /readyz probe (every 50 ms, given 200 ms) to see the drain even on
          // a loaded machine: a shorter drain let a PDF request reach the node as it stopped listening.
          shutdownDrainMs: 1000,
          shutdownGraceMs: 10_000,
        }),
        { database: prepared.options },
      );
      await app.listen();
      return app;
    };
    const nodes = [await start(0), await start(1)];
    cleanups.push(async () => {
      for (const node of nodes) await node.close().catch(() => undefined);
    });
    // Polling /readyz, as the documented deployment's balancer does: a draining node gets no new work.
    const balancer: Balancer = await startBalancer(ports as number[], { readyPath: '/readyz' });
    cleanups.push(() => balancer.close());

    const created = await send(balancer.port, 'POST', '/api/workshops', '', {
      template: 'messaging',
      facilitatorName: 'Fran',
    });
    expect(created.status).toBe(201);
    const session = JSON.parse(created.body.toString()) as SessionResponse;
    const id = session.workshop.id;
    const token = session.token;

    const first = await send(balancer.port, 'POST', `/api/workshops/${id}/versions`, token);
    expect(first.status).toBe(201);
    const v1 = (JSON.parse(first.body.toString()) as VersionSummary).number;

    const statuses: number[] = [];
    const problems: string[] = [];
    let restarting = true;
    let months = 6;
    let rounds = 0;
    // Keep going until the restart is over, and a few rounds after.
    const untilAfterRestart = async (work: () => Promise<void>): Promise<void> => {
      for (let after = 0; after < 3;) {
        if (!restarting) after += 1;
        await work();
      }
    };
    const publisher = untilAfterRestart(async () => {
      const yaml = await send(balancer.port, 'GET', `/api/workshops/${id}/requirements`, token);
      months += 1;
      const changed = await send(balancer.port, 'PUT', `/api/workshops/${id}/requirements`, token, {
        requirementsText: yaml.body.toString().replace(/reviewEveryMonths: \d+/, `reviewEveryMonths: ${months}`),
      });
      const published = await send(balancer.port, 'POST', `/api/workshops/${id}/versions`, token);
      for (const reply of [yaml, changed, published]) statuses.push(reply.status);
      if (published.status !== 201)
        problems.push(`publish answered ${published.status}: ${published.body.toString().slice(0, 200)}`);
      else rounds += 1;
    });
    const downloaders = [1, 2, 3].map(() =>
      untilAfterRestart(async () => {
        const pdf = await send(balancer.port, 'GET', `/api/workshops/${id}/versions/${v1}/document.pdf`, token).catch(
          (error: Error) => ({ status: 0, body: Buffer.from(error.message) }),
        );
        statuses.push(pdf.status);
        if (pdf.status !== 200 || !pdf.body.subarray(-6).toString().includes('%%EOF'))
          problems.push(`PDF: status ${pdf.status}, ${pdf.body.length} bytes`);
      }),
    );

    // Node 0 restarts while it is working on a publish and downloads: drain, stop, come back on the same port
    // (a new process, in production).
    await new Promise<void>((resolve) => {
      const listener = (req: { method?: string; url?: string }): void => {
        if (req.method !== 'POST' || !(req.url ?? '').endsWith('/versions')) return;
        nodes[0]?.server.off('request', listener);
        resolve();
      };
      nodes[0]?.server.on('request', listener);
    });
    await nodes[0]?.close();
    nodes[0] = await start(0);
    restarting = false;
    await Promise.all([publisher, ...downloaders]);

    expect(problems).toEqual([]);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(rounds).toBeGreaterThanOrEqual(3);
    const versions = await send(balancer.port, 'GET', `/api/workshops/${id}/versions`, token);
    expect((JSON.parse(versions.body.toString()) as VersionSummary[]).length).toBe(rounds + 1);
  }, 300_000);
});
