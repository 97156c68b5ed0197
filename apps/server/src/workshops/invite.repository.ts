import type { Database } from '@accord/db/schema';
import type { InviteView } from '@accord/protocol/api';
import { roleSchema, type Role } from '@accord/protocol/roles';
import { sql, type Kysely } from 'kysely';
import { issueToken, parseToken, secretMatches } from '../auth/secret-token.ts';

type Row = {
  id: string;
  role: string;
  label: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  uses: number;
  seat_id: string | null;
  claimed_at: Date | null;
};

function toView(row: Row): InviteView {
  return {
    id: row.id,
    role: roleSchema.catch('observer').parse(row.role),
    label: row.label,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at ? row.expires_at.toISOString() : null,
    revoked: row.revoked_at !== null,
    uses: row.uses,
    seatId: row.seat_id,
    claimed: row.claimed_at !== null,
  };
}

export type InviteCheck =
  | { readonly ok: true; readonly invite: CheckedInvite }
  | { readonly ok: false; readonly reason: 'unknown' | 'revoked' | 'expired' | 'claimed' };

/** A valid invite: a role link, or a sponsor seat's personal link (`seatId`), not yet claimed. */
export type CheckedInvite = InviteView & { readonly workshopId: string; readonly seatId: string | null };

const COLUMNS = [
  'id',
  'workshop_id',
  'role',
  'label',
  'created_at',
  'expires_at',
  'revoked_at',
  'uses',
  'secret_hash',
  'seat_id',
  'claimed_at',
] as const;
const VIEW_COLUMNS = [
  'id',
  'role',
  'label',
  'created_at',
  'expires_at',
  'revoked_at',
  'uses',
  'seat_id',
  'claimed_at',
] as const;

/** Invite links: a role in one workshop, until they expire or are revoked. Only a hash of the secret is kept. */
export class InviteRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(
    input: {
      workshopId: string;
      role: Role;
      label: string;
      createdBy: string | null;
      expiresAt: Date | null;
      seatId?: string;
    },
    db: Kysely<Database> = this.db,
  ): Promise<{ invite: InviteView; token: string }> {
    const issued = issueToken('i');
    const row = await db
      .insertInto('invites')
      .values({
        id: issued.id,
        workshop_id: input.workshopId,
        role: input.role,
        secret_hash: issued.secretHash,
        label: input.label,
        created_by: input.createdBy,
        expires_at: input.expiresAt,
        seat_id: input.seatId ?? null,
      })
      .returning(VIEW_COLUMNS)
      .executeTakeFirstOrThrow();
    return { invite: toView(row), token: issued.token };
  }

  /** Checks a presented invite token: unknown (including a wrong secret), revoked or expired ones are refused. */
  async check(token: string, now = new Date()): Promise<InviteCheck> {
    const parsed = parseToken(token);
    if (!parsed) return { ok: false, reason: 'unknown' };
    const row = await this.db.selectFrom('invites').select(COLUMNS).where('id', '=', parsed.id).executeTakeFirst();
    if (!row || !secretMatches(parsed.secret, row.secret_hash)) return { ok: false, reason: 'unknown' };
    if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
    if (row.expires_at !== null && row.expires_at.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    if (row.claimed_at !== null) return { ok: false, reason: 'claimed' };
    return { ok: true, invite: { ...toView(row), workshopId: row.workshop_id, seatId: row.seat_id } };
  }

  /**
   * Marks a personal invite used, inside the joining transaction; false when another join claimed it first
   * (the row lock makes the second wait and then see it claimed).
   */
  async claim(id: string, db: Kysely<Database> = this.db): Promise<boolean> {
    const result = await db
      .updateTable('invites')
      .set({ claimed_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('claimed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Revokes a seat's personal invites that nobody claimed (a new one replaces them). */
  async revokeUnclaimedForSeat(workshopId: string, seatId: string, db: Kysely<Database> = this.db): Promise<void> {
    await db
      .updateTable('invites')
      .set({ revoked_at: sql<Date>`now()` })
      .where('workshop_id', '=', workshopId)
      .where('seat_id', '=', seatId)
      .where('claimed_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async countUse(id: string, db: Kysely<Database> = this.db): Promise<void> {
    await db
      .updateTable('invites')
      .set({ uses: sql<number>`uses + 1` })
      .where('id', '=', id)
      .execute();
  }

  /** Invites of a workshop, the facilitator's own links included (a leaked one must be revocable). */
  async list(workshopId: string): Promise<InviteView[]> {
    const rows = await this.db
      .selectFrom('invites')
      .select(COLUMNS)
      .where('workshop_id', '=', workshopId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toView);
  }

  async revoke(workshopId: string, id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('invites')
      .set({ revoked_at: sql<Date>`now()` })
      .where('workshop_id', '=', workshopId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
