import { toBytes } from '@accord/db/database';
import type { Database } from '@accord/db/schema';
import { sql, type Kysely } from 'kysely';
import * as Y from 'yjs';

export interface StoredState {
  /** The compacted state, if any. */
  readonly snapshot: { readonly seqUpto: number; readonly state: Uint8Array } | undefined;
  /** Updates after the snapshot, in sequence order. */
  readonly tail: readonly { readonly seq: number; readonly update: Uint8Array }[];
  readonly lastSeq: number;
}

export interface AppendRequest {
  readonly workshopId: string;
  readonly updates: readonly Uint8Array[];
}

/**
 * Takes the next sequence numbers of a workshop (the row lock orders concurrent writers, on any node) and
 * inserts the updates under them, in one statement. Returns the numbers in order.
 */
async function appendOne(db: Kysely<Database>, { workshopId, updates }: AppendRequest): Promise<number[]> {
  const rows = sql.join(updates.map((update, index) => sql`(${index + 1}::int, ${update}::bytea)`));
  const result = await sql<{ seq: number }>`
    with counter as (
      update workshops set last_seq = last_seq + ${updates.length}::int where id = ${workshopId} returning last_seq
    )
    insert into yjs_updates (workshop_id, seq, update)
    select ${workshopId}, counter.last_seq - ${updates.length}::int + incoming.ord, incoming.bytes
    from counter, (values ${rows}) as incoming (ord, bytes)
    returning seq`.execute(db);
  if (result.rows.length !== updates.length) throw new Error(`workshop ${workshopId} does not exist`);
  return result.rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
}

/** The write-ahead log of Yjs updates: append in one transaction, load as snapshot plus tail, compact. */
export class UpdateStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates the workshop row if it does not exist yet. */
  async ensureWorkshop(id: string, title: string): Promise<void> {
    await this.db.insertInto('workshops').values({ id, title }).onConflict((oc) => oc.column('id').doNothing()).execute();
  }

  async exists(id: string): Promise<boolean> {
    return (await this.db.selectFrom('workshops').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  /**
   * Snapshot plus tail, read in one transaction so a concurrent compaction cannot remove the tail between
   * the two reads. `lastSeq` is the highest sequence number read (not the counter, which may be ahead
   * with a commit in flight on another node).
   */
  async load(workshopId: string): Promise<StoredState> {
    return this.db.transaction().execute(async (trx) => {
      const snapshot = await trx.selectFrom('yjs_snapshots').select(['seq_upto', 'state']).where('workshop_id', '=', workshopId).executeTakeFirst();
      const after = snapshot?.seq_upto ?? 0;
      const tail = await trx.selectFrom('yjs_updates').select(['seq', 'update'])
        .where('workshop_id', '=', workshopId).where('seq', '>', after).orderBy('seq').execute();
      return {
        snapshot: snapshot ? { seqUpto: snapshot.seq_upto, state: toBytes(snapshot.state) } : undefined,
        tail: tail.map((row) => ({ seq: row.seq, update: toBytes(row.update) })),
        lastSeq: tail.length > 0 ? (tail[tail.length - 1]?.seq ?? after) : after,
      };
    });
  }

  /** Stored updates after a sequence number, and where the snapshot ends (to tell whether they are all there). */
  async tailAfter(workshopId: string, afterSeq: number): Promise<{ snapshotUpto: number; tail: { seq: number; update: Uint8Array }[] }> {
    return this.db.transaction().execute(async (trx) => {
      const snapshot = await trx.selectFrom('yjs_snapshots').select('seq_upto').where('workshop_id', '=', workshopId).executeTakeFirst();
      const rows = await trx.selectFrom('yjs_updates').select(['seq', 'update'])
        .where('workshop_id', '=', workshopId).where('seq', '>', afterSeq).orderBy('seq').execute();
      return { snapshotUpto: snapshot?.seq_upto ?? 0, tail: rows.map((row) => ({ seq: row.seq, update: toBytes(row.update) })) };
    });
  }

  /** The sequence counter of each workshop (what has been handed out, committed or not). */
  async lastSeqs(workshopIds: readonly string[]): Promise<Map<string, number>> {
    if (workshopIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('workshops').select(['id', 'last_seq']).where('id', 'in', [...workshopIds]).execute();
    return new Map(rows.map((row) => [row.id, row.last_seq]));
  }

  /**
   * Appends the updates of several workshops in one transaction (group commit) and returns the sequence
   * numbers given to each workshop's updates, in order. Sequence numbers come from a row lock on the
   * workshop, so several server nodes never hand out the same number.
   */
  async append(requests: readonly AppendRequest[]): Promise<Map<string, number[]>> {
    const work = requests.filter((r) => r.updates.length > 0);
    const assigned = new Map<string, number[]>();
    if (work.length === 0) return assigned;
    // One workshop (the common case): a single statement is its own transaction — one round trip.
    if (work.length === 1) {
      const only = work[0] as AppendRequest;
      assigned.set(only.workshopId, await appendOne(this.db, only));
      return assigned;
    }
    return this.db.transaction().execute(async (trx) => {
      for (const request of work) assigned.set(request.workshopId, [...(assigned.get(request.workshopId) ?? []), ...await appendOne(trx, request)]);
      return assigned;
    });
  }

  /**
   * Merges the snapshot and the whole tail into a new snapshot and deletes what it covers, in one
   * transaction holding the workshop's row lock, so two nodes never compact the same tail.
   */
  async compact(workshopId: string): Promise<{ readonly seqUpto: number; readonly merged: number; readonly bytes: number } | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const locked = await trx.selectFrom('workshops').select('last_seq').where('id', '=', workshopId).forUpdate().executeTakeFirst();
      if (!locked) return undefined;
      const snapshot = await trx.selectFrom('yjs_snapshots').select(['seq_upto', 'state']).where('workshop_id', '=', workshopId).executeTakeFirst();
      const tail = await trx.selectFrom('yjs_updates').select(['seq', 'update'])
        .where('workshop_id', '=', workshopId).where('seq', '>', snapshot?.seq_upto ?? 0).orderBy('seq').execute();
      if (tail.length === 0) return undefined;
      const seqUpto = tail[tail.length - 1]?.seq ?? 0;
      const state = Y.mergeUpdates([...(snapshot ? [toBytes(snapshot.state)] : []), ...tail.map((row) => toBytes(row.update))]);
      await trx.insertInto('yjs_snapshots').values({ workshop_id: workshopId, seq_upto: seqUpto, state })
        .onConflict((oc) => oc.column('workshop_id').doUpdateSet({ seq_upto: seqUpto, state }))
        .execute();
      await trx.deleteFrom('yjs_updates').where('workshop_id', '=', workshopId).where('seq', '<=', seqUpto).execute();
      return { seqUpto, merged: tail.length, bytes: state.byteLength };
    });
  }
}
