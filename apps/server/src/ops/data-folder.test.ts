import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyMigratedCluster } from '@accord/db/test-databases';
import type { SessionResponse } from '@accord/protocol/api';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient } from '../test/api-client.ts';
import { freePort, startServerProcess, type ServerProcess } from '../test/server-process.ts';

// Embedded only: the lock guards PGlite's folder; PostgreSQL serves many nodes by design.
describe('one owner per embedded data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-owner-'));
  const running: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of running) await server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second server at once naming the first, and restarts after the first is SIGKILLed', async () => {
    await copyMigratedCluster(dataDir);
    const first = await startServerProcess({ DATA_DIR: dataDir, PORT: String(await freePort()) }, 120_000);
    running.push(first);
    const call = apiClient(first.url);
    const created = await call<SessionResponse>('POST', '/api/workshops', {
      body: { template: 'blank', facilitatorName: 'Owner' },
    });
    expect(created.status).toBe(201);

    const refusal = await startServerProcess({ DATA_DIR: dataDir, PORT: String(await freePort()) }, 120_000).then(
      (second) => {
        running.push(second);
        return 'second server started';
      },
      (error: unknown) => (error as Error).message,
    );
    expect(refusal).toContain('server exited with 1 before listening');
    expect(refusal).toContain(
      `Accord cannot start: the data folder ${dataDir} is in use by another Accord process (PID ${first.child.pid} on host ${hostname()}, since 20`,
    );
    // "At once" (no waiting on a timeout) is measured in db/src/data-dir-lock.test.ts; here a process start dominates.
    // The first server is unharmed.
    expect((await call('GET', '/readyz')).status).toBe(200);

    await first.kill();
    const restarted = await startServerProcess({ DATA_DIR: dataDir, PORT: String(await freePort()) }, 120_000);
    running.push(restarted);
    const again = await apiClient(restarted.url)<{ workshop: { id: string } }>(
      'GET',
      `/api/workshops/${created.body.workshop.id}`,
      { token: created.body.token },
    );
    expect(again.status).toBe(200);
    expect(again.body.workshop.id).toBe(created.body.workshop.id);
    await restarted.stop();
    expect(restarted.child.exitCode).toBe(0);
  }, 180_000);
});
