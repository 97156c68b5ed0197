import { rmSync } from 'node:fs';
import type { DatabaseOptions } from '@accord/db/database';
import { freshPgliteDir } from '@accord/db/test-databases';
import pg from 'pg';

/**
 * A database a child-process server can be pointed at through its environment: a fresh PGlite folder (a copy
 * of the cached migrated cluster), or a
 * fresh PostgreSQL database on the server TEST_DATABASE_URL names. `drop` removes it.
 */
export interface ProcessDatabase {
  readonly name: 'pglite' | 'postgres';
  readonly env: Record<string, string>;
  readonly options: DatabaseOptions;
  drop(): Promise<void>;
}

export const PROCESS_DIALECTS: readonly ('pglite' | 'postgres')[] = [
  'pglite',
  ...(process.env.TEST_DATABASE_URL ? ['postgres' as const] : []),
];

export async function createProcessDatabase(name: 'pglite' | 'postgres'): Promise<ProcessDatabase> {
  if (name === 'pglite') {
    const dataDir = await freshPgliteDir('accord-proc-');
    return {
      name,
      env: { DATA_DIR: dataDir },
      options: { kind: 'pglite', dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL ?? '';
  const database = `accord_proc_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return {
    name,
    env: { DATABASE_URL: url.toString() },
    options: { kind: 'postgres', url: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${database} with (force)`);
      await client.end();
    },
  };
}
