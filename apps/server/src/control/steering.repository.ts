import type { Database } from '@accord/db/schema';
import type { Phase } from '@accord/protocol/phases';
import { sql, type Kysely } from 'kysely';

/** A workshop's agenda phase and countdown as stored: the phase text and the countdown's end, if running. */
export interface SteeringRow {
  readonly phase: string;
  readonly timerEndsAt: Date | null;
  readonly timerDurationSeconds: number;
  /** When and by whom the room was frozen for signing; null while it is open. */
  readonly frozenAt: Date | null;
  readonly frozenBy: string | null;
}

/** The `workshops` columns the facilitator steers (`phase`, `timer_ends_at`, `timer_duration_s`), and the freeze. */
export class SteeringRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(workshopId: string): Promise<SteeringRow | undefined> {
    const row = await this.db
      .selectFrom('workshops')
      .select(['phase', 'timer_ends_at', 'timer_duration_s', 'frozen_at', 'frozen_by'])
      .where('id', '=', workshopId)
      .executeTakeFirst();
    return (
      row && {
        phase: row.phase,
        timerEndsAt: row.timer_ends_at,
        timerDurationSeconds: row.timer_duration_s,
        frozenAt: row.frozen_at,
        frozenBy: row.frozen_by,
      }
    );
  }

  /** Moves to `phase`; `stopTimer` also clears the countdown in the same statement. */
  async setPhase(workshopId: string, phase: Phase, stopTimer: boolean): Promise<void> {
    await this.db
      .updateTable('workshops')
      .set(stopTimer ? { phase, timer_ends_at: sql<null>`null`, timer_duration_s: 0 } : { phase })
      .where('id', '=', workshopId)
      .execute();
  }

  async startTimer(workshopId: string, endsAt: Date, durationSeconds: number): Promise<void> {
    await this.db
      .updateTable('workshops')
      .set({ timer_ends_at: endsAt, timer_duration_s: durationSeconds })
      .where('id', '=', workshopId)
      .execute();
  }

  async stopTimer(workshopId: string): Promise<void> {
    await this.db
      .updateTable('workshops')
      .set({ timer_ends_at: sql<null>`null`, timer_duration_s: 0 })
      .where('id', '=', workshopId)
      .execute();
  }
}
