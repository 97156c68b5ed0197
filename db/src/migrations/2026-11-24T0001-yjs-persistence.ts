import { sql, type Kysely } from 'kysely';

// Frozen: migrations never import application code and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workshops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('yjs_updates')
    .addColumn('workshop_id', 'text', (c) => c.notNull().references('workshops.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('update', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('yjs_updates_pk', ['workshop_id', 'seq'])
    .execute();
  await db.schema
    .createTable('yjs_snapshots')
    .addColumn('workshop_id', 'text', (c) => c.primaryKey().references('workshops.id').onDelete('cascade'))
    .addColumn('seq_upto', 'integer', (c) => c.notNull())
    .addColumn('state', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('yjs_snapshots').execute();
  await db.schema.dropTable('yjs_updates').execute();
  await db.schema.dropTable('workshops').execute();
}
