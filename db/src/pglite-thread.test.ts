import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DatabaseThreadError, PGliteThread } from './pglite-thread.ts';

describe('PGliteThread', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-thread-'));
  const db = new PGliteThread(dataDir);
  beforeAll(async () => {
    await db.waitReady;
    await db.query('create table t (id int primary key, bytes bytea)');
  });
  afterAll(async () => {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('round-trips parameters and bytes through the thread', async () => {
    await db.query('insert into t values ($1, $2)', [1, new Uint8Array([0, 255, 7])]);
    const { rows } = await db.query<{ id: number; bytes: Uint8Array }>('select * from t where id = $1', [1]);
    expect(rows[0]?.id).toBe(1);
    expect(Array.from(rows[0]?.bytes ?? [])).toEqual([0, 255, 7]);
  });

  it('keeps PostgreSQL error fields, such as the code of a unique violation', async () => {
    const error = await db.query('insert into t values (1, null)').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseThreadError);
    expect((error as DatabaseThreadError).code).toBe('23505');
  });

  it('rolls a failed transaction back and makes other statements wait for a transaction to end', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = db
      .transaction(async (tx) => {
        await tx.query('insert into t values (2, null)');
        order.push('tx inserted');
        await held;
        throw new Error('change of mind');
      })
      .catch(() => order.push('tx rolled back'));
    const outside = db
      .query<{ n: number }>('select count(*)::int as n from t where id = 2')
      .then(({ rows }) => order.push(`outside saw ${rows[0]?.n}`));
    await vi.waitFor(() => expect(order).toContain('tx inserted'));
    // A negative check: the statement outside does NOT run while the transaction is open, given the time to.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(order).toEqual(['tx inserted']);
    release();
    await Promise.all([transaction, outside]);
    expect(order).toEqual(['tx inserted', 'tx rolled back', 'outside saw 0']);
  });
});
