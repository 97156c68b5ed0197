import type { Database } from '@accord/db/schema';
import { sql, type Kysely } from 'kysely';
import { auditEntryHash, checkChain, type ChainCheck, type StoredChainEntry } from './audit-chain.ts';

export type AuditKind =
  | 'workshop.created'
  | 'participant.joined'
  | 'participant.revoked'
  | 'invite.created'
  | 'invite.revoked'
  | 'phase.changed'
  | 'timer.started'
  | 'timer.stopped'
  | 'proposal.created'
  | 'proposal.voted'
  | 'proposal.withdrawn'
  | 'proposal.ballot'
  | 'proposal.revealed'
  | 'proposal.accepted'
  | 'proposal.rejected'
  | 'requirements.imported'
  | 'version.published'
  | 'version.signed'
  | 'version.rejected'
  | 'invite.refused'
  | 'seat.named'
  | 'seat.removed'
  | 'seat.device-added'
  | 'seat.bound'
  | 'room.frozen'
  | 'room.unfrozen';

export interface AuditEvent {
  readonly id: number;
  readonly kind: string;
  readonly actorName: string;
  readonly at: string;
  readonly data: Record<string, unknown>;
  /** This entry's place in the chain: the previous entry's hash and its own. */
  readonly prevHash: string;
  readonly hash: string;
}

/** First key of the advisory lock that makes a workshop's audit entries take turns (the chain has one head). */
const AUDIT_LOCK_CLASS = 4_712;

const COLUMNS = [
  'id',
  'workshop_id',
  'kind',
  'actor_id',
  'actor_name',
  'created_at',
  'data',
  'prev_hash',
  'hash',
] as const;

/**
 * The append-only audit trail of a workshop, chained by hash: each entry stores the hash of the one before,
 * so an entry removed or altered later shows when the chain is checked. Nothing here updates or deletes.
 */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(
    workshopId: string,
    kind: AuditKind,
    actor: { id: string | null; name: string } | null,
    data: Record<string, unknown> = {},
    db: Kysely<Database> = this.db,
  ): Promise<void> {
    const append = async (trx: Kysely<Database>): Promise<void> => {
      // Entries of one workshop take turns until commit: two appended at once would both follow the same head.
      await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_CLASS}, hashtext(${workshopId}))`.execute(trx);
      const head = await trx
        .selectFrom('audit_events')
        .select(['hash'])
        .where('workshop_id', '=', workshopId)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const prevHash = head?.hash ?? '';
      // Millisecond precision: what is hashed must be exactly what is read back.
      const at = new Date(Math.floor(Date.now()));
      const text = JSON.stringify(data);
      const inserted = await trx
        .insertInto('audit_events')
        .values({
          workshop_id: workshopId,
          kind,
          actor_id: actor?.id ?? null,
          actor_name: actor?.name ?? '',
          data: text,
          created_at: at,
          prev_hash: prevHash,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const hash = auditEntryHash(prevHash, {
        id: Number(inserted.id),
        workshopId,
        kind,
        actorId: actor?.id ?? null,
        actorName: actor?.name ?? '',
        at: at.toISOString(),
        data: text,
      });
      await trx.updateTable('audit_events').set({ hash }).where('id', '=', inserted.id).execute();
    };
    if (db.isTransaction) await append(db);
    else await db.transaction().execute(append);
  }

  async list(workshopId: string, limit = 500): Promise<AuditEvent[]> {
    const rows = await this.db
      .selectFrom('audit_events')
      .select(COLUMNS)
      .where('workshop_id', '=', workshopId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse().map((row) => ({
      id: Number(row.id),
      kind: row.kind,
      actorName: row.actor_name,
      at: row.created_at.toISOString(),
      data: JSON.parse(row.data) as Record<string, unknown>,
      prevHash: row.prev_hash,
      hash: row.hash,
    }));
  }

  /** Who made the workshop's latest entry of `kind`, or undefined when there is none. */
  async latestActor(workshopId: string, kind: AuditKind): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('audit_events')
      .select('actor_name')
      .where('workshop_id', '=', workshopId)
      .where('kind', '=', kind)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.actor_name;
  }

  /**
   * The workshop's latest `limit` entries of the given kinds, oldest first, with their data as stored (JSON
   * text: the caller decides what an unreadable entry means).
   */
  async latestOfKinds(
    workshopId: string,
    kinds: readonly AuditKind[],
    limit: number,
  ): Promise<{ kind: string; actorName: string; data: string }[]> {
    if (kinds.length === 0) return [];
    const rows = await this.db
      .selectFrom('audit_events')
      .select(['kind', 'actor_name', 'data'])
      .where('workshop_id', '=', workshopId)
      .where('kind', 'in', kinds)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse().map((row) => ({ kind: row.kind, actorName: row.actor_name, data: row.data }));
  }

  /** Every entry of a workshop as stored, oldest first, for checking the chain. */
  async chain(workshopId: string): Promise<StoredChainEntry[]> {
    const rows = await this.db
      .selectFrom('audit_events')
      .select(COLUMNS)
      .where('workshop_id', '=', workshopId)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: Number(row.id),
      workshopId: row.workshop_id,
      kind: row.kind,
      actorId: row.actor_id,
      actorName: row.actor_name,
      at: row.created_at.toISOString(),
      data: row.data,
      prevHash: row.prev_hash,
      hash: row.hash,
    }));
  }

  async verify(workshopId: string): Promise<ChainCheck> {
    return checkChain(await this.chain(workshopId));
  }
}
