import { mkdirSync } from 'node:fs';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock, type LockHolder } from './data-dir-lock.ts';
import { errorMessage } from './error-message.ts';
import { migrationProvider, MIGRATIONS } from './migrations/index.ts';
import { PGliteThread } from './pglite-thread.ts';
import type { Database } from './schema.ts';

export type DatabaseOptions =
  | {
      readonly kind: 'pglite';
      /** Folder of the embedded database; `memory://` keeps it in memory. */
      readonly dataDir: string;
      /** Another process took the folder over while this one was frozen: stop writing (the server exits). */
      readonly onLockLost?: (holder: LockHolder | undefined) => void;
    }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      /** Pool size per process. */
      readonly maxConnections?: number;
      /** Schema to work in (tests isolate themselves this way); the server's default. */
      readonly schema?: string;
    };

export interface AccordDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: 'pglite' | 'postgres';
  /** The PostgreSQL schema in use when not the default; migrations keep their bookkeeping there too. */
  readonly schema?: string;
  /** The embedded database's ownership of its folder (absent for PostgreSQL and `memory://`). */
  readonly lock?: DataDirLock;
  /**
   * A consistent snapshot of the embedded database's folder as a gzipped tar (PGlite's data-dir dump),
   * taken between transactions; absent for PostgreSQL, which `pg_dump` backs up.
   */
  dumpDataDir?(): Promise<Uint8Array>;
  close(): Promise<void>;
}

// One place for the dialects' differences: int8 parses to number (ids and counts stay far below 2^53), and
// bytea comes back as Buffer from pg — a Uint8Array subclass, so readers call `toBytes` once.
pg.types.setTypeParser(20, (value) => Number(value));

/** Opens the embedded PGlite database (default) or PostgreSQL through pg, with one Kysely<Database> over either. */
export function createDatabase(options: DatabaseOptions): AccordDatabase {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: 5000,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // A dropped connection must not crash the process: idle ones report to the pool, and a connection that
    // is checked out (between statements of a transaction) reports to its own listener. The query in
    // flight, or the next one, fails and says so; the pool opens a fresh connection after that.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      ...(options.schema ? { schema: options.schema } : {}),
      close: () => db.destroy(),
    };
  }
  let lock: DataDirLock | undefined;
  if (!options.dataDir.startsWith('memory://')) {
    mkdirSync(options.dataDir, { recursive: true });
    // Before PGlite touches the folder: two processes on one embedded database overwrite each other.
    lock = acquireDataDirLock(options.dataDir, options.onLockLost ? { onLost: options.onLockLost } : {});
  }
  const pglite = new PGliteThread(options.dataDir);
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    dialect: 'pglite',
    ...(lock ? { lock } : {}),
    dumpDataDir: () => pglite.dumpDataDir(),
    close: async () => {
      try {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

function migrator(database: Pick<AccordDatabase, 'db' | 'schema'>): Migrator {
  // Without the schema, Kysely would find another schema's bookkeeping tables on the search for them.
  return new Migrator({
    db: database.db,
    provider: migrationProvider,
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
}

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(database: Pick<AccordDatabase, 'db' | 'schema'>): Promise<readonly string[]> {
  const { error, results } = await migrator(database).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = errorMessage(error);
    throw new Error(
      failed ? `migration ${failed.migrationName} failed: ${reason}` : `cannot migrate the database: ${reason}`,
    );
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** Whether every known migration has been applied (for readiness). */
export async function migrationsApplied(database: Pick<AccordDatabase, 'db' | 'schema'>): Promise<boolean> {
  const applied = (await migrator(database).getMigrations()).filter((m) => m.executedAt !== undefined).length;
  return applied === Object.keys(MIGRATIONS).length;
}

/** Bytes from either driver as a plain Uint8Array view (no copy). */
export function toBytes(value: Uint8Array): Uint8Array {
  return value.constructor === Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
