import { sql, type Kysely } from 'kysely';

// Frozen: migrations never import application code and never change once released.
// One name means one person in a workshop: votes, proposals and the decision log name people. The join
// transaction picks a free name, but two joins under one name at the same moment could both see it free; the
// index makes the second fail and retry. Names already doubled get their position appended first.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE participants SET name = participants.name || ' (' || doubled.position || ')'
    FROM (
      SELECT id, row_number() OVER (PARTITION BY workshop_id, lower(name) ORDER BY created_at, id) AS position
      FROM participants
    ) AS doubled
    WHERE doubled.id = participants.id AND doubled.position > 1
  `.execute(db);
  await sql`CREATE UNIQUE INDEX participants_workshop_name_idx ON participants (workshop_id, lower(name))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('participants_workshop_name_idx').execute();
}
