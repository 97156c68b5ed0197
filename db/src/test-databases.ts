import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, migrateToLatest, type AccordDatabase, type DatabaseOptions } from './create-database.ts';
import { copyMigratedCluster } from './test-cluster-cache.ts';

export { copyMigratedCluster, freshPgliteDir, migratedClusterDir } from './test-cluster-cache.ts';

/**
 * The dialects every suite that tests storage runs against: the embedded PGlite always, and the real
 * PostgreSQL when TEST_DATABASE_URL is set (`.ci/run` always sets it). Each opened database is isolated:
 * PGlite in a fresh folder holding a copy of a cached, already migrated cluster (creating and migrating a
 * cluster takes seconds, copying one a few milliseconds), PostgreSQL in a fresh schema; both removed on cleanup.
 */
export interface TestDialect {
  readonly name: 'pglite' | 'postgres';
  /** Options for a fresh, migrated, isolated database, and a cleanup that removes it. */
  prepare(): Promise<{ readonly options: DatabaseOptions; cleanup(): Promise<void> }>;
}

export const TEST_DIALECTS: readonly TestDialect[] = [
  {
    name: 'pglite',
    prepare: async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'accord-pglite-'));
      await copyMigratedCluster(dataDir);
      return {
        options: { kind: 'pglite', dataDir },
        cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  },
  ...(process.env.TEST_DATABASE_URL ? [postgresDialect(process.env.TEST_DATABASE_URL)] : []),
];

/**
 * One dialect, for suites whose subject does not depend on storage (input fuzzing, role checks, abuse at the
 * doors): they run once, on the embedded database every machine has, instead of once per dialect.
 */
export const ONE_DIALECT: readonly TestDialect[] = TEST_DIALECTS.slice(0, 1);

function postgresDialect(url: string): TestDialect {
  return {
    name: 'postgres',
    prepare: async () => {
      const schema = `accord_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      return {
        options: { kind: 'postgres', url, schema, maxConnections: 5 },
        cleanup: async () => {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query(`drop schema if exists ${schema} cascade`);
          await client.end();
        },
      };
    },
  };
}

/** Open and migrate a fresh database of a dialect; `close` also removes it. */
export async function openTestDatabase(
  dialect: TestDialect,
): Promise<AccordDatabase & { readonly options: DatabaseOptions }> {
  const { options, cleanup } = await dialect.prepare();
  const database = createDatabase(options);
  await migrateToLatest(database);
  return {
    ...database,
    options,
    close: async () => {
      await database.close();
      await cleanup();
    },
  };
}
