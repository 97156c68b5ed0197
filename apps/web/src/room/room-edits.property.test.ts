import { componentAvailabilitySchema, measurementWindowSchema, recurrenceSchema } from '@accord/core/model';
import { applyEdits, readRaw, type Edit } from '@accord/core/ydoc';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editAt, insertAt, removeAt } from '../lib/path-edit.ts';
import { rec, str, valueAt, type RawRecord } from '../lib/raw.ts';
import { rows } from '../lib/rows.ts';
import { PROTECTIONS } from '../lib/vocabulary.ts';
import {
  availabilityKindEdits,
  designKindsEdits,
  nextEscalationContact,
  recurrenceKindEdits,
  statedAsEdits,
  windowEdits,
} from './room-edits.ts';
import { smallWorkshopDoc } from './room-edits.fixture.ts';

/**
 * What the room does to the lists and unions it edits structurally, done by 2–3 people at once: each applies
 * random choices to their own copy without hearing from the others (as when offline), then every update is
 * delivered in a random order. Every copy converges; escalation contacts one person adds or edits survive
 * what others add and remove; protections ticked by everyone stay, unticked by everyone go, and no kind is
 * listed twice; a switched union (a component's availability, a window, a recurrence) is always one the
 * requirements accept, whatever was set beside the switch. How a target is stated is switched too but not
 * checked so: its two statements are two keys, and a switch beside an edit of the target keeps both (the
 * room shows that on the choice, where choosing again mends it; see `statedAsEdits`).
 */

const ACTIONS = [
  'add-contact',
  'remove-contact',
  'edit-contact',
  'tick',
  'availability-kind',
  'availability-figure',
  'recurrence-kind',
  'recurrence-week',
  'window',
  'stated-as',
] as const;
type Action = (typeof ACTIONS)[number];

interface Choice {
  readonly action: Action;
  readonly pick: number;
  readonly text: string;
}

const choice: fc.Arbitrary<Choice> = fc.record({
  action: fc.constantFrom(...ACTIONS),
  pick: fc.nat({ max: 1000 }),
  text: fc.string({ minLength: 1, maxLength: 5 }),
});

const scenario = fc.integer({ min: 2, max: 3 }).chain((people) =>
  fc.record({
    choices: fc.array(fc.array(choice, { minLength: 1, maxLength: 12 }), { minLength: people, maxLength: people }),
    // Random keys give the delivery order of every (update, receiving copy) pair.
    deliveryKeys: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 100, maxLength: 100 }),
  }),
);

const ESCALATION = '/support/escalation';
const KINDS = PROTECTIONS.map((option) => option.value);
const WEEKS = [1, 2, 3, 4, 'last'] as const;
const applied = new Map<Action, number>(ACTIONS.map((action) => [action, 0]));

function at<T>(list: readonly T[], pick: number): T | undefined {
  return list.length === 0 ? undefined : list[pick % list.length];
}

/** What one person's choice does to their copy, as the room's fields and `Collection` do it. */
function edits(raw: RawRecord, { action, pick, text }: Choice, newId: () => string): Edit[] {
  const contacts = rows(valueAt(raw, ESCALATION));
  const design = rows(valueAt(raw, '/functions/mail/design'));
  const recurrence = rec(valueAt(raw, '/maintenance/patch/recurrence'));
  const availability = rec(valueAt(raw, '/components/mailbox-db/availability'));
  switch (action) {
    case 'add-contact': {
      const edit = insertAt(ESCALATION, { ...nextEscalationContact(contacts, text), id: newId() });
      return edit ? [edit] : [];
    }
    case 'remove-contact': {
      const contact = at(contacts, pick);
      const edit = contact && removeAt(ESCALATION, contact.id);
      return edit ? [edit] : [];
    }
    case 'edit-contact': {
      const contact = at(contacts, pick);
      return contact ? [editAt(`${ESCALATION}/${contact.id}/${pick % 2 ? 'role' : 'contact'}`, text)] : [];
    }
    case 'tick': {
      const kind = at(KINDS, pick) ?? 'dag';
      const kinds = design.map((row) => str(row.kind));
      const next = kinds.includes(kind) ? kinds.filter((k) => k !== kind) : [...kinds, kind];
      return designKindsEdits('mail', design, next);
    }
    case 'availability-kind':
      return availabilityKindEdits('mailbox-db', availability.kind === 'mtbf' ? 'percent' : 'mtbf');
    case 'availability-figure':
      // A figure of the kind this person sees, set by its path while someone else may switch the kind.
      return availability.kind === 'mtbf'
        ? [editAt('/components/mailbox-db/availability/mttrHours', (pick % 24) + 1)]
        : [editAt('/components/mailbox-db/availability/percent', 99 + (pick % 10) / 10)];
    case 'recurrence-kind':
      return recurrenceKindEdits('patch', recurrence.kind === 'monthly' ? 'weekly' : 'monthly', recurrence.week);
    case 'recurrence-week':
      return [editAt('/maintenance/patch/recurrence/week', at(WEEKS, pick) ?? 'last')];
    case 'window':
      return windowEdits(raw, 'mail', pick % 2 ? 'service-hours' : '24x7');
    case 'stated-as':
      return statedAsEdits('mail', pick % 2 ? 'tolerated' : 'target', undefined);
    default: {
      const unknown: never = action;
      return unknown;
    }
  }
}

const START = Y.encodeStateAsUpdate(smallWorkshopDoc());
const ORIGINAL_CONTACTS = ['desk', 'lead'];

function run({ choices, deliveryKeys }: { choices: Choice[][]; deliveryKeys: number[] }): void {
  const docs = choices.map(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, START);
    return doc;
  });
  const updates = docs.map((doc) => {
    const sent: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => sent.push(update));
    return sent;
  });
  const added = new Set<string>();
  const removed = new Set<string>();
  choices.forEach((list, person) => {
    const doc = docs[person] as Y.Doc;
    let serial = 0;
    for (const next of list) {
      const made = edits(readRaw(doc), next, () => `contact-p${person}-${(serial += 1)}`);
      if (made.length === 0 || !applyEdits(doc, made).ok) continue;
      applied.set(next.action, (applied.get(next.action) ?? 0) + 1);
      for (const edit of made) {
        if (edit.kind === 'row-insert' && edit.list === ESCALATION) added.add(edit.row.id);
        if (edit.kind === 'row-remove' && edit.list === ESCALATION) removed.add(edit.id);
      }
    }
  });
  const ticked = docs.map((doc) => new Set(rows(valueAt(readRaw(doc), '/functions/mail/design')).map((r) => r.kind)));

  const deliveries = updates
    .flatMap((sent, from) => sent.flatMap((update) => docs.map((_, to) => ({ from, to, update }))))
    .filter((d) => d.from !== d.to)
    .map((d, index) => ({ ...d, key: deliveryKeys[index % deliveryKeys.length] ?? 0 }))
    .sort((a, b) => a.key - b.key);
  for (const { to, update } of deliveries) Y.applyUpdate(docs[to] as Y.Doc, update);

  const merged = readRaw(docs[0] as Y.Doc);
  for (const doc of docs) expect(readRaw(doc)).toEqual(merged);

  // Nobody else saw a contact added meanwhile, so nobody else could remove it: every one added and not taken
  // back by its author is there, and every contact of the start is there unless somebody removed it.
  const contacts = new Set(rows(valueAt(merged, ESCALATION)).map((row) => row.id));
  for (const id of [...added, ...ORIGINAL_CONTACTS]) expect(contacts.has(id), id).toBe(!removed.has(id));

  const design = rows(valueAt(merged, '/functions/mail/design')).map((row) => str(row.kind));
  expect(new Set(design).size, 'no protection listed twice').toBe(design.length);
  for (const kind of KINDS) {
    if (ticked.every((set) => set.has(kind))) expect(design, `${kind} ticked by all`).toContain(kind);
    if (ticked.every((set) => !set.has(kind))) expect(design, `${kind} unticked by all`).not.toContain(kind);
  }

  expect(componentAvailabilitySchema.safeParse(valueAt(merged, '/components/mailbox-db/availability')).error).toBe(
    undefined,
  );
  expect(recurrenceSchema.safeParse(valueAt(merged, '/maintenance/patch/recurrence')).error).toBe(undefined);
  expect(measurementWindowSchema.safeParse(valueAt(merged, '/functions/mail/availability/window')).error).toBe(
    undefined,
  );
}

describe('the room’s structural edits, made by several people at once', () => {
  it(
    'converge in any delivery order, keep every row edit, and leave only unions the requirements accept',
    { timeout: 120_000 },
    () => {
      fc.assert(fc.property(scenario, run), { numRuns: 100 });
    },
  );

  afterAll(() => {
    // The property exercised every kind of choice, each many times.
    for (const action of ACTIONS) expect(applied.get(action), action).toBeGreaterThan(20);
  });
});
