import type { Database } from '@accord/db/schema';
import type { Kysely } from 'kysely';

export type AuditKind =
  | 'workshop.created' | 'participant.joined' | 'participant.revoked' | 'invite.created' | 'invite.revoked'
  | 'phase.changed' | 'timer.started' | 'timer.stopped' | 'proposal.created' | 'proposal.voted' | 'proposal.withdrawn'
  | 'proposal.ballot' | 'proposal.revealed'
  | 'proposal.accepted' | 'proposal.rejected' | 'requirements.imported' | 'version.published' | 'version.signed'
  | 'version.rejected' | 'invite.refused';

export interface AuditEvent {
  readonly id: number;
  readonly kind: string;
  readonly actorName: string;
  readonly at: string;
  readonly data: Record<string, unknown>;
}

/** The append-only audit trail of a workshop. Nothing here updates or deletes. */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(workshopId: string, kind: AuditKind, actor: { id: string | null; name: string } | null, data: Record<string, unknown> = {}, db: Kysely<Database> = this.db): Promise<void> {
    await db.insertInto('audit_events')
      .values({ workshop_id: workshopId, kind, actor_id: actor?.id ?? null, actor_name: actor?.name ?? '', data: JSON.stringify(data) })
      .execute();
  }

  async list(workshopId: string, limit = 500): Promise<AuditEvent[]> {
    const rows = await this.db.selectFrom('audit_events').select(['id', 'kind', 'actor_name', 'created_at', 'data'])
      .where('workshop_id', '=', workshopId).orderBy('id', 'desc').limit(limit).execute();
    return rows.reverse().map((row) => ({
      id: row.id, kind: row.kind, actorName: row.actor_name, at: row.created_at.toISOString(),
      data: JSON.parse(row.data) as Record<string, unknown>,
    }));
  }
}
