import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { main } from './main.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'accord-cli-'));
  await writeFile(
    join(dir, 'ok.yaml'),
    'formatVersion: 1\nmeta:\n  title: T\n  service: Mail\n  timeZone: Europe/Berlin\n',
  );
  await writeFile(
    join(dir, 'bad.yaml'),
    'formatVersion: 1\nmeta:\n  title: T\n  service: Mail\n  timeZone: Mars/Base\nfunctions:\n  - id: Bad Id\n    name: x\n',
  );
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
    expect(result.err).toContain(':5:13 meta.timeZone: must be an IANA time zone');
    expect(result.err).toContain(':7:9 functions[Bad Id].id: must be 1–48 lowercase letters');
  });

  it('reports a syntax error without a stack trace', async () => {
    const result = await run('validate', join(dir, 'broken.yaml'));
    expect(result.code).toBe(1);
    expect(result.err).toContain('cannot parse the file');
    expect(result.err).not.toContain('    at ');
  });

  it('refuses a typo with line, column and the key it most likely meant, where it used to say "valid"', async () => {
    const typo = join(dir, 'typo.yaml');
    await writeFile(
      typo,
      'formatVersion: 1\nmeta:\n  title: T\n  service: Mail\n  timeZone: UTC\nfunctions:\n  - id: mail\n    name: Mail\n    availability: { targetPercent: 99.9, downtimeCostPerHr: 100 }\n',
    );
    const result = await run('validate', typo);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `${typo}: 1 problem\n  ${typo}:9:42 functions[mail].availability.downtimeCostPerHr: unknown key "downtimeCostPerHr"; did you mean "downtimeCostPerHour"?\n`,
    );
  });

  it('says an image is not a YAML or JSON file', async () => {
    const png = join(dir, 'logo.png');
    await writeFile(
      png,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    );
    const result = await run('validate', png);
    expect(result.code).toBe(1);
    expect(result.err).toContain('not a YAML or JSON file');
  });

  it('counts in the singular when there is one', async () => {
    const one = join(dir, 'one.yaml');
    await writeFile(
      one,
      'formatVersion: 1\nmeta: { title: T, service: Mail, timeZone: UTC }\nfunctions: [{ id: mail, name: Mail }]\ncomponents: [{ id: mbx, name: M, availability: { kind: percent, percent: 99 } }]\n',
    );
    expect((await run('validate', one)).out).toContain('1 business function, 1 component\n');
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
    expect(derivation.findings[0]).toEqual(
      expect.objectContaining({
        code: expect.any(String),
        severity: 'error',
        fields: expect.any(Array),
        message: expect.any(String),
        fix: expect.any(String),
      }),
    );
  });

  it('writes to --out and gives the same bytes twice', async () => {
    const out = join(dir, 'sla.json');
    expect((await run('derive', messaging, '--out', out)).code).toBe(0);
    const first = await readFile(out, 'utf8');
    await run('derive', messaging, '--out', out);
    expect(await readFile(out, 'utf8')).toBe(first);
  });

  it('rejects an unknown format', async () => {
    const result = await run('derive', messaging, '--format', 'docx');
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown format "docx"');
    expect(result.err).toContain('derivation, html, pdf, md, json, openslo, sloth, prometheus, datadog, zabbix, ics');
  });

  it('keeps the derivation as the default format', async () => {
    const plain = await run('derive', messaging);
    const named = await run('derive', messaging, '--format', 'derivation');
    expect(named.out).toBe(plain.out);
  });
});

describe('accord derive --format (documents)', () => {
  it('writes the SLA as a self-contained HTML draft', async () => {
    const out = join(dir, 'sla.html');
    const result = await run('derive', messaging, '--format', 'html', '--out', out);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/^wrote .*sla\.html \(draft, sha256 [0-9a-f]{64}\)\n$/);
    const html = await readFile(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Draft — not published');
  });

  it('prints Markdown and OpenSLO YAML to stdout', async () => {
    const md = await run('derive', messaging, '--format', 'md');
    expect(md.code).toBe(0);
    expect(md.out.split('\n')[0]).toBe(
      '# Enterprise messaging (Exchange Server 2007): service level agreement and justification',
    );
    const yaml = await run('derive', messaging, '--format', 'openslo');
    expect(yaml.code).toBe(0);
    expect(parseAllDocuments(yaml.out).map((d) => (d.toJS() as { kind: string }).kind)).toEqual([
      'Service',
      'SLO',
      'SLO',
      'SLO',
      'SLO',
    ]);
  });

  it('writes the operational exports: Sloth, Prometheus rules, Datadog, Zabbix and iCalendar', async () => {
    const sloth = await run('derive', messaging, '--format', 'sloth');
    expect(sloth.code).toBe(0);
    expect(sloth.out).toMatch(/^version: prometheus\/v1$/m);
    const rules = await run('derive', messaging, '--format', 'prometheus');
    expect(rules.code).toBe(0);
    expect(rules.out).toContain('alert: MailboxAccessAvailabilityBudgetBurn');
    const datadog = await run('derive', messaging, '--format', 'datadog');
    expect((JSON.parse(datadog.out) as { slos: unknown[] }).slos).toHaveLength(4);
    const zabbix = await run('derive', messaging, '--format', 'zabbix');
    expect((JSON.parse(zabbix.out) as { method: string }).method).toBe('sla.create');
    const out = join(dir, 'hours.ics');
    const ics = await run('derive', messaging, '--format', 'ics', '--out', out);
    expect(ics.code).toBe(0);
    expect(ics.err).toMatch(/^wrote .*hours\.ics \(draft, sha256 [0-9a-f]{64}\)\n$/);
    expect((await readFile(out, 'utf8')).startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  });

  it('writes the canonical version JSON whose SHA-256 is the hash it reports', async () => {
    const out = join(dir, 'version.json');
    const result = await run('derive', messaging, '--format', 'json', '--out', out);
    const hash = /sha256 ([0-9a-f]{64})/.exec(result.err)?.[1];
    const text = await readFile(out, 'utf8');
    expect(createHash('sha256').update(text).digest('hex')).toBe(hash);
    expect(JSON.parse(text)).toEqual(expect.objectContaining({ kind: 'accord.sla-version', version: null }));
    expect((await run('derive', messaging, '--format', 'json')).out).toBe(text);
  });

  it('refuses to print a PDF to the terminal and exits 2', async () => {
    const result = await run('derive', messaging, '--format', 'pdf');
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('give --out <path>');
  });

  it('writes the same PDF bytes twice', async () => {
    const out = join(dir, 'sla.pdf');
    expect((await run('derive', messaging, '--format', 'pdf', '--out', out)).code).toBe(0);
    const first = await readFile(out);
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    await run('derive', messaging, '--format', 'pdf', '--out', out);
    expect((await readFile(out)).equals(first)).toBe(true);
  });
});

describe('accord check', () => {
  it('exits 1 and prints each error finding with its fix when the requirements contradict themselves', async () => {
    const result = await run('check', messaging);
    expect(result.code).toBe(1);
    expect(result.out).toContain('ERROR   RTO_EXCEEDS_BUDGET [mailbox-access]');
    expect(result.out).toContain('fix: ');
    expect(result.out).toMatch(/\n\d+ errors?, \d+ warnings?, \d+ notes?\n/);
  });

  it('exits 0 for a workshop without error findings', async () => {
    const result = await run('check', join(dir, 'ok.yaml'));
    expect(result.code).toBe(0);
    expect(result.out).toContain('No findings');
  });
});

describe('accord command line', () => {
  it('prints its version and the format version it reads', async () => {
    const result = await run('--version');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^accord \d+\.\d+\.\d+ \(requirements format 1\)\n$/);
  });

  it('rejects unknown commands and options with usage', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    const unknown = await run('validate', 'x', '--colour', 'red');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown option --colour');
  });
});
