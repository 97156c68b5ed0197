import { sql, type Kysely } from 'kysely';

// Frozen: migrations never import application code and never change once released.
// Control plane: who may enter a workshop (invites, participants), the session state that survives a restart
// (phase, timer), published versions and their signatures, and an append-only audit trail.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('workshops')
    .addColumn('template', 'text', (c) => c.notNull().defaultTo('blank'))
    .addColumn('phase', 'text', (c) => c.notNull().defaultTo('scope'))
    .addColumn('timer_ends_at', 'timestamptz')
    .addColumn('timer_duration_s', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('invites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workshop_id', 'text', (c) => c.notNull().references('workshops.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('invites_workshop_idx').on('invites').column('workshop_id').execute();

  await db.schema
    .createTable('participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workshop_id', 'text', (c) => c.notNull().references('workshops.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('invite_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('participants_workshop_idx').on('participants').column('workshop_id').execute();

  await db.schema
    .createTable('versions')
    .addColumn('workshop_id', 'text', (c) => c.notNull().references('workshops.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('finding_counts', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('named_sponsors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('versions_pk', ['workshop_id', 'number'])
    .execute();

  await db.schema
    .createTable('signatures')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('workshop_id', 'text', (c) => c.notNull())
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint(
      'signatures_version_fk',
      ['workshop_id', 'version_number'],
      'versions',
      ['workshop_id', 'number'],
      (c) => c.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('workshop_id', 'text', (c) => c.notNull().references('workshops.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('audit_events_workshop_idx').on('audit_events').columns(['workshop_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_events').execute();
  await db.schema.dropTable('signatures').execute();
  await db.schema.dropTable('versions').execute();
  await db.schema.dropTable('participants').execute();
  await db.schema.dropTable('invites').execute();
  await db.schema
    .alterTable('workshops')
    .dropColumn('template')
    .dropColumn('phase')
    .dropColumn('timer_ends_at')
    .dropColumn('timer_duration_s')
    .execute();
}
