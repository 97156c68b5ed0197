import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { requirementsSchema, type Requirements } from '../model/index.ts';
import { TEMPLATES } from '../templates/index.ts';
import {
  applyEdit,
  createWorkshopDoc,
  editSchema,
  fieldValue,
  fieldWriter,
  readRaw,
  readSnapshot,
} from './workshop-doc.ts';

const messaging = requirementsSchema.parse(TEMPLATES.find((t) => t.id === 'messaging')?.requirements);

/** Requirements as a file without row ids would hold them. */
function withoutRowIds(requirements: Requirements): Requirements {
  const strip = <T extends { id?: string | undefined }>(rows: readonly T[]): T[] =>
    rows.map(({ id: _id, ...row }) => row as T);
  return {
    ...requirements,
    meta: { ...requirements.meta, sponsors: strip(requirements.meta.sponsors) },
    support: { ...requirements.support, escalation: strip(requirements.support.escalation) },
    functions: requirements.functions.map((f) => ({ ...f, design: strip(f.design) })),
    calendars: requirements.calendars.map((c) => ({ ...c, slots: strip(c.slots), holidays: strip(c.holidays) })),
  };
}

/** Two replicas of one workshop, as two browsers would hold them. */
function pair() {
  const a = createWorkshopDoc(messaging);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return { a, b };
}

/** Exchange what each has that the other lacks, as the sync protocol does. */
function sync(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

describe('workshop doc round trip', () => {
  it('reads back exactly the requirements it was written with, rows given deterministic ids', () => {
    const result = readSnapshot(createWorkshopDoc(messaging));
    expect(result.ok && withoutRowIds(result.value)).toEqual(messaging);
    const again = readSnapshot(createWorkshopDoc(messaging));
    expect(again.ok && again.value).toEqual(result.ok && result.value);
    expect(result.ok && result.value.support.escalation.map((row) => row.id)).toEqual([
      '1-service-desk',
      '2-messaging-team-lead',
      '3-head-of-infrastructure',
    ]);
  });

  it('reads back exactly what it was written with once rows have ids', () => {
    const first = readSnapshot(createWorkshopDoc(messaging));
    if (!first.ok) throw new Error('the template is valid');
    const second = readSnapshot(createWorkshopDoc(first.value));
    expect(second.ok && second.value).toEqual(first.value);
  });

  it('keeps the order of collections', () => {
    expect((readRaw(createWorkshopDoc(messaging)).functions as { id: string }[]).map((f) => f.id)).toEqual(
      messaging.functions.map((f) => f.id),
    );
  });
});

describe('concurrent edits', () => {
  it('keep both edits to different fields of the same function', () => {
    const { a, b } = pair();
    applyEdit(a, { kind: 'set', path: '/functions/webmail/availability/targetPercent', value: 99.9 });
    applyEdit(b, { kind: 'set', path: '/functions/webmail/recovery/component-failure/rtoSeconds', value: 3600 });
    sync(a, b);
    for (const doc of [a, b]) {
      const result = readSnapshot(doc);
      const webmail = result.ok ? result.value.functions.find((f) => f.id === 'webmail') : undefined;
      expect(webmail?.availability?.targetPercent).toBe(99.9);
      expect(webmail?.recovery['component-failure']?.rtoSeconds).toBe(3600);
    }
  });

  it('merge two people typing into the same rationale', () => {
    const { a, b } = pair();
    const path = '/functions/webmail/availability/provenance/rationale';
    applyEdit(a, { kind: 'text', path, index: 0, deleteCount: 0, insert: 'Agreed: ' });
    const length = String(fieldValue(b, path)).length;
    applyEdit(b, { kind: 'text', path, index: length, deleteCount: 0, insert: ' (confirmed by HR)' });
    sync(a, b);
    expect(fieldValue(a, path)).toBe(fieldValue(b, path));
    expect(String(fieldValue(a, path))).toMatch(/^Agreed: Field staff read mail.* \(confirmed by HR\)$/);
  });

  it('keep two functions inserted at the same time', () => {
    const { a, b } = pair();
    applyEdit(a, {
      kind: 'insert',
      collection: 'functions',
      item: { id: 'calendar-sharing', name: 'Calendar sharing' },
    });
    applyEdit(b, { kind: 'insert', collection: 'functions', item: { id: 'public-folders', name: 'Public folders' } });
    sync(a, b);
    const ids = (doc: Y.Doc) => (readRaw(doc).functions as { id: string }[]).map((f) => f.id);
    expect(ids(a)).toEqual(ids(b));
    expect(ids(a)).toEqual(expect.arrayContaining(['calendar-sharing', 'public-folders']));
    expect(readSnapshot(a).ok).toBe(true);
  });
});

describe('applyEdit', () => {
  it('rejects paths outside the model without changing the doc', () => {
    const doc = createWorkshopDoc(messaging);
    const before = Y.encodeStateAsUpdate(doc);
    expect(applyEdit(doc, { kind: 'set', path: '/secrets/x', value: 1 })).toMatchObject({
      ok: false,
      error: 'unknown-field',
    });
    expect(applyEdit(doc, { kind: 'set', path: '/functions/nope/availability/targetPercent', value: 1 })).toMatchObject(
      { ok: false, error: 'unknown-item' },
    );
    expect(
      applyEdit(doc, { kind: 'text', path: '/functions/webmail/tier', index: 0, deleteCount: 0, insert: 'x' }),
    ).toMatchObject({ ok: false, error: 'not-text' });
    expect(applyEdit(doc, { kind: 'remove', collection: 'risks', id: 'nothing' })).toMatchObject({
      ok: false,
      error: 'unknown-item',
    });
    expect(
      applyEdit(doc, { kind: 'insert', collection: 'functions', item: { id: 'webmail', name: 'Again' } }),
    ).toMatchObject({ ok: false, error: 'duplicate-id' });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('removes an item and clears a field with null', () => {
    const doc = createWorkshopDoc(messaging);
    expect(applyEdit(doc, { kind: 'remove', collection: 'risks', id: 'uplink' }).ok).toBe(true);
    expect(
      applyEdit(doc, { kind: 'set', path: '/functions/webmail/availability/downtimeCostPerHour', value: 5000 }).ok,
    ).toBe(true);
    expect(
      applyEdit(doc, { kind: 'set', path: '/functions/webmail/availability/downtimeCostPerHour', value: null }).ok,
    ).toBe(true);
    const result = readSnapshot(doc);
    expect(result.ok && result.value.risks.map((r) => r.id)).not.toContain('uplink');
    expect(result.ok && result.value.functions[2]?.availability?.downtimeCostPerHour).toBeUndefined();
  });

  it('sets and clears the currency; a currency that is not an ISO code is a problem named by its path', () => {
    const doc = createWorkshopDoc(messaging);
    expect(applyEdit(doc, { kind: 'set', path: '/meta/currency', value: 'CHF' }).ok).toBe(true);
    const set = readSnapshot(doc);
    expect(set.ok && set.value.meta.currency).toBe('CHF');
    applyEdit(doc, { kind: 'set', path: '/meta/currency', value: 'Swiss francs' });
    const wrong = readSnapshot(doc);
    expect(wrong.ok ? [] : wrong.problems.map((p) => p.path)).toEqual(['meta.currency']);
    expect(applyEdit(doc, { kind: 'set', path: '/meta/currency', value: null }).ok).toBe(true);
    const cleared = readSnapshot(doc);
    expect(cleared.ok && cleared.value.meta.currency).toBeUndefined();
  });

  it('edits support severities addressed by id', () => {
    const doc = createWorkshopDoc(messaging);
    expect(applyEdit(doc, { kind: 'set', path: '/support/severities/sev4/resolutionSeconds', value: 432_000 }).ok).toBe(
      true,
    );
    expect(fieldValue(doc, '/support/severities/sev4/resolutionSeconds')).toBe(432_000);
  });

  it('reports a snapshot that the edits made invalid, naming the field', () => {
    const doc = createWorkshopDoc(messaging);
    applyEdit(doc, { kind: 'set', path: '/functions/webmail/availability/targetPercent', value: 120 });
    const result = readSnapshot(doc);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.path).toBe('functions[webmail].availability.targetPercent');
  });

  it('validates edit payloads with its schema', () => {
    expect(editSchema.safeParse({ kind: 'set', path: 'no-slash', value: 1 }).success).toBe(false);
    expect(editSchema.safeParse({ kind: 'insert', collection: 'secrets', item: { id: 'x' } }).success).toBe(false);
    expect(editSchema.safeParse({ kind: 'vote', proposalId: 'p', voter: 'A', choice: 'for' }).success).toBe(false);
  });
});

describe('fieldWriter', () => {
  it('names the same writer on both replicas after two people set a field at the same moment', () => {
    const { a, b } = pair();
    const path = '/functions/webmail/availability/targetPercent';
    expect(applyEdit(a, { kind: 'set', path, value: 99.5 })).toEqual({ ok: true });
    expect(applyEdit(b, { kind: 'set', path, value: 99.9 })).toEqual({ ok: true });
    expect(fieldWriter(a, path)).toBe(a.clientID);
    expect(fieldWriter(b, path)).toBe(b.clientID);
    sync(a, b);
    const kept = fieldValue(a, path);
    expect(fieldValue(b, path)).toBe(kept);
    expect(fieldWriter(b, path)).toBe(fieldWriter(a, path));
    expect(fieldWriter(a, path)).toBe(kept === 99.5 ? a.clientID : b.clientID);
  });

  it('names nobody for a value never set or removed, or a path that is not a field', () => {
    const { a } = pair();
    expect(fieldWriter(a, '/meta/nosuchfield')).toBeUndefined();
    expect(fieldWriter(a, '/nosuchgroup/field')).toBeUndefined();
    const path = '/functions/webmail/availability/targetPercent';
    expect(applyEdit(a, { kind: 'set', path, value: null })).toEqual({ ok: true });
    expect(fieldWriter(a, path)).toBeUndefined();
  });
});
