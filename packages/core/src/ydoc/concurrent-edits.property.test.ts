import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { requirementsSchema } from '../model/index.ts';
import { materialize, type Intent } from './edit-intents.fixture.ts';
import { applyEdit, createWorkshopDoc, editSchema, fieldValue, readRaw, type Edit } from './workshop-doc.ts';

/**
 * The concurrent-structure property: 2–4 docs start from one state, each applies random edits of every kind
 * without hearing from the others, then all updates are delivered in a random order. Every doc converges
 * to one state, and every edit any doc made survives in all of them: the value at each path an edit decided
 * is, in every merged doc, what its author saw after its own edits. Concurrent edits are kept apart by path
 * (no doc decides a path inside or above one another doc decided), because two people setting the same
 * field is a conflict with one winner, not a lost edit.
 */

const KINDS = editSchema.options.map((option) => option.shape.kind.value) as Edit['kind'][];

/** A small workshop with something in every collection and row list. */
const SMALL = {
  formatVersion: 1,
  meta: {
    title: 'Mail',
    service: 'Messaging',
    timeZone: 'Europe/Berlin',
    sponsors: [
      { name: 'Dana Roth', role: 'CIO' },
      { name: 'Lee Park', role: 'COO' },
    ],
  },
  calendars: [
    {
      id: 'office',
      name: 'Office',
      slots: [{ day: 'mon', start: '08:00', end: '18:00' }],
      holidays: [{ date: '2027-12-24', name: 'Eve' }],
    },
  ],
  components: [{ id: 'mailbox-db', name: 'Mailbox DB', availability: { kind: 'percent', percent: 99.9 } }],
  functions: [
    {
      id: 'mail',
      name: 'Mail',
      dependsOn: ['mailbox-db'],
      availability: { targetPercent: 99.9 },
      recovery: { 'site-loss': { rpoSeconds: 3600, rtoSeconds: 14_400 } },
      design: [{ kind: 'dag' }, { kind: 'scr', replayLagSeconds: 86_400 }],
    },
  ],
  risks: [{ id: 'flood', threat: 'Flood', likelihood: 'rare', impact: 'major' }],
  support: {
    severities: [{ id: 'sev1', name: 'Outage', fullOutage: true }],
    escalation: [
      { level: 1, name: 'Desk' },
      { level: 2, name: 'Lead' },
    ],
  },
};

/** The shared start: the small workshop, plus a function, a calendar and a proposal added as the room adds them. */
function startUpdate(): Uint8Array {
  const doc = createWorkshopDoc(requirementsSchema.parse(SMALL));
  const steps: Edit[] = [
    { kind: 'insert', collection: 'functions', item: { id: 'fresh-function', name: 'Fresh function', tier: 'medium' } },
    { kind: 'insert', collection: 'calendars', item: { id: 'fresh-calendar', name: 'Fresh calendar' } },
    {
      kind: 'insert',
      collection: 'proposals',
      item: { id: 'fresh-proposal', field: '/meta/title', value: 'T', proposedBy: 'Pat' },
    },
  ];
  for (const step of steps) expect(applyEdit(doc, step).ok).toBe(true);
  return Y.encodeStateAsUpdate(doc);
}

const START = startUpdate();

function isInside(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`);
}

const intent: fc.Arbitrary<Intent> = fc.record({
  kind: fc.constantFrom(...KINDS),
  picks: fc.array(fc.nat({ max: 1000 }), { minLength: 8, maxLength: 8 }),
  text: fc.string({ minLength: 1, maxLength: 6 }),
  num: fc.nat({ max: 100_000 }),
});

const scenario = fc.integer({ min: 2, max: 4 }).chain((docs) =>
  fc.record({
    intents: fc.array(fc.array(intent, { minLength: 1, maxLength: 10 }), { minLength: docs, maxLength: docs }),
    // Random keys give the delivery order of every (update, receiving doc) pair.
    deliveryKeys: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 200, maxLength: 200 }),
  }),
);

const applied = new Map<Edit['kind'], number>(KINDS.map((kind) => [kind, 0]));

function run({ intents, deliveryKeys }: { intents: Intent[][]; deliveryKeys: number[] }): void {
  const docs = intents.map(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, START);
    return doc;
  });
  const updates = docs.map((doc) => {
    const sent: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => sent.push(update));
    return sent;
  });
  /** Paths decided by each doc, and the value each doc saw there after its own edits. */
  const decided: { doc: number; target: string }[] = [];
  intents.forEach((list, index) => {
    const doc = docs[index] as Y.Doc;
    let serial = 0;
    for (const next of list) {
      const made = materialize(doc, next, (prefix) => `${prefix}-d${index}-${(serial += 1)}`);
      if (!made) continue;
      if (decided.some((d) => d.doc !== index && (isInside(made.target, d.target) || isInside(d.target, made.target))))
        continue;
      if (!applyEdit(doc, made.edit).ok) continue;
      decided.push({ doc: index, target: made.target });
      applied.set(made.edit.kind, (applied.get(made.edit.kind) ?? 0) + 1);
    }
  });
  const expected = decided.map(({ doc, target }) => ({ doc, target, value: fieldValue(docs[doc] as Y.Doc, target) }));

  const deliveries = updates
    .flatMap((sent, from) => sent.flatMap((update) => docs.map((_, to) => ({ from, to, update }))))
    .filter((d) => d.from !== d.to)
    .map((d, index) => ({ ...d, key: deliveryKeys[index % deliveryKeys.length] ?? 0 }))
    .sort((a, b) => a.key - b.key);
  for (const { to, update } of deliveries) Y.applyUpdate(docs[to] as Y.Doc, update);

  // Map keys may iterate in another order on each replica; the content must be the same.
  const first = readRaw(docs[0] as Y.Doc);
  for (const doc of docs) {
    expect(readRaw(doc)).toEqual(first);
    expect(doc.store.pendingStructs).toBeNull();
    for (const { doc: author, target, value } of expected) {
      expect(fieldValue(doc, target), `doc ${author}'s edit at ${target}`).toEqual(value);
    }
  }
}

describe('concurrent structure never loses an edit', () => {
  it(
    'every edit of every kind that any doc made survives in all docs, and all docs converge',
    { timeout: 120_000 },
    () => {
      fc.assert(fc.property(scenario, run), { numRuns: 120 });
    },
  );

  afterAll(() => {
    // The property covered every edit kind of edits.ts, each applied many times.
    for (const kind of KINDS) expect(applied.get(kind), kind).toBeGreaterThan(20);
  });
});
