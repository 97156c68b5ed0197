import { createDatabase, migrateToLatest, type AccordDatabase, type DatabaseOptions } from '@accord/db/database';
import type { Config } from './config.ts';

/** PostgreSQL when DATABASE_URL is set, else the embedded PGlite in DATA_DIR. */
export function databaseOptions(config: Pick<Config, 'databaseUrl' | 'dataDir'>): DatabaseOptions {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: config.dataDir };
}

/** Opens the database and brings it to the latest migration; closes it again if migrating fails. */
export async function openDatabase(options: DatabaseOptions): Promise<AccordDatabase> {
  const database = createDatabase(options);
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  return database;
}
