import { sql, type Kysely } from 'kysely';
import * as uniqueNames from './migrations/2026-11-25T0003-unique-participant-names.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, migrationsApplied, toBytes } from './create-database.ts';
import { openTestDatabase, TEST_DIALECTS } from './test-databases.ts';

describe.each(TEST_DIALECTS)('database on $name', (dialect) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await database.close();
  });

  it('is migrated to the latest schema', async () => {
    expect(await migrationsApplied(database)).toBe(true);
  });

  it('round-trips bytes as Uint8Array and counters as numbers', async () => {
    const { db } = database;
    await db.insertInto('workshops').values({ id: 'w1', title: 'Mail' }).execute();
    const bytes = new Uint8Array([0, 1, 2, 255]);
    await db.insertInto('yjs_updates').values({ workshop_id: 'w1', seq: 1, update: bytes }).execute();
    const row = await db
      .selectFrom('yjs_updates')
      .selectAll()
      .where('workshop_id', '=', 'w1')
      .executeTakeFirstOrThrow();
    expect(Array.from(toBytes(row.update))).toEqual([0, 1, 2, 255]);
    expect(toBytes(row.update).constructor).toBe(Uint8Array);
    const count = await sql<{ n: number }>`select count(*)::int8 as n from yjs_updates`.execute(db);
    expect(count.rows[0]?.n).toBe(1);
  });

  it('makes participant names unique per workshop, renaming doubles that were stored before', async () => {
    const db = database.db as unknown as Kysely<unknown>;
    await uniqueNames.down(db);
    await database.db.insertInto('workshops').values({ id: 'w-names', title: 'Names' }).execute();
    const person = (id: string, name: string, minute: number) => ({
      id,
      workshop_id: 'w-names',
      name,
      role: 'stakeholder',
      secret_hash: 'x',
      created_at: new Date(Date.UTC(2026, 10, 25, 9, minute)),
    });
    await database.db
      .insertInto('participants')
      .values([person('p1', 'Sam', 1), person('p2', 'sam', 2), person('p3', 'Sam', 3), person('p4', 'Kim', 4)])
      .execute();
    await uniqueNames.up(db);
    const rows = await database.db
      .selectFrom('participants')
      .select('name')
      .where('workshop_id', '=', 'w-names')
      .orderBy('created_at')
      .execute();
    expect(rows.map((r) => r.name)).toEqual(['Sam', 'sam (2)', 'Sam (3)', 'Kim']);
    await expect(
      database.db
        .insertInto('participants')
        .values(person('p5', 'KIM', 5))
        .execute(),
    ).rejects.toThrow(/participants_workshop_name_idx|unique/);
  });

  it('refuses a second update with the same sequence number', async () => {
    await expect(
      database.db
        .insertInto('yjs_updates')
        .values({ workshop_id: 'w1', seq: 1, update: new Uint8Array([9]) })
        .execute(),
    ).rejects.toThrow();
  });
});

describe('createDatabase', () => {
  it('reports a PostgreSQL that cannot be reached as an error, not a crash', async () => {
    const database = createDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none' });
    await expect(sql`select 1`.execute(database.db)).rejects.toThrow();
    await database.close();
  });
});
