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

/** The room's freeze for signing as stored: when and by whom, or null while it is open. */
export interface StoredFreeze {
  readonly at: Date;
  readonly by: string;
}

/** Workshops: the row that anchors everything, its first stored document state, and its freeze for signing. */
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

  /** The workshop's freeze: null while the room is open, undefined when there is no such workshop. */
  async freeze(workshopId: string): Promise<StoredFreeze | null | undefined> {
    const row = await this.db
      .selectFrom('workshops')
      .select(['frozen_at', 'frozen_by'])
      .where('id', '=', workshopId)
      .executeTakeFirst();
    if (!row) return undefined;
    return row.frozen_at ? { at: row.frozen_at, by: row.frozen_by ?? '' } : null;
  }

  /**
   * Freezes the room in `by`'s name, or unfreezes it (`by` null). Only a change counts: resolves false when
   * the room already was in that state (or there is no such workshop), so two facilitators racing see one win.
   */
  async setFrozen(workshopId: string, by: string | null): Promise<boolean> {
    const result = await this.db
      .updateTable('workshops')
      .set(by !== null ? { frozen_at: new Date(), frozen_by: by } : { frozen_at: null, frozen_by: null })
      .where('id', '=', workshopId)
      .where('frozen_at', by !== null ? 'is' : 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Which of the given workshops are frozen now: each existing one mapped to whether it is. */
  async frozenAmong(workshopIds: readonly string[]): Promise<Map<string, boolean>> {
    if (workshopIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('workshops')
      .select(['id', 'frozen_at'])
      .where('id', 'in', workshopIds)
      .execute();
    return new Map(rows.map((row) => [row.id, row.frozen_at !== null]));
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
