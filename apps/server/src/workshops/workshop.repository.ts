import type { Database } from '@accord/db/schema';
import type { Requirements } from '@accord/core/model';
import { createWorkshopDoc } from '@accord/core/ydoc';
import { sql, type Kysely } from 'kysely';
import * as Y from 'yjs';
import { randomId } from '../auth/secret-token.ts';

export interface WorkshopRow {
  readonly id: string;
  readonly title: string;
  readonly template: string;
  readonly phase: string;
  readonly timerEndsAt: string | null;
  readonly timerDurationSeconds: number;
  readonly createdAt: string;
}

/** First key of the advisory lock that makes joins to one workshop take turns (the second is the workshop's). */
const JOIN_LOCK_CLASS = 4_711;

/** Workshops: the row that anchors everything, and its first stored document state. */
export class WorkshopRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Creates a workshop whose document holds `requirements`, stored as its first update (sequence 1), in the
   * same transaction as the row: a workshop never exists without its starting document.
   */
  async create(
    input: { title: string; template: string; requirements: Requirements },
    db: Kysely<Database> = this.db,
  ): Promise<WorkshopRow> {
    const id = randomId(12);
    const doc = createWorkshopDoc(input.requirements);
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const row = await db
      .insertInto('workshops')
      .values({ id, title: input.title, template: input.template, last_seq: 1 })
      .returning(['id', 'title', 'template', 'phase', 'timer_ends_at', 'timer_duration_s', 'created_at'])
      .executeTakeFirstOrThrow();
    await db.insertInto('yjs_updates').values({ workshop_id: id, seq: 1, update }).execute();
    return toWorkshop(row);
  }

  async get(id: string): Promise<WorkshopRow | undefined> {
    const row = await this.db
      .selectFrom('workshops')
      .select(['id', 'title', 'template', 'phase', 'timer_ends_at', 'timer_duration_s', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toWorkshop(row) : undefined;
  }

  /**
   * Makes joins to one workshop take turns until `trx` ends: an advisory lock, held until commit, that locks
   * no row (the workshop row is what edits lock), so each join sees the names taken before it.
   */
  async lockJoins(workshopId: string, trx: Kysely<Database>): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(${JOIN_LOCK_CLASS}, hashtext(${workshopId}))`.execute(trx);
  }
}

function toWorkshop(row: {
  id: string;
  title: string;
  template: string;
  phase: string;
  timer_ends_at: Date | null;
  timer_duration_s: number;
  created_at: Date;
}): WorkshopRow {
  return {
    id: row.id,
    title: row.title,
    template: row.template,
    phase: row.phase,
    timerEndsAt: row.timer_ends_at ? row.timer_ends_at.toISOString() : null,
    timerDurationSeconds: row.timer_duration_s,
    createdAt: row.created_at.toISOString(),
  };
}
