import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, migrationsApplied, toBytes } from './create-database.ts';
import { openTestDatabase, TEST_DIALECTS } from './test-databases.ts';

describe.each(TEST_DIALECTS)('database on $name', (dialect) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => { database = await openTestDatabase(dialect); });
  afterAll(async () => { await database.close(); });

  it('is migrated to the latest schema', async () => {
    expect(await migrationsApplied(database)).toBe(true);
  });

  it('round-trips bytes as Uint8Array and counters as numbers', async () => {
    const { db } = database;
    await db.insertInto('workshops').values({ id: 'w1', title: 'Mail' }).execute();
    const bytes = new Uint8Array([0, 1, 2, 255]);
    await db.insertInto('yjs_updates').values({ workshop_id: 'w1', seq: 1, update: bytes }).execute();
    const row = await db.selectFrom('yjs_updates').selectAll().where('workshop_id', '=', 'w1').executeTakeFirstOrThrow();
    expect(Array.from(toBytes(row.update))).toEqual([0, 1, 2, 255]);
    expect(toBytes(row.update).constructor).toBe(Uint8Array);
    const count = await sql<{ n: number }>`select count(*)::int8 as n from yjs_updates`.execute(db);
    expect(count.rows[0]?.n).toBe(1);
  });

  it('refuses a second update with the same sequence number', async () => {
    await expect(database.db.insertInto('yjs_updates').values({ workshop_id: 'w1', seq: 1, update: new Uint8Array([9]) }).execute()).rejects.toThrow();
  });
});

describe('createDatabase', () => {
  it('reports a PostgreSQL that cannot be reached as an error, not a crash', async () => {
    const database = createDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none' });
    await expect(sql`select 1`.execute(database.db)).rejects.toThrow();
    await database.close();
  });
});
