import { sql, type Kysely } from 'kysely';

// Frozen: migrations never import application code and never change once released.

/**
 * Stored Yjs updates (or a snapshot) that could not be applied, or broke the document's shape, when a
 * workshop was loaded or compacted: moved here out of the log, so the rest of the workshop is served, and
 * kept for inspection rather than deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('quarantined_updates')
    .addColumn('workshop_id', 'text', (c) => c.notNull().references('workshops.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('update', 'snapshot')`))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('update', 'bytea', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('quarantined_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('quarantined_updates_pk', ['workshop_id', 'kind', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('quarantined_updates').execute();
}
