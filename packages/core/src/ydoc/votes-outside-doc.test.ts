import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { requirementsSchema } from '../model/index.ts';
import { TEMPLATES } from '../templates/index.ts';
import { applyEdit, createWorkshopDoc, readRaw, readSnapshot, writeRequirements } from './workshop-doc.ts';

const blank = requirementsSchema.parse(TEMPLATES.find((t) => t.id === 'blank')?.requirements);
const proposal = {
  id: 'p1',
  field: '/meta/title',
  value: 'New title',
  reason: 'clearer',
  proposedBy: 'Ann',
  createdAt: '',
  status: 'open' as const,
  ballot: 'blind' as const,
  revealed: false,
  votes: [{ voter: 'Bo', choice: 'for' as const }],
  votesCast: 1,
};

/** Every key anywhere in the doc's shared types, as the bytes a client receives would carry them. */
function keysIn(doc: Y.Doc): Set<string> {
  const keys = new Set<string>();
  const walk = (value: unknown): void => {
    if (!(value instanceof Y.Map)) return;
    for (const [key, inner] of value.entries()) {
      keys.add(key);
      walk(inner);
    }
  };
  walk(doc.getMap('requirements'));
  return keys;
}

// Whatever is in the shared document reaches every client, so a blind ballot could not stay blind there.
describe('votes never enter the shared document', () => {
  it('drops votes and their count when a file with them is written into a doc', () => {
    const doc = createWorkshopDoc({ ...blank, proposals: [proposal] });
    expect(keysIn(doc).has('votes')).toBe(false);
    expect(keysIn(doc).has('votesCast')).toBe(false);
    const other = new Y.Doc();
    writeRequirements(other, { ...blank, proposals: [proposal] });
    expect(keysIn(other).has('votes')).toBe(false);
    const snapshot = readSnapshot(doc);
    expect(snapshot.ok && snapshot.value.proposals[0]).toMatchObject({ id: 'p1', ballot: 'blind', votes: [] });
  });

  it('refuses to set votes through an edit and leaves the doc as it was', () => {
    const doc = createWorkshopDoc({ ...blank, proposals: [proposal] });
    const before = Y.encodeStateAsUpdate(doc);
    expect(
      applyEdit(doc, { kind: 'set', path: '/proposals/p1/votes', value: [{ voter: 'Eve', choice: 'for' }] }),
    ).toMatchObject({ ok: false, error: 'unknown-field' });
    expect(applyEdit(doc, { kind: 'insert', collection: 'proposals', item: { ...proposal, id: 'p2' } })).toEqual({
      ok: true,
    });
    expect(keysIn(doc).has('votes')).toBe(false);
    expect(Y.encodeStateAsUpdate(doc).length).toBeGreaterThan(before.length);
  });

  it('does not read votes an older doc holds (anyone could write them there)', () => {
    const doc = createWorkshopDoc({ ...blank, proposals: [proposal] });
    const forged = new Y.Map<unknown>();
    forged.set('Facilitator', 'for');
    (doc.getMap('requirements').get('proposals') as Y.Map<Y.Map<unknown>>).get('p1')?.set('votes', forged);
    const snapshot = readSnapshot(doc);
    expect(snapshot.ok && snapshot.value.proposals[0]?.votes).toEqual([]);
    expect((readRaw(doc).proposals as { votes: unknown }[])[0]?.votes).toEqual([]);
  });
});
