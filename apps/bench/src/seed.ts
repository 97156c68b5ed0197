import { requirementsSchema } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import { openDatabase } from '@accord/server/database';
import { ParticipantRepository } from '@accord/server/participant-repository';
import { UpdateStore } from '@accord/server/update-store';
import { WorkshopRepository } from '@accord/server/workshop-repository';
import * as Y from 'yjs';
import type { SeedDatabase } from './bench-database.ts';
import { seededRandom } from './seeded-random.ts';
import { summarize, type Summary } from './stats.ts';

/** A workshop as the bench reaches it: its id (also the reference server's room name) and one token per seat. */
export interface SeededRoom {
  readonly id: string;
  readonly tokens: readonly string[];
}

export interface SeedPlan {
  /** Workshops of the many-rooms scenario and stakeholders in each. */
  readonly rooms: number;
  readonly editorsPerRoom: number;
  /** Stakeholders of the one hot workshop. */
  readonly hotEditors: number;
  /** Workshops the join/leave cycles rotate through (one seat each; a seat may be taken several times). */
  readonly churnRooms: number;
  /** Small updates stored, then compacted, in the big workshop. */
  readonly bigUpdates: number;
  /** Times the in-process load path (store read plus applying to a doc) is measured. */
  readonly loadRuns: number;
}

export interface BigWorkshop extends SeededRoom {
  /** The whole document as one update (pushed to the reference server, which stores nothing). */
  readonly state: Uint8Array;
  readonly stateVector: Uint8Array;
  /** Bytes of the stored snapshot. */
  readonly snapshotBytes: number;
  /** `UpdateStore.load` plus applying snapshot and tail to a fresh doc, ms, in the bench process. */
  readonly inProcessLoad: Summary;
}

export interface Seeded {
  readonly rooms: readonly SeededRoom[];
  readonly hot: SeededRoom;
  readonly churn: readonly SeededRoom[];
  readonly big: BigWorkshop;
}

/**
 * Seeds workshops and stakeholders straight into the database, through the server's own repositories,
 * before any server process opens it. Load rooms start blank, like a new workshop; the big one holds
 * `bigUpdates` edits made by ten authors, compacted the way the server compacts.
 */
export async function seedDatabase(seed: SeedDatabase, plan: SeedPlan): Promise<Seeded> {
  const database = await openDatabase(seed.options);
  try {
    const workshops = new WorkshopRepository(database.db);
    const participants = new ParticipantRepository(database.db);
    const store = new UpdateStore(database.db);
    const blank = requirementsSchema.parse(templateById('blank')?.requirements);
    // One transaction for every row: hundreds of single-row commits would take PGlite many seconds.
    const { rooms, hot, churn, bigRoom } = await database.db.transaction().execute(async (trx) => {
      const room = async (title: string, seats: number): Promise<SeededRoom> => {
        const workshop = await workshops.create({ title, template: 'blank', requirements: blank }, trx);
        const tokens: string[] = [];
        for (let i = 0; i < seats; i += 1) {
          tokens.push(
            (await participants.create({ workshopId: workshop.id, name: `editor ${i + 1}`, role: 'stakeholder' }, trx))
              .token,
          );
        }
        return { id: workshop.id, tokens };
      };
      const many: SeededRoom[] = [];
      for (let i = 0; i < plan.rooms; i += 1) many.push(await room(`Bench room ${i + 1}`, plan.editorsPerRoom));
      const one = await room('Bench hot room', plan.hotEditors);
      const cycled: SeededRoom[] = [];
      for (let i = 0; i < plan.churnRooms; i += 1) cycled.push(await room(`Bench churn ${i + 1}`, 1));
      return { rooms: many, hot: one, churn: cycled, bigRoom: await room('Bench 10k updates', 2) };
    });
    const stored = await store.load(bigRoom.id);
    const updates = authoredUpdates(
      stored.tail.map((row) => row.update),
      plan.bigUpdates,
    );
    for (let i = 0; i < updates.length; i += 1_000) {
      await store.append([{ workshopId: bigRoom.id, updates: updates.slice(i, i + 1_000) }]);
    }
    const compacted = await store.compact(bigRoom.id);
    const loadTimes: number[] = [];
    let doc = new Y.Doc();
    for (let i = 0; i < plan.loadRuns; i += 1) {
      const started = performance.now();
      const loaded = await store.load(bigRoom.id);
      doc.destroy();
      doc = new Y.Doc();
      const parts = [...(loaded.snapshot ? [loaded.snapshot.state] : []), ...loaded.tail.map((row) => row.update)];
      Y.applyUpdate(doc, parts.length === 1 ? (parts[0] ?? new Uint8Array()) : Y.mergeUpdates(parts));
      loadTimes.push(performance.now() - started);
    }
    const big: BigWorkshop = {
      ...bigRoom,
      state: Y.encodeStateAsUpdate(doc),
      stateVector: Y.encodeStateVector(doc),
      snapshotBytes: compacted?.bytes ?? 0,
      inProcessLoad: summarize(loadTimes),
    };
    doc.destroy();
    return { rooms, hot, churn, big };
  } finally {
    await database.close();
  }
}

/**
 * `count` small updates on top of `initial`: ten authors typing into shared notes (most edits), deleting
 * a few characters, and setting fields — the shape of a long workshop's log.
 */
function authoredUpdates(initial: readonly Uint8Array[], count: number): Uint8Array[] {
  const random = seededRandom(10_000);
  const doc = new Y.Doc();
  for (const update of initial) Y.applyUpdate(doc, update);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const authors = Array.from({ length: 10 }, (_, i) => 1_000 + i);
  const notes = doc.getText('bench-notes');
  const fields = doc.getMap('bench-fields');
  while (updates.length < count) {
    doc.clientID = authors[Math.floor(random() * authors.length)] ?? 1_000;
    const roll = random();
    if (roll < 0.7 || notes.length < 10) {
      notes.insert(Math.floor(random() * (notes.length + 1)), 'abcdefghij'.slice(0, 1 + Math.floor(random() * 3)));
    } else if (roll < 0.8) {
      notes.delete(Math.floor(random() * (notes.length - 5)), 1 + Math.floor(random() * 5));
    } else {
      fields.set(`field-${Math.floor(random() * 200)}`, Math.round(random() * 10_000) / 100);
    }
  }
  doc.destroy();
  return updates;
}
