import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DIALECTS } from '@accord/db/test-databases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../apps/server/src/test/test-app.ts';
import { main } from './main.ts';

/** The verify commands against a real Accord server on loopback (the embedded database). */
describe('accord verify and accord audit verify', () => {
  let t: TestApp;
  let dir = '';
  let workshopId = '';
  let token = '';
  let json = '';

  const run = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const code = await main(argv, {
      stdout: (text) => {
        out += text;
      },
      stderr: (text) => {
        err += text;
      },
    });
    return { code, out, err };
  };

  beforeAll(async () => {
    t = await startTestApp(TEST_DIALECTS[0]!);
    dir = await mkdtemp(join(tmpdir(), 'accord-cli-verify-'));
    const created = (await (
      await fetch(`${t.url}/api/workshops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ template: 'messaging', facilitatorName: 'Fran' }),
      })
    ).json()) as { workshop: { id: string }; token: string };
    workshopId = created.workshop.id;
    token = created.token;
    const auth = { authorization: `Bearer ${token}` };
    await fetch(`${t.url}/api/workshops/${workshopId}/versions`, { method: 'POST', headers: auth });
    json = await (
      await fetch(`${t.url}/api/workshops/${workshopId}/versions/1/document.json`, { headers: auth })
    ).text();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('says a downloaded version is unchanged, and a changed one is no version (exit 1)', async () => {
    const file = join(dir, 'v1.json');
    await writeFile(file, json);
    const good = await run('verify', file, '--server', t.url);
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/v1\.json: unchanged: version 1 of ".*", not signed by anyone yet/);
    const edited = join(dir, 'v1-edited.json');
    await writeFile(edited, json.replace('"formatVersion":1', '"formatVersion":2'));
    const bad = await run('verify', edited, '--server', t.url, '--workshop', workshopId, '--token', token);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/not a version of this workshop/);
  }, 60_000);

  it('checks the audit chain, and refuses an incomplete command line with exit 2', async () => {
    const chain = await run('audit', 'verify', '--server', t.url, '--workshop', workshopId, '--token', token);
    expect(chain.code).toBe(0);
    expect(chain.out).toMatch(/^audit trail whole: \d+ entries, head [0-9a-f]{64}/);
    expect((await run('verify', 'x.pdf')).code).toBe(2);
    expect((await run('audit', 'verify', '--server', t.url)).err).toMatch(/needs --workshop and --token/);
  }, 60_000);
});
