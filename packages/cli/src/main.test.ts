import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; } });
  return { code, out, err };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'accord-cli-'));
  await writeFile(join(dir, 'ok.yaml'), 'formatVersion: 1\nmeta:\n  title: T\n  service: Mail\n  timeZone: Europe/Berlin\n');
  await writeFile(join(dir, 'bad.yaml'), 'formatVersion: 1\nmeta:\n  title: T\n  service: Mail\n  timeZone: Mars/Base\nfunctions:\n  - id: Bad Id\n    name: x\n');
  await writeFile(join(dir, 'broken.yaml'), 'formatVersion: [1\n');
});

describe('accord validate', () => {
  it('accepts a valid file', async () => {
    const result = await run('validate', join(dir, 'ok.yaml'));
    expect(result.code).toBe(0);
    expect(result.out).toContain('valid requirements file (format 1)');
  });

  it('names the path and the problem of each error and exits 1', async () => {
    const result = await run('validate', join(dir, 'bad.yaml'));
    expect(result.code).toBe(1);
    expect(result.err).toContain('meta.timeZone: must be an IANA time zone');
    expect(result.err).toContain('functions[0].id: must be 1–48 lowercase letters');
  });

  it('reports a syntax error without a stack trace', async () => {
    const result = await run('validate', join(dir, 'broken.yaml'));
    expect(result.code).toBe(1);
    expect(result.err).toContain('cannot parse the file');
    expect(result.err).not.toContain('    at ');
  });

  it('says when the file does not exist', async () => {
    const result = await run('validate', join(dir, 'missing.yaml'));
    expect(result.code).toBe(2);
    expect(result.err).toContain('no such file');
  });
});

describe('accord command line', () => {
  it('rejects unknown commands and options with usage', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    const unknown = await run('validate', 'x', '--colour', 'red');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown option --colour');
  });
});
