import { createDatabase, migrateToLatest, type AccordDatabase, type DatabaseOptions } from '@accord/db/database';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';

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

/**
 * Opens the server's database. With the embedded one, another process taking the data folder over while this
 * one was frozen is logged and reported to `onLockLost`: this process must then stop without writing more.
 */
export async function openServerDatabase(
  options: DatabaseOptions,
  logger: Logger,
  onLockLost: () => void,
): Promise<AccordDatabase> {
  const database = await openDatabase(
    options.kind === 'pglite'
      ? {
          ...options,
          onLockLost: (holder) => {
            logger.fatal(
              {
                dataDir: options.dataDir,
                holder: holder && { pid: holder.pid, host: holder.host, since: holder.since },
              },
              'another process has taken over the data folder; stopping without writing more',
            );
            onLockLost();
          },
        }
      : options,
  );
  if (database.lock?.tookOver) logger.warn({ dataDir: database.lock.path }, database.lock.tookOver);
  return database;
}
