import { deriveSla } from '@accord/core/derive';
import { describe, expect, it } from 'vitest';
import { messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { buildVersionRecord, canonicalVersionJson } from './version-record.ts';

describe('buildVersionRecord', () => {
  it('freezes the requirements with their derivation and the publication', () => {
    const requirements = messagingRequirements();
    const record = buildVersionRecord(requirements, PUBLISHED);
    expect(record.kind).toBe('accord.sla-version');
    expect(record.formatVersion).toBe(1);
    expect(record.version).toEqual(PUBLISHED);
    expect(record.derivation).toEqual(JSON.parse(JSON.stringify(deriveSla(requirements))));
    expect(record.requirements.functions.map((f) => f.id)).toEqual(requirements.functions.map((f) => f.id));
  });

  it('holds plain JSON only, so a record read back from storage is the same record', () => {
    const record = buildVersionRecord(messagingRequirements(), null);
    const stored = JSON.parse(canonicalVersionJson(record)) as typeof record;
    expect(stored).toEqual(record);
    expect(canonicalVersionJson(stored)).toBe(canonicalVersionJson(record));
  });
});

describe('canonicalVersionJson', () => {
  it('gives the same text for the same content, with keys sorted and no whitespace', () => {
    const first = canonicalVersionJson(buildVersionRecord(messagingRequirements(), PUBLISHED));
    const second = canonicalVersionJson(buildVersionRecord(messagingRequirements(), PUBLISHED));
    expect(second).toBe(first);
    expect(first.startsWith('{"derivation":{')).toBe(true);
    expect(first).not.toMatch(/\n|": /);
  });

  it('changes when a requirement or the publication changes', () => {
    const base = messagingRequirements();
    const text = canonicalVersionJson(buildVersionRecord(base, PUBLISHED));
    const edited = { ...base, meta: { ...base.meta, reviewEveryMonths: 6 } };
    expect(canonicalVersionJson(buildVersionRecord(edited, PUBLISHED))).not.toBe(text);
    expect(canonicalVersionJson(buildVersionRecord(base, { ...PUBLISHED, number: 4 }))).not.toBe(text);
    expect(canonicalVersionJson(buildVersionRecord(base, null))).not.toBe(text);
  });
});
