import { requirementsSchema } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import { applyEdit, createWorkshopDoc } from '@accord/core/ydoc';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { novelChange } from './novel-part.ts';
import { UpdateShapeGuard, type ViolationKind, type Writer } from './update-shape.ts';

/** The server's document (from a template) and a client that has synced it. */
function setup(): { server: Y.Doc; client: Y.Doc; guard: UpdateShapeGuard } {
  const server = createWorkshopDoc(requirementsSchema.parse(templateById('messaging')?.requirements));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client, guard: new UpdateShapeGuard(server) };
}

/** What the client has that the server lacks, as the door receives it, checked as `writer`. */
function verdict(
  server: Y.Doc,
  client: Y.Doc,
  guard: UpdateShapeGuard,
  writer: Writer = 'editor',
): ViolationKind | 'ok' | 'nothing' {
  const change = novelChange(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
  if (!change) return 'nothing';
  const result = guard.check(change.decoded, writer);
  return result.ok ? 'ok' : result.violation.kind;
}

const root = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('requirements');
const firstId = (doc: Y.Doc, collection: string): string =>
  [...(root(doc).get(collection) as Y.Map<unknown>).keys()][0] ?? '';

describe("the Yjs door's shape check", () => {
  it("takes an editor's ordinary edits: text, fields, inserting and removing items", () => {
    const { server, client, guard } = setup();
    expect(
      applyEdit(client, { kind: 'text', path: '/meta/description', index: 0, deleteCount: 0, insert: 'Hello' }).ok,
    ).toBe(true);
    expect(applyEdit(client, { kind: 'set', path: '/meta/title', value: 'Mail' }).ok).toBe(true);
    expect(
      applyEdit(client, {
        kind: 'insert',
        collection: 'risks',
        item: { id: 'r-new', threat: 'flood', rationale: 'because' },
      }).ok,
    ).toBe(true);
    expect(applyEdit(client, { kind: 'remove', collection: 'components', id: firstId(client, 'components') }).ok).toBe(
      true,
    );
    expect(verdict(server, client, guard)).toBe('ok');
  });

  it('resolves an update built on an earlier one that is accepted but not applied yet', () => {
    const { server, client, guard } = setup();
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    applyEdit(client, { kind: 'text', path: '/meta/description', index: 0, deleteCount: 0, insert: 'a' });
    applyEdit(client, { kind: 'text', path: '/meta/description', index: 1, deleteCount: 0, insert: 'b' });
    const first = guard.check(Y.decodeUpdate(updates[0] as Uint8Array), 'editor');
    expect(first.ok).toBe(true);
    expect(guard.check(Y.decodeUpdate(updates[1] as Uint8Array), 'editor').ok).toBe(true);
    if (first.ok) guard.release(first.held);
    // Without the first one held, the second builds on content the server does not have.
    expect(new UpdateShapeGuard(server).check(Y.decodeUpdate(updates[1] as Uint8Array), 'editor')).toMatchObject({
      ok: false,
      violation: { kind: 'unknown-reference' },
    });
  });

  it('refuses any change from a read-only role', () => {
    const { server, client, guard } = setup();
    applyEdit(client, { kind: 'set', path: '/meta/title', value: 'Mine' });
    expect(verdict(server, client, guard, 'read-only')).toBe('read-only');
  });

  it("keeps proposals and decisions the server's: status, votes, new decisions, deletions", () => {
    const forge: ((doc: Y.Doc) => void)[] = [
      (doc) =>
        applyEdit(doc, {
          kind: 'insert',
          collection: 'proposals',
          item: { id: 'p-forged', field: '/meta/title', value: 'x', status: 'accepted', by: 'Fac' },
        }),
      (doc) =>
        applyEdit(doc, {
          kind: 'insert',
          collection: 'decisions',
          item: { id: 'd-forged', text: 'decided', by: 'Facilitator' },
        }),
      (doc) => root(doc).set('decisions', new Y.Map()),
      (doc) => root(doc).delete('proposals'),
    ];
    for (const write of forge) {
      const { server, client, guard } = setup();
      write(client);
      expect(verdict(server, client, guard)).toBe('server-only');
    }
    const { server, client, guard } = setup();
    applyEdit(client, {
      kind: 'insert',
      collection: 'proposals',
      item: { id: 'p-1', field: '/meta/title', value: 'x', status: 'open' },
    });
    expect(verdict(server, client, guard, 'server')).toBe('ok');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    for (const write of [
      (doc: Y.Doc) =>
        ((root(doc).get('proposals') as Y.Map<Y.Map<unknown>>).get('p-1') as Y.Map<unknown>).set('status', 'accepted'),
      (doc: Y.Doc) => {
        const votes = new Y.Map<unknown>();
        votes.set('Sponsor', 'for');
        ((root(doc).get('proposals') as Y.Map<Y.Map<unknown>>).get('p-1') as Y.Map<unknown>).set('votes', votes);
      },
      (doc: Y.Doc) => applyEdit(doc, { kind: 'remove', collection: 'proposals', id: 'p-1' }),
    ]) {
      const forger = new Y.Doc();
      Y.applyUpdate(forger, Y.encodeStateAsUpdate(server));
      write(forger);
      expect(verdict(server, forger, new UpdateShapeGuard(server))).toBe('server-only');
    }
  });

  it('refuses new roots, deep nesting, long keys and wrong value types', () => {
    const cases: [string, (doc: Y.Doc) => void, ViolationKind][] = [
      ['a new root', (doc) => doc.getMap('elsewhere').set('x', 1), 'new-root'],
      ['a text root', (doc) => doc.getText('notes').insert(0, 'x'), 'new-root'],
      [
        'a map nested 5 000 deep',
        (doc) => {
          const top = new Y.Map<unknown>();
          let current = top;
          root(doc).set('deep', top);
          for (let i = 0; i < 5000; i += 1) {
            const next = new Y.Map<unknown>();
            current.set('d', next);
            current = next;
          }
        },
        'too-deep',
      ],
      [
        'a JSON value nested deep',
        (doc) => {
          let value: unknown = 1;
          for (let i = 0; i < 50; i += 1) value = [value];
          (root(doc).get('meta') as Y.Map<unknown>).set('exclusions', value);
        },
        'too-deep',
      ],
      ['a long key', (doc) => (root(doc).get('meta') as Y.Map<unknown>).set('k'.repeat(500), 1), 'key-too-long'],
      [
        'a Y.Text at a plain field',
        (doc) => (root(doc).get('meta') as Y.Map<unknown>).set('timeZone', new Y.Text('x')),
        'wrong-type',
      ],
      [
        'a Y.Map at a text field',
        (doc) => (root(doc).get('meta') as Y.Map<unknown>).set('description', new Y.Map()),
        'wrong-type',
      ],
      [
        'a string at a text field',
        (doc) => (root(doc).get('meta') as Y.Map<unknown>).set('description', 'plain'),
        'wrong-type',
      ],
      [
        'a plain object for a group of fields',
        (doc) => (root(doc).get('meta') as Y.Map<unknown>).set('provider', { name: 'x' }),
        'wrong-type',
      ],
      ['a Y.Array', (doc) => (root(doc).get('meta') as Y.Map<unknown>).set('sponsors', new Y.Array()), 'wrong-type'],
      ['a plain value as a collection', (doc) => root(doc).set('risks', [1, 2]), 'wrong-type'],
      [
        'a plain value as a collection item',
        (doc) => (root(doc).get('risks') as Y.Map<unknown>).set('r-x', 'x'),
        'wrong-type',
      ],
      [
        'formatting in a text',
        (doc) => {
          (root(doc).get('meta') as Y.Map<unknown>).set('description', new Y.Text('abc'));
          ((root(doc).get('meta') as Y.Map<unknown>).get('description') as Y.Text).format(0, 2, { bold: true });
        },
        'wrong-type',
      ],
      [
        'binary data',
        (doc) => (root(doc).get('meta') as Y.Map<unknown>).set('title', new Uint8Array([1, 2])),
        'wrong-type',
      ],
    ];
    for (const [what, write, expected] of cases) {
      const { server, client, guard } = setup();
      write(client);
      expect(verdict(server, client, guard), what).toBe(expected);
    }
  });

  it('refuses a deletion of content the server does not have', () => {
    const { guard } = setup();
    // No structs; a delete set of one client (424242) and one range: clocks 0 to 1 000 000.
    const encoder = encoding.createEncoder();
    for (const n of [0, 1, 424242, 1, 0, 1_000_000]) encoding.writeVarUint(encoder, n);
    const update = encoding.toUint8Array(encoder);
    expect(guard.check(Y.decodeUpdate(update), 'editor')).toMatchObject({
      ok: false,
      violation: { kind: 'unknown-reference' },
    });
  });
});
