import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stringify } from 'yaml';
import { parseRequirementsText, requirementsSchema, type Requirements } from '../model/index.ts';
import {
  applyEdit,
  applyEdits,
  createWorkshopDoc,
  fieldValue,
  readRaw,
  readSnapshot,
  ROOT,
  upgradeLayout,
} from './workshop-doc.ts';

const SMALL = requirementsSchema.parse({
  formatVersion: 1,
  meta: {
    title: 'Mail',
    service: 'Messaging',
    timeZone: 'Europe/Berlin',
    sponsors: [{ name: 'Dana Roth', role: 'CIO' }],
  },
  calendars: [{ id: 'office', name: 'Office', slots: [{ day: 'mon', start: '08:00', end: '18:00' }] }],
  functions: [{ id: 'mail', name: 'Mail', design: [{ kind: 'dag' }] }],
  support: {
    escalation: [
      { level: 1, name: 'Desk' },
      { level: 2, name: 'Lead' },
    ],
  },
});

/** Replicas of one workshop, as browsers would hold them, and a full exchange of what each lacks. */
function replicas(count: number, start: Requirements = SMALL): Y.Doc[] {
  const origin = createWorkshopDoc(start);
  return Array.from({ length: count }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin));
    return doc;
  });
}

function syncAll(docs: readonly Y.Doc[]): void {
  for (const from of docs)
    for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function snapshot(doc: Y.Doc): Requirements {
  const result = readSnapshot(doc);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return result.value;
}

describe('regressions: concurrent structure', () => {
  it('two scenarios added concurrently to a function without `recovery` both survive', () => {
    const [a, b] = replicas(2) as [Y.Doc, Y.Doc];
    // The room adds a function without any recovery objective; both replicas have heard of it.
    applyEdit(a, {
      kind: 'insert',
      collection: 'functions',
      item: { id: 'calendar', name: 'Calendar', tier: 'medium' },
    });
    syncAll([a, b]);
    applyEdit(a, {
      kind: 'set',
      path: '/functions/calendar/recovery/site-loss',
      value: { rpoSeconds: 3600, rtoSeconds: 14_400 },
    });
    applyEdit(b, {
      kind: 'set',
      path: '/functions/calendar/recovery/component-failure',
      value: { rpoSeconds: 0, rtoSeconds: 900 },
    });
    syncAll([a, b]);
    for (const doc of [a, b]) {
      const recovery = snapshot(doc).functions.find((f) => f.id === 'calendar')?.recovery;
      expect(recovery?.['site-loss']).toMatchObject({ rpoSeconds: 3600, rtoSeconds: 14_400 });
      expect(recovery?.['component-failure']).toMatchObject({ rpoSeconds: 0, rtoSeconds: 900 });
    }
  });

  it('two rows of escalation contacts edited at once both keep their edit', () => {
    const [a, b] = replicas(2) as [Y.Doc, Y.Doc];
    const [desk, lead] = snapshot(a).support.escalation.map((row) => row.id) as [string, string];
    applyEdit(a, { kind: 'row-set', list: '/support/escalation', id: desk, field: 'contact', value: '+49 30 1234' });
    applyEdit(b, { kind: 'row-set', list: '/support/escalation', id: lead, field: 'name', value: 'Team lead' });
    syncAll([a, b]);
    for (const doc of [a, b]) {
      expect(snapshot(doc).support.escalation.map((row) => [row.name, row.contact])).toEqual([
        ['Desk', '+49 30 1234'],
        ['Team lead', ''],
      ]);
    }
  });

  it('two sponsors added at once, and a design protection ticked while another is edited, all survive', () => {
    const [a, b, c] = replicas(3) as [Y.Doc, Y.Doc, Y.Doc];
    applyEdit(a, {
      kind: 'row-insert',
      list: '/meta/sponsors',
      row: { id: 'sponsor-a1', name: 'Kim Weiss', role: 'CFO' },
    });
    applyEdit(b, { kind: 'row-insert', list: '/meta/sponsors', row: { id: 'sponsor-b1', name: 'Ola Berg', role: '' } });
    applyEdit(b, {
      kind: 'row-insert',
      list: '/functions/mail/design',
      row: { id: 'scr', kind: 'scr', replayLagSeconds: 3600 },
    });
    applyEdit(c, {
      kind: 'row-set',
      list: '/functions/mail/design',
      id: 'dag',
      field: 'activationSeconds',
      value: 600,
    });
    syncAll([a, b, c]);
    for (const doc of [a, b, c]) {
      const requirements = snapshot(doc);
      expect(requirements.meta.sponsors.map((s) => s.name).sort()).toEqual(['Dana Roth', 'Kim Weiss', 'Ola Berg']);
      expect(requirements.functions[0]?.design).toEqual([
        { id: 'dag', kind: 'dag', activationSeconds: 600 },
        { id: 'scr', kind: 'scr', replayLagSeconds: 3600 },
      ]);
    }
  });

  it('two people typing into the empty rationale of a new objective both keep their words', () => {
    const [a, b] = replicas(2) as [Y.Doc, Y.Doc];
    applyEdit(a, { kind: 'insert', collection: 'functions', item: { id: 'calendar', name: 'Calendar' } });
    syncAll([a, b]);
    const path = '/functions/calendar/recovery/site-loss/provenance/rationale';
    applyEdit(a, { kind: 'text', path, index: 0, deleteCount: 0, insert: 'Board asked. ' });
    applyEdit(b, { kind: 'text', path, index: 0, deleteCount: 0, insert: 'Audit rule.' });
    syncAll([a, b]);
    const text = String(fieldValue(a, path));
    expect(fieldValue(b, path)).toBe(text);
    expect(text).toContain('Board asked. ');
    expect(text).toContain('Audit rule.');
  });

  it('an objective removed and added again by one person survives another adding a second scenario', () => {
    const [a, b] = replicas(2) as [Y.Doc, Y.Doc];
    applyEdit(a, {
      kind: 'set',
      path: '/functions/mail/recovery/site-loss',
      value: { rpoSeconds: 60, rtoSeconds: 120 },
    });
    syncAll([a, b]);
    applyEdit(a, { kind: 'set', path: '/functions/mail/recovery/site-loss', value: null });
    expect(snapshot(a).functions[0]?.recovery['site-loss']).toBeUndefined();
    applyEdit(a, { kind: 'set', path: '/functions/mail/recovery/site-loss', value: { rpoSeconds: 0, rtoSeconds: 60 } });
    applyEdit(b, { kind: 'set', path: '/functions/mail/recovery/data-corruption/rpoSeconds', value: 86_400 });
    applyEdit(b, { kind: 'set', path: '/functions/mail/recovery/data-corruption/rtoSeconds', value: 3600 });
    syncAll([a, b]);
    for (const doc of [a, b]) {
      expect(snapshot(doc).functions[0]?.recovery).toMatchObject({
        'site-loss': { rpoSeconds: 0, rtoSeconds: 60 },
        'data-corruption': { rpoSeconds: 86_400, rtoSeconds: 3600 },
      });
    }
  });
});

describe('row lists', () => {
  it('insert, move and remove rows by id, in the order people chose', () => {
    const doc = createWorkshopDoc(SMALL);
    const list = '/support/escalation';
    const ids = () => snapshot(doc).support.escalation.map((row) => row.id);
    expect(ids()).toEqual(['1-desk', '2-lead']);
    expect(
      applyEdit(doc, {
        kind: 'row-insert',
        list,
        row: { id: 'duty', level: 1, name: 'Duty manager' },
        before: '2-lead',
      }).ok,
    ).toBe(true);
    expect(ids()).toEqual(['1-desk', 'duty', '2-lead']);
    expect(applyEdit(doc, { kind: 'row-move', list, id: '2-lead', before: '1-desk' }).ok).toBe(true);
    expect(ids()).toEqual(['2-lead', '1-desk', 'duty']);
    expect(applyEdit(doc, { kind: 'row-move', list, id: '2-lead', before: null }).ok).toBe(true);
    expect(ids()).toEqual(['1-desk', 'duty', '2-lead']);
    // Many moves into the same gap exhaust the numbers between two rows; the list is renumbered, order kept.
    for (let n = 0; n < 80; n += 1) {
      const [moving, other] = n % 2 === 0 ? ['2-lead', 'duty'] : ['duty', '2-lead'];
      expect(applyEdit(doc, { kind: 'row-move', list, id: moving, before: other }).ok).toBe(true);
      expect(ids()).toEqual(['1-desk', moving, other]);
    }
    expect(applyEdit(doc, { kind: 'row-remove', list, id: 'duty' }).ok).toBe(true);
    expect(ids()).toEqual(['1-desk', '2-lead']);
  });

  it('refuses bad row edits and whole-list writes without changing the doc', () => {
    const doc = createWorkshopDoc(SMALL);
    const before = Y.encodeStateAsUpdate(doc);
    const refused = [
      applyEdit(doc, { kind: 'set', path: '/support/escalation', value: [] }),
      applyEdit(doc, { kind: 'set', path: '/meta/sponsors/dana-roth', value: { name: 'X' } }),
      applyEdit(doc, { kind: 'set', path: '/functions/mail/design', value: [{ kind: 'dag' }] }),
      applyEdit(doc, { kind: 'set', path: '/functions', value: [] }),
      applyEdit(doc, { kind: 'set', path: '/functions/mail/recovery', value: 5 }),
      applyEdit(doc, { kind: 'set', path: '/functions/mail/recovery/site-loss', value: { provenance: 'x' } }),
      applyEdit(doc, { kind: 'set', path: '/functions/mail/name/deeper', value: 1 }),
      applyEdit(doc, { kind: 'set', path: '/functions/mail/invented/field', value: 1 }),
      applyEdit(doc, { kind: 'set', path: '/functions/mail/id', value: 'other' }),
      applyEdit(doc, { kind: 'set', path: '/meta', value: { title: 'T' } }),
      applyEdit(doc, { kind: 'row-insert', list: '/meta/title', row: { id: 'x' } }),
      applyEdit(doc, { kind: 'row-insert', list: '/meta/sponsors', row: { id: 'dana-roth', name: 'Again' } }),
      applyEdit(doc, { kind: 'row-insert', list: '/meta/sponsors', row: { id: 'new', name: 'N' }, before: 'nobody' }),
      applyEdit(doc, { kind: 'row-insert', list: '/meta/sponsors', row: { id: 'new', name: 'N', order: 3 } }),
      applyEdit(doc, { kind: 'row-insert', list: '/functions/nope/design', row: { id: 'dag', kind: 'dag' } }),
      applyEdit(doc, { kind: 'row-set', list: '/meta/sponsors', id: 'nobody', field: 'name', value: 'N' }),
      applyEdit(doc, { kind: 'row-set', list: '/meta/sponsors', id: 'dana-roth', field: 'order', value: 1 }),
      applyEdit(doc, { kind: 'row-set', list: '/meta/sponsors', id: 'dana-roth', field: 'id', value: 'x' }),
      applyEdit(doc, { kind: 'row-remove', list: '/calendars/office/slots', id: 'nothing' }),
      applyEdit(doc, { kind: 'row-move', list: '/calendars/office/slots', id: 'mon-08-00-18-00', before: 'nothing' }),
    ];
    for (const result of refused) expect(result.ok, JSON.stringify(result)).toBe(false);
    expect(refused.every((r) => !r.ok && r.message.length > 10)).toBe(true);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('applies several edits as one update', () => {
    const doc = createWorkshopDoc(SMALL);
    let updates = 0;
    doc.on('update', () => (updates += 1));
    const result = applyEdits(doc, [
      { kind: 'row-remove', list: '/calendars/office/slots', id: 'mon-08-00-18-00' },
      {
        kind: 'row-insert',
        list: '/calendars/office/slots',
        row: { id: 'mon-08-00-19-00', day: 'mon', start: '08:00', end: '19:00' },
      },
    ]);
    expect(result.ok).toBe(true);
    expect(updates).toBe(1);
    expect(snapshot(doc).calendars[0]?.slots).toEqual([
      { id: 'mon-08-00-19-00', day: 'mon', start: '08:00', end: '19:00' },
    ]);
  });
});

describe('file format and older docs', () => {
  it('keeps row ids a file gives, generates the missing ones deterministically, and refuses duplicates', () => {
    const withIds = requirementsSchema.parse({
      ...SMALL,
      meta: {
        ...SMALL.meta,
        sponsors: [{ id: 'cio', name: 'Dana Roth' }, { name: 'Dana Roth' }, { name: 'Dana Roth' }],
      },
    });
    expect(snapshot(createWorkshopDoc(withIds)).meta.sponsors.map((s) => s.id)).toEqual([
      'cio',
      'dana-roth',
      'dana-roth-2',
    ]);
    const duplicate = requirementsSchema.safeParse({
      ...SMALL,
      meta: {
        ...SMALL.meta,
        sponsors: [
          { id: 'x', name: 'A' },
          { id: 'x', name: 'B' },
        ],
      },
    });
    expect(duplicate.success).toBe(false);
    expect(duplicate.error?.issues[0]?.message).toContain('already has the id "x"');
  });

  it('round-trips through an exported file: the file keeps row ids, importing it gives the same doc content', () => {
    const doc = createWorkshopDoc(SMALL);
    applyEdit(doc, {
      kind: 'row-insert',
      list: '/meta/sponsors',
      row: { id: 'sponsor-x1y2z3', name: 'Kim Weiss', role: 'CFO' },
      before: 'dana-roth',
    });
    applyEdit(doc, {
      kind: 'row-insert',
      list: '/calendars/office/holidays',
      row: { id: '2027-12-24', date: '2027-12-24', name: 'Eve' },
    });
    const exported = stringify(readRaw(doc));
    expect(exported).toContain('id: sponsor-x1y2z3');
    const parsed = parseRequirementsText(exported);
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
    const imported = createWorkshopDoc(parsed.value);
    expect(snapshot(imported)).toEqual(snapshot(doc));
    expect(snapshot(imported).meta.sponsors.map((s) => s.id)).toEqual(['sponsor-x1y2z3', 'dana-roth']);
  });

  it('reads and upgrades a row list an older doc keeps as a plain array', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      const root = doc.getMap(ROOT);
      root.set('formatVersion', 1);
      const meta = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ title: 'Old', service: 'Mail', timeZone: 'UTC' })) meta.set(k, v);
      meta.set('sponsors', [
        { name: 'Dana Roth', role: 'CIO' },
        { name: 'Lee Park', role: '' },
      ]);
      root.set('meta', meta);
    });
    expect((readRaw(doc).meta as { sponsors: unknown }).sponsors).toEqual([
      { id: 'dana-roth', name: 'Dana Roth', role: 'CIO' },
      { id: 'lee-park', name: 'Lee Park', role: '' },
    ]);
    expect(
      applyEdit(doc, { kind: 'row-set', list: '/meta/sponsors', id: 'lee-park', field: 'role', value: 'COO' }).ok,
    ).toBe(true);
    expect(snapshot(doc).meta.sponsors).toEqual([
      { id: 'dana-roth', name: 'Dana Roth', role: 'CIO' },
      { id: 'lee-park', name: 'Lee Park', role: 'COO' },
    ]);
    // A group an older doc lacks is created (with its whole shape) on the first edit inside it.
    expect(applyEdit(doc, { kind: 'set', path: '/meta/provider/name', value: 'IT' }).ok).toBe(true);
    expect(snapshot(doc).meta.provider.name).toBe('IT');
  });
});

describe('upgrading an older doc', () => {
  /** A doc as the layout before this one wrote it: no recovery group, plain arrays for rows. */
  function olderDoc(): Y.Doc {
    const doc = new Y.Doc();
    doc.transact(() => {
      const root = doc.getMap(ROOT);
      root.set('formatVersion', 1);
      const meta = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ title: 'Old', service: 'Mail', timeZone: 'UTC' })) meta.set(k, v);
      meta.set('sponsors', [{ name: 'Dana Roth', role: 'CIO' }]);
      root.set('meta', meta);
      const functions = new Y.Map<unknown>();
      const mail = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id: 'mail', name: 'Mail', order: 0 })) mail.set(k, v);
      mail.set('design', [{ kind: 'dag' }]);
      functions.set('mail', mail);
      root.set('functions', functions);
    });
    return doc;
  }

  it('creates every missing container once, changing nothing anyone reads', () => {
    const doc = olderDoc();
    const before = snapshot(doc);
    expect(upgradeLayout(doc)).toBe(true);
    expect(snapshot(doc)).toEqual(before);
    expect(fieldValue(doc, '/functions/mail/recovery/site-loss/provenance/rationale')).toBe('');
    let updates = 0;
    doc.on('update', () => (updates += 1));
    expect(upgradeLayout(doc)).toBe(false);
    expect(updates).toBe(0);
  });

  it('after the upgrade, two scenarios added concurrently to the old function both survive', () => {
    const origin = olderDoc();
    upgradeLayout(origin);
    const [a, b] = [0, 1].map(() => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin));
      return doc;
    }) as [Y.Doc, Y.Doc];
    applyEdit(a, {
      kind: 'set',
      path: '/functions/mail/recovery/site-loss',
      value: { rpoSeconds: 60, rtoSeconds: 600 },
    });
    applyEdit(b, {
      kind: 'set',
      path: '/functions/mail/recovery/data-corruption',
      value: { rpoSeconds: 0, rtoSeconds: 60 },
    });
    applyEdit(a, {
      kind: 'row-set',
      list: '/functions/mail/design',
      id: 'dag',
      field: 'activationSeconds',
      value: 300,
    });
    applyEdit(b, { kind: 'row-insert', list: '/functions/mail/design', row: { id: 'scr', kind: 'scr' } });
    syncAll([a, b]);
    for (const doc of [a, b]) {
      const mail = snapshot(doc).functions[0];
      expect(Object.keys(mail?.recovery ?? {}).sort()).toEqual(['data-corruption', 'site-loss']);
      expect(mail?.design).toEqual([
        { id: 'dag', kind: 'dag', activationSeconds: 300 },
        { id: 'scr', kind: 'scr' },
      ]);
    }
  });
});
