import { describe, expect, it } from 'vitest';
import { parseRequirementsText, validateRequirements } from './requirements-file.ts';

const base = 'formatVersion: 1\nmeta:\n  title: T\n  service: Mail\n  timeZone: Europe/Berlin\n';
const problems = (text: string) => {
  const result = parseRequirementsText(text);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('parseRequirementsText', () => {
  it('reads YAML and JSON alike', () => {
    expect(parseRequirementsText(base).ok).toBe(true);
    expect(
      parseRequirementsText(JSON.stringify({ formatVersion: 1, meta: { title: 'T', service: 'S', timeZone: 'UTC' } }))
        .ok,
    ).toBe(true);
  });

  it('accepts durations as seconds or as words', () => {
    const text = `${base}functions:\n  - id: mail\n    name: Mail\n    recovery:\n      site-loss: { rpoSeconds: 14400, rtoSeconds: 4h }\n`;
    const result = parseRequirementsText(text);
    expect(result.ok && result.value.functions[0]?.recovery['site-loss']).toMatchObject({
      rpoSeconds: 14_400,
      rtoSeconds: 14_400,
    });
  });

  it.each([
    [
      'a wrong type',
      `${base}functions:\n  - id: mail\n    name: Mail\n    availability: { targetPercent: high }\n`,
      'functions[mail].availability.targetPercent: ',
    ],
    ['a bad time zone', base.replace('Europe/Berlin', 'Europe/Atlantis'), 'meta.timeZone: must be an IANA time zone'],
    [
      'an unknown calendar',
      `${base}functions:\n  - id: mail\n    name: Mail\n    availability: { targetPercent: 99.9, window: { kind: service-hours, calendarId: office } }\n`,
      'functions[mail].availability.window.calendarId: calendar "office" does not exist',
    ],
    [
      'a duplicate id',
      `${base}functions:\n  - { id: mail, name: A }\n  - { id: mail, name: B }\n`,
      'functions[1].id: duplicate id "mail"',
    ],
    [
      'a dependency cycle',
      `${base}functions:\n  - { id: a, name: A, dependsOn: [b] }\n  - { id: b, name: B, dependsOn: [a] }\n`,
      'functions: dependency cycle: a → b → a',
    ],
    [
      'a bad duration',
      `${base}functions:\n  - id: mail\n    name: Mail\n    recovery:\n      site-loss: { rpoSeconds: 4 parsecs, rtoSeconds: 4h }\n`,
      'functions[mail].recovery.site-loss.rpoSeconds: "parsecs" is not a time unit',
    ],
    ['a missing field', 'formatVersion: 1\nmeta:\n  title: T\n  timeZone: UTC\n', 'meta.service: '],
    ['a future format version', base.replace('formatVersion: 1', 'formatVersion: 2'), 'formatVersion: '],
    [
      'a currency that is not an ISO code',
      `${base}  currency: euro\n`,
      'meta.currency: a currency is its three-letter ISO 4217 code, e.g. EUR',
    ],
    ['a YAML syntax error', 'formatVersion: [1\n', ': cannot parse the file'],
  ])('names the path and the problem for %s', (_name, text, expected) => {
    expect(problems(text).join('\n')).toContain(expected);
  });

  it('keeps the currency of money amounts', () => {
    const result = parseRequirementsText(`${base}  currency: EUR\n`);
    expect(result.ok && result.value.meta.currency).toBe('EUR');
  });

  it('refuses unknown keys anywhere, suggesting the nearest known one, with line and column', () => {
    const text = [
      base.trimEnd(),
      'components:',
      '  - { id: mbx, name: Mailbox, availability: { kind: percent, percent: 99.9 }, instances: 2, requird: 1 }',
      'functions:',
      '  - id: mail',
      '    name: Mail',
      '    availability:',
      '      targetPercent: 99.9',
      '      downtimeCostPerHr: 5000',
      '    design: [{ kind: ccr, replayLag: 1h }]',
      '    colour: blue',
      'bakups: []',
      '',
    ].join('\n');
    const result = parseRequirementsText(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([
      {
        path: 'components[mbx].requird',
        line: 7,
        column: 93,
        message: 'unknown key "requird"; did you mean "required"?',
      },
      {
        path: 'functions[mail].availability.downtimeCostPerHr',
        line: 13,
        column: 7,
        message: 'unknown key "downtimeCostPerHr"; did you mean "downtimeCostPerHour"?',
      },
      {
        path: 'functions[mail].design[0].replayLag',
        line: 14,
        column: 27,
        message: 'unknown key "replayLag"; did you mean "replayLagSeconds"?',
      },
      { path: 'functions[mail].colour', line: 15, column: 5, message: 'unknown key "colour"' },
      { path: 'bakups', line: 16, column: 1, message: 'unknown key "bakups"; did you mean "backups"?' },
    ]);
  });

  it('gives line and column of a value that is wrong and of a field that is missing', () => {
    const result = parseRequirementsText(
      `${base}functions:\n  - id: mail\n    name: Mail\n    availability: { targetPercent: high }\n  - id: web\n`,
    );
    expect(result.ok ? [] : result.problems).toEqual([
      {
        path: 'functions[mail].availability.targetPercent',
        line: 9,
        column: 36,
        message: 'Invalid input: expected number, received string',
      },
      { path: 'functions[web].name', line: 10, column: 5, message: 'is missing (expected string)' },
    ]);
  });

  it('says a binary file is not a YAML or JSON file, and explains a broken line without parser jargon', () => {
    const png = String.fromCharCode(0x89) + 'PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR';
    expect(problems(Buffer.from(png, 'latin1').toString('utf8'))).toEqual([
      ': not a YAML or JSON file: it holds binary data (an image, an archive or a PDF?)',
    ]);
    const broken = parseRequirementsText('formatVersion: 1\nmeta\n  title: T\n');
    expect(broken.ok ? [] : broken.problems[0]).toMatchObject({
      line: 2,
      message: expect.not.stringContaining('Implicit'),
    });
  });

  it('rejects a file that is not an object', () => {
    expect(problems('- a\n- b\n')).toEqual([
      ': a requirements file must be an object with formatVersion, meta, functions …',
    ]);
    expect(validateRequirements(null).ok).toBe(false);
  });
});
