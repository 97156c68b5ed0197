import type { Database } from '@accord/db/schema';
import { sql, type Kysely } from 'kysely';
import { randomId } from '../auth/secret-token.ts';

/** A sponsor the facilitator named, who must sign: one name everywhere, as the facilitator wrote it. */
export interface SponsorSeat {
  readonly id: string;
  readonly workshopId: string;
  readonly name: string;
  readonly email: string;
  readonly title: string;
  /** The participant who claimed the seat's invite; null until then. */
  readonly participantId: string | null;
  /** The single sign-on identity the seat is bound to, once its person logged in. */
  readonly identity: { readonly issuer: string; readonly subject: string } | null;
  readonly createdAt: string;
  readonly removed: boolean;
}

type Row = {
  id: string;
  workshop_id: string;
  name: string;
  email: string;
  title: string;
  participant_id: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: Date;
  removed_at: Date | null;
};

const COLUMNS = [
  'id',
  'workshop_id',
  'name',
  'email',
  'title',
  'participant_id',
  'oidc_issuer',
  'oidc_subject',
  'created_at',
  'removed_at',
] as const;

function toSeat(row: Row): SponsorSeat {
  return {
    id: row.id,
    workshopId: row.workshop_id,
    name: row.name,
    email: row.email,
    title: row.title,
    participantId: row.participant_id,
    identity:
      row.oidc_issuer !== null && row.oidc_subject !== null
        ? { issuer: row.oidc_issuer, subject: row.oidc_subject }
        : null,
    createdAt: row.created_at.toISOString(),
    removed: row.removed_at !== null,
  };
}

/** Named sponsor seats of workshops. A seat is removed, never deleted: versions and signatures name it. */
export class SponsorSeatRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(
    input: { workshopId: string; name: string; email: string; title: string },
    db: Kysely<Database> = this.db,
  ): Promise<SponsorSeat> {
    const row = await db
      .insertInto('sponsor_seats')
      .values({
        id: `s${randomId(14)}`,
        workshop_id: input.workshopId,
        name: input.name,
        email: input.email,
        title: input.title,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toSeat(row);
  }

  async get(workshopId: string, id: string, db: Kysely<Database> = this.db): Promise<SponsorSeat | undefined> {
    const row = await db
      .selectFrom('sponsor_seats')
      .select(COLUMNS)
      .where('workshop_id', '=', workshopId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toSeat(row) : undefined;
  }

  /** Seats of a workshop in the order they were named, removed ones included (their signatures stay). */
  async list(workshopId: string, db: Kysely<Database> = this.db): Promise<SponsorSeat[]> {
    const rows = await db
      .selectFrom('sponsor_seats')
      .select(COLUMNS)
      .where('workshop_id', '=', workshopId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toSeat);
  }

  /** Gives an unclaimed seat its participant; false when the seat was claimed meanwhile. */
  async claim(id: string, participantId: string, db: Kysely<Database> = this.db): Promise<boolean> {
    const result = await db
      .updateTable('sponsor_seats')
      .set({ participant_id: participantId })
      .where('id', '=', id)
      .where('participant_id', 'is', null)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Binds a seat to the identity a provider asserted; false when it is bound to someone else already. */
  async bindIdentity(
    id: string,
    identity: { issuer: string; subject: string },
    db: Kysely<Database> = this.db,
  ): Promise<boolean> {
    const result = await db
      .updateTable('sponsor_seats')
      .set({ oidc_issuer: identity.issuer, oidc_subject: identity.subject })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('oidc_subject', 'is', null),
          eb.and([eb('oidc_issuer', '=', identity.issuer), eb('oidc_subject', '=', identity.subject)]),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async remove(workshopId: string, id: string, db: Kysely<Database> = this.db): Promise<SponsorSeat | undefined> {
    const row = await db
      .updateTable('sponsor_seats')
      .set({ removed_at: sql<Date>`now()` })
      .where('workshop_id', '=', workshopId)
      .where('id', '=', id)
      .where('removed_at', 'is', null)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row ? toSeat(row) : undefined;
  }
}
