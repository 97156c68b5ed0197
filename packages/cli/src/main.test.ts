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

const messaging = new URL('../../../templates/messaging.yaml', import.meta.url).pathname;

describe('accord derive', () => {
  it('prints the derivation of the messaging template as JSON with budgets, composite and findings per function', async () => {
    const result = await run('derive', messaging);
    expect(result.code).toBe(0);
    const derivation = JSON.parse(result.out);
    const mailbox = derivation.functions.find((f: { id: string }) => f.id === 'mailbox-access');
    expect(mailbox.target.budgets.month.seconds).toBeGreaterThan(0);
    expect(mailbox.composite.availability).toBeGreaterThan(0.99);
    expect(mailbox.recommendation.design.length).toBeGreaterThan(0);
    expect(derivation.findings[0]).toEqual(expect.objectContaining({ code: expect.any(String), severity: 'error', fields: expect.any(Array), message: expect.any(String), fix: expect.any(String) }));
  });

  it('writes to --out and gives the same bytes twice', async () => {
    const out = join(dir, 'sla.json');
    expect((await run('derive', messaging, '--out', out)).code).toBe(0);
    const { readFile } = await import('node:fs/promises');
    const first = await readFile(out, 'utf8');
    await run('derive', messaging, '--out', out);
    expect(await readFile(out, 'utf8')).toBe(first);
  });

  it('rejects an unknown format', async () => {
    const result = await run('derive', messaging, '--format', 'docx');
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown format "docx"');
  });
});

describe('accord check', () => {
  it('exits 1 and prints each error finding with its fix when the requirements contradict themselves', async () => {
    const result = await run('check', messaging);
    expect(result.code).toBe(1);
    expect(result.out).toContain('ERROR   RTO_EXCEEDS_BUDGET [mailbox-access]');
    expect(result.out).toContain('fix: ');
    expect(result.out).toMatch(/\d+ errors, \d+ warnings, \d+ notes/);
  });

  it('exits 0 for a workshop without error findings', async () => {
    const result = await run('check', join(dir, 'ok.yaml'));
    expect(result.code).toBe(0);
    expect(result.out).toContain('No findings');
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
