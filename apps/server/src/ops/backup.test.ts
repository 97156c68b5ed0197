import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyMigratedCluster } from '@accord/db/test-databases';
import type { SessionResponse, VersionSummary } from '@accord/protocol/api';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient } from '../test/api-client.ts';
import { freePort, serverBuild, startServerProcess, type ServerProcess } from '../test/server-process.ts';

/** The CLI as the image ships it (`node apps/server/dist/accord.mjs`), from this run's build of the server. */
const ACCORD = join(serverBuild(), 'accord.mjs');

/** Runs the `accord` CLI as an administrator would; DATABASE_URL is cleared so DATA_DIR is what counts. */
function accord(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [ACCORD, ...args],
      { env: { ...process.env, DATABASE_URL: '' }, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

// Embedded only: PostgreSQL is backed up with pg_dump (docs/operations.md).
describe('accord backup and restore of the embedded database', () => {
  const root = mkdtempSync(join(tmpdir(), 'accord-backup-'));
  const live = join(root, 'live');
  const restored = join(root, 'restored');
  const archive = join(root, 'accord.tar.gz');
  const running: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of running) await server.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it('snapshots a running server and restores workshops, versions and signatures into a fresh folder', async () => {
    await copyMigratedCluster(live);
    const server = await startServerProcess({ DATA_DIR: live, PORT: String(await freePort()) }, 120_000);
    running.push(server);
    const call = apiClient(server.url);
    const created = await call<SessionResponse>('POST', '/api/workshops', {
      body: { template: 'messaging', facilitatorName: 'Fran' },
    });
    const workshopId = created.body.workshop.id;
    const facilitator = created.body.token;
    // Sponsors are named seats, each joined through its own invite.
    const join = async (name: string): Promise<string> => {
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`;
      const seat = await call<{ link: string }>('POST', `/api/workshops/${workshopId}/seats`, {
        token: facilitator,
        body: { name, email },
      });
      return (
        await call<SessionResponse>('POST', '/api/join', {
          body: { invite: seat.body.link.replace('/join/', ''), name },
        })
      ).body.token;
    };
    const [vogt, brandt] = [await join('Karin Vogt'), await join('Markus Brandt')];
    const sign = (token: string, v: VersionSummary) =>
      call('POST', `/api/workshops/${workshopId}/versions/${v.number}/signatures`, {
        token,
        body: { hash: v.hash, decision: 'signed' },
      });
    const v1 = (await call<VersionSummary>('POST', `/api/workshops/${workshopId}/versions`, { token: facilitator }))
      .body;
    expect((await sign(vogt, v1)).status).toBe(201);
    expect((await sign(brandt, v1)).status).toBe(201);
    const yaml = await call<string>('GET', `/api/workshops/${workshopId}/requirements`, { token: facilitator });
    await call('PUT', `/api/workshops/${workshopId}/requirements`, {
      token: facilitator,
      body: { requirementsText: yaml.body.replace(/reviewEveryMonths: \d+/, 'reviewEveryMonths: 6') },
    });
    const v2 = (await call<VersionSummary>('POST', `/api/workshops/${workshopId}/versions`, { token: facilitator }))
      .body;
    expect((await sign(vogt, v2)).status).toBe(201);
    const before = (
      await call<VersionSummary[]>('GET', `/api/workshops/${workshopId}/versions`, { token: facilitator })
    ).body;
    expect(before.map((v) => v.hash)).toEqual([v1.hash, v2.hash]);

    // Without the lock's secret the server hands out nothing.
    expect((await call('GET', '/admin/backup')).status).toBe(401);
    expect((await call('GET', '/admin/backup', { token: 'guess' })).status).toBe(401);

    const backup = await accord(['backup', '--out', archive, '--data-dir', live]);
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(
      new RegExp(`backup of ${live} taken from the running server \\(PID ${server.child.pid}\\)`),
    );
    expect(backup.code).toBe(0);
    // The server kept serving through the backup.
    expect((await call('GET', '/readyz')).status).toBe(200);
    expect((await accord(['backup', '--out', archive, '--data-dir', live])).stderr).toMatch(/exists already/);

    const restore = await accord(['restore', archive, '--data-dir', restored]);
    expect(restore.stderr).toBe('');
    expect(restore.stdout).toContain(`into ${restored}: 1 workshops, 2 versions, 3 signatures`);
    const again = await accord(['restore', archive, '--data-dir', restored]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty; restore into a new folder/);

    const copy = await startServerProcess({ DATA_DIR: restored, PORT: String(await freePort()) }, 120_000);
    running.push(copy);
    const call2 = apiClient(copy.url);
    const after = (
      await call2<VersionSummary[]>('GET', `/api/workshops/${workshopId}/versions`, { token: facilitator })
    ).body;
    expect(after.map((v) => [v.number, v.hash, v.approved, v.sponsors.map((s) => s.status)])).toEqual(
      before.map((v) => [v.number, v.hash, v.approved, v.sponsors.map((s) => s.status)]),
    );
    const document = await call2<unknown>('GET', `/api/workshops/${workshopId}/versions/${v2.number}/document.json`, {
      token: facilitator,
    });
    const text = typeof document.body === 'string' ? document.body : JSON.stringify(document.body);
    expect(createHash('sha256').update(text).digest('hex')).toBe(v2.hash);
    const requirements = await call2<string>('GET', `/api/workshops/${workshopId}/requirements`, {
      token: facilitator,
    });
    expect(requirements.body).toContain('reviewEveryMonths: 6');
  }, 300_000);

  it('refuses what is not a backup, and a folder with no database, with a clear message', async () => {
    const junk = join(root, 'junk.tar.gz');
    writeFileSync(junk, 'hello');
    const restore = await accord(['restore', junk, '--data-dir', join(root, 'never')]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/not an Accord backup/);
    const empty = mkdtempSync(join(root, 'empty-'));
    const backup = await accord(['backup', '--out', join(root, 'x.tar.gz'), '--data-dir', empty]);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toMatch(/holds no Accord database/);
    expect(readdirSync(empty)).toEqual([]);
    expect((await accord(['backup'])).code).toBe(2);
  }, 120_000);
});
