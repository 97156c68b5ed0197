import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// Frozen: migrations never import application code and never change once released.
// Sign-off that proves who signed what: sponsors are named seats (one personal invite each, claimed once, more
// devices only by a fresh one-time link); a version fixes its approvers when published; a signature keeps its
// evidence (identity, address, browser, statement, hashes of the JSON and of the PDF signed); the PDF signed
// is stored so its bytes never depend on a later renderer; the audit trail is chained by hash; a room can be
// frozen while sponsors sign.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sponsor_seats')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workshop_id', 'text', (c) => c.notNull().references('workshops.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('participant_id', 'text')
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_subject', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('removed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('sponsor_seats_workshop_idx').on('sponsor_seats').column('workshop_id').execute();

  await db.schema.alterTable('invites').addColumn('seat_id', 'text').addColumn('claimed_at', 'timestamptz').execute();
  await db.schema.alterTable('participants').addColumn('seat_id', 'text').execute();

  await db.schema
    .createTable('participant_devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id').onDelete('cascade'))
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // JSON array of { seatId, name, email, title }; null on versions published before seats existed.
  await db.schema.alterTable('versions').addColumn('approvers', 'text').execute();

  await db.schema
    .alterTable('signatures')
    .addColumn('seat_id', 'text')
    .addColumn('signer_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('statement', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('pdf_sha256', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('identity', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();

  await db.schema
    .createTable('version_pdfs')
    .addColumn('workshop_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('pdf', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('version_pdfs_pk', ['workshop_id', 'number'])
    .addForeignKeyConstraint(
      'version_pdfs_version_fk',
      ['workshop_id', 'number'],
      'versions',
      ['workshop_id', 'number'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('version_pdfs_sha_idx').on('version_pdfs').column('sha256').execute();
  await db.schema.createIndex('versions_hash_idx').on('versions').column('hash').execute();

  await db.schema
    .alterTable('workshops')
    .addColumn('frozen_at', 'timestamptz')
    .addColumn('frozen_by', 'text')
    .execute();

  await db.schema
    .alterTable('audit_events')
    .addColumn('prev_hash', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('hash', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await chainExistingEntries(db);
}

/**
 * Chains the entries written before the chain existed, workshop by workshop in id order, with the same rule the
 * application uses (frozen here): SHA-256 over the previous hash and the entry's canonical fields.
 */
async function chainExistingEntries(db: Kysely<unknown>): Promise<void> {
  const rows = await sql<{
    id: number;
    workshop_id: string;
    kind: string;
    actor_id: string | null;
    actor_name: string;
    data: string;
    created_at: Date | string;
  }>`
    SELECT id, workshop_id, kind, actor_id, actor_name, data, created_at FROM audit_events ORDER BY workshop_id, id
  `.execute(db);
  let workshop = '';
  let prev = '';
  for (const row of rows.rows) {
    if (row.workshop_id !== workshop) {
      workshop = row.workshop_id;
      prev = '';
    }
    const at = new Date(row.created_at).toISOString();
    const body = JSON.stringify([
      Number(row.id),
      row.workshop_id,
      row.kind,
      row.actor_id,
      row.actor_name,
      at,
      row.data,
    ]);
    const hash = createHash('sha256').update(`${prev}\n${body}`, 'utf8').digest('hex');
    await sql`UPDATE audit_events SET prev_hash = ${prev}, hash = ${hash}, created_at = ${at} WHERE id = ${row.id}`.execute(
      db,
    );
    prev = hash;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_events').dropColumn('prev_hash').dropColumn('hash').execute();
  await db.schema.alterTable('workshops').dropColumn('frozen_at').dropColumn('frozen_by').execute();
  await db.schema.dropIndex('versions_hash_idx').execute();
  await db.schema.dropTable('version_pdfs').execute();
  await db.schema
    .alterTable('signatures')
    .dropColumn('seat_id')
    .dropColumn('signer_name')
    .dropColumn('statement')
    .dropColumn('pdf_sha256')
    .dropColumn('ip')
    .dropColumn('user_agent')
    .dropColumn('identity')
    .execute();
  await db.schema.alterTable('versions').dropColumn('approvers').execute();
  await db.schema.dropTable('participant_devices').execute();
  await db.schema.alterTable('participants').dropColumn('seat_id').execute();
  await db.schema.alterTable('invites').dropColumn('seat_id').dropColumn('claimed_at').execute();
  await db.schema.dropTable('sponsor_seats').execute();
}
