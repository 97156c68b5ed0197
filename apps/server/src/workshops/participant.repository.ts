import type { Database } from '@accord/db/schema';
import { roleSchema, type Role } from '@accord/protocol/roles';
import { sql, type Kysely } from 'kysely';
import { issueToken, parseToken, secretMatches } from '../auth/secret-token.ts';

export interface Participant {
  readonly id: string;
  readonly workshopId: string;
  readonly name: string;
  readonly role: Role;
  /** The sponsor seat this participant holds: only seat holders are approvers. */
  readonly seatId: string | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

type Row = {
  id: string;
  workshop_id: string;
  name: string;
  role: string;
  seat_id: string | null;
  created_at: Date;
  revoked_at: Date | null;
};

const COLUMNS = ['id', 'workshop_id', 'name', 'role', 'seat_id', 'created_at', 'revoked_at'] as const;

function toParticipant(row: Row): Participant {
  return {
    id: row.id,
    workshopId: row.workshop_id,
    name: row.name,
    role: roleSchema.catch('observer').parse(row.role),
    seatId: row.seat_id,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}

/** Participants of workshops and their session tokens (stored hashed). */
export class ParticipantRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds a participant and returns their session token, which is shown once and never stored. */
  async create(
    input: { workshopId: string; name: string; role: Role; inviteId?: string | null; seatId?: string },
    db: Kysely<Database> = this.db,
  ): Promise<{ participant: Participant; token: string }> {
    const issued = issueToken('p');
    const row = await db
      .insertInto('participants')
      .values({
        id: issued.id,
        workshop_id: input.workshopId,
        name: input.name,
        role: input.role,
        secret_hash: issued.secretHash,
        invite_id: input.inviteId ?? null,
        seat_id: input.seatId ?? null,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return { participant: toParticipant(row), token: issued.token };
  }

  /** A session for another device of the same participant: its own secret, so either device can be signed out. */
  async addDevice(participantId: string, db: Kysely<Database> = this.db): Promise<string> {
    const issued = issueToken('d');
    await db
      .insertInto('participant_devices')
      .values({ id: issued.id, participant_id: participantId, secret_hash: issued.secretHash })
      .execute();
    return issued.token;
  }

  /**
   * The participant a session token belongs to, when it is valid for this workshop and not revoked.
   * A token for another workshop is refused like a wrong one.
   */
  async authenticate(workshopId: string, token: string): Promise<Participant | undefined> {
    const parsed = parseToken(token);
    if (!parsed) return undefined;
    if (parsed.id.startsWith('d')) return this.authenticateDevice(workshopId, parsed);
    const row = await this.db
      .selectFrom('participants')
      .select([...COLUMNS, 'secret_hash'])
      .where('id', '=', parsed.id)
      .executeTakeFirst();
    if (!row || !secretMatches(parsed.secret, row.secret_hash)) return undefined;
    if (row.workshop_id !== workshopId || row.revoked_at !== null) return undefined;
    return toParticipant(row);
  }

  private async authenticateDevice(
    workshopId: string,
    parsed: { id: string; secret: string },
  ): Promise<Participant | undefined> {
    const device = await this.db
      .selectFrom('participant_devices')
      .select(['participant_id', 'secret_hash'])
      .where('id', '=', parsed.id)
      .executeTakeFirst();
    if (!device || !secretMatches(parsed.secret, device.secret_hash)) return undefined;
    const participant = await this.get(workshopId, device.participant_id);
    return participant && participant.revokedAt === null ? participant : undefined;
  }

  async get(workshopId: string, id: string, db: Kysely<Database> = this.db): Promise<Participant | undefined> {
    const row = await db
      .selectFrom('participants')
      .select(COLUMNS)
      .where('workshop_id', '=', workshopId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toParticipant(row) : undefined;
  }

  async list(workshopId: string, db: Kysely<Database> = this.db): Promise<Participant[]> {
    const rows = await db
      .selectFrom('participants')
      .select(COLUMNS)
      .where('workshop_id', '=', workshopId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toParticipant);
  }

  /**
   * Marks a participant revoked; returns the invite they joined with, or undefined when there was no such
   * active participant.
   */
  async revoke(
    workshopId: string,
    id: string,
    db: Kysely<Database> = this.db,
  ): Promise<{ inviteId: string | null } | undefined> {
    const row = await db
      .updateTable('participants')
      .set({ revoked_at: sql<Date>`now()` })
      .where('workshop_id', '=', workshopId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('invite_id')
      .executeTakeFirst();
    return row ? { inviteId: row.invite_id } : undefined;
  }

  /** Participants revoked at or after `since`, in any workshop (the sweep that cuts their connections). */
  async revokedSince(since: Date): Promise<{ id: string; workshopId: string }[]> {
    const rows = await this.db
      .selectFrom('participants')
      .select(['id', 'workshop_id'])
      .where('revoked_at', '>=', since)
      .execute();
    return rows.map((row) => ({ id: row.id, workshopId: row.workshop_id }));
  }
}
