import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { requirementsSchema } from '../model/index.ts';
import { TEMPLATES } from '../templates/index.ts';
import { rootMap } from './doc-layout.ts';
import { applyEdit, createWorkshopDoc, fieldValue, readSnapshot, upgradeLayout } from './workshop-doc.ts';

const messaging = requirementsSchema.parse(TEMPLATES.find((t) => t.id === 'messaging')?.requirements);

function sync(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

function pair() {
  const a = createWorkshopDoc(messaging);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return { a, b };
}

/** The Yjs value stored at a path, for checking what kind of container holds it. */
function stored(doc: Y.Doc, path: string): unknown {
  let current: unknown = rootMap(doc);
  for (const segment of path.split('/').slice(1)) current = current instanceof Y.Map ? current.get(segment) : undefined;
  return current;
}

const fn = messaging.functions[0];
const written = readSnapshot(createWorkshopDoc(messaging));
/** The first escalation contact, with the id the doc gave it. */
const contact = written.ok ? written.value.support.escalation[0] : undefined;

describe('single-line free text is merged per keystroke', () => {
  it('holds titles, names and contacts as Y.Text and ids, enums and numbers as plain values', () => {
    const doc = createWorkshopDoc(messaging);
    expect(stored(doc, '/meta/title')).toBeInstanceOf(Y.Text);
    expect(stored(doc, '/meta/provider/name')).toBeInstanceOf(Y.Text);
    expect(stored(doc, `/functions/${fn?.id}/name`)).toBeInstanceOf(Y.Text);
    expect(stored(doc, `/support/escalation/${contact?.id ?? ''}/name`)).toBeInstanceOf(Y.Text);
    expect(stored(doc, `/functions/${fn?.id}/tier`)).toBe(fn?.tier);
    expect(stored(doc, `/functions/${fn?.id}/availability/targetPercent`)).toBe(fn?.availability?.targetPercent);
    expect(typeof stored(doc, '/meta/timeZone')).toBe('string');
  });

  it("keeps both people's keystrokes in one name typed at once", () => {
    const { a, b } = pair();
    const path = `/functions/${fn?.id}/name`;
    const length = String(fieldValue(a, path)).length;
    expect(applyEdit(a, { kind: 'text', path, index: length, deleteCount: 0, insert: ' (EU)' }).ok).toBe(true);
    expect(applyEdit(b, { kind: 'text', path, index: 0, deleteCount: 0, insert: 'Core ' }).ok).toBe(true);
    sync(a, b);
    expect(fieldValue(a, path)).toBe(`Core ${fn?.name} (EU)`);
    expect(fieldValue(b, path)).toBe(fieldValue(a, path));
    const snapshot = readSnapshot(b);
    expect(snapshot.ok && snapshot.value.functions[0]?.name).toBe(`Core ${fn?.name} (EU)`);
  });

  it("rewrites a row's text in place, so a concurrent keystroke in it survives", () => {
    const { a, b } = pair();
    const id = contact?.id ?? '';
    const list = '/support/escalation';
    const before = stored(a, `${list}/${id}/contact`);
    expect(applyEdit(a, { kind: 'row-set', list, id, field: 'contact', value: 'ops@example.org' }).ok).toBe(true);
    expect(stored(a, `${list}/${id}/contact`)).toBe(before);
    expect(applyEdit(b, { kind: 'text', path: `${list}/${id}/name`, index: 0, deleteCount: 0, insert: 'Dr ' }).ok).toBe(
      true,
    );
    expect(applyEdit(a, { kind: 'row-set', list, id, field: 'level', value: 3 }).ok).toBe(true);
    sync(a, b);
    expect(fieldValue(a, `${list}/${id}/name`)).toBe(`Dr ${contact?.name}`);
    expect(fieldValue(b, `${list}/${id}/contact`)).toBe('ops@example.org');
  });

  it('loads an older doc holding plain strings, and upgrades them to texts once', () => {
    const doc = createWorkshopDoc(messaging);
    doc.transact(() => {
      (stored(doc, '/meta') as Y.Map<unknown>).set('title', 'Plain title');
      (stored(doc, `/functions/${fn?.id}`) as Y.Map<unknown>).set('name', 'Plain name');
    });
    const old = readSnapshot(doc);
    expect(old.ok && old.value.meta.title).toBe('Plain title');
    expect(old.ok && old.value.functions[0]?.name).toBe('Plain name');
    // A `set` still works on the plain string; a keystroke waits for the upgrade.
    expect(applyEdit(doc, { kind: 'text', path: '/meta/title', index: 0, deleteCount: 0, insert: 'x' }).ok).toBe(false);
    expect(upgradeLayout(doc)).toBe(true);
    expect(stored(doc, '/meta/title')).toBeInstanceOf(Y.Text);
    expect(applyEdit(doc, { kind: 'text', path: '/meta/title', index: 0, deleteCount: 0, insert: 'A ' }).ok).toBe(true);
    const upgraded = readSnapshot(doc);
    expect(upgraded.ok && upgraded.value.meta.title).toBe('A Plain title');
    expect(upgraded.ok && upgraded.value.functions[0]?.name).toBe('Plain name');
    expect(upgradeLayout(doc)).toBe(false);
  });
});
