import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { createDatabase } from './create-database.ts';

/** A gzip stream starts with these two bytes; PGlite's data-dir dumps are gzipped tars. */
const GZIP_MAGIC = [0x1f, 0x8b];

/** What a restored folder holds, to show the administrator it is the database they expected. */
export interface RestoredCounts {
  readonly workshops: number;
  readonly versions: number;
  readonly signatures: number;
}

/** Whether a folder holds an embedded PostgreSQL cluster (PGlite writes PG_VERSION when it creates one). */
export function holdsEmbeddedDatabase(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

/**
 * Snapshot of a folder no server holds: opens it (taking the lock, so a server starting meanwhile refuses)
 * and dumps it. The running server's snapshot goes through its `/admin/backup` route instead.
 */
export async function dumpStoppedDataDir(dataDir: string): Promise<Uint8Array> {
  const database = createDatabase({ kind: 'pglite', dataDir });
  try {
    if (!database.dumpDataDir) throw new Error('the embedded database cannot dump its folder');
    return await database.dumpDataDir();
  } finally {
    await database.close();
  }
}

/**
 * Unpacks a backup into a folder that is missing or empty (never over a database: a restore that went
 * wrong must not cost the data that was there), then reopens it to count what it holds. A failed restore
 * leaves the folder empty again.
 */
export async function restoreDataDir(archive: Uint8Array, dataDir: string): Promise<RestoredCounts> {
  if (archive[0] !== GZIP_MAGIC[0] || archive[1] !== GZIP_MAGIC[1]) {
    throw new Error(
      'this file is not an Accord backup (an embedded backup is a gzipped tar written by `accord backup`)',
    );
  }
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(
      `${dataDir} is not empty; restore into a new folder (move the current one aside first) and point DATA_DIR at it`,
    );
  }
  const lock = acquireDataDirLock(dataDir);
  try {
    const pglite = new PGlite(dataDir, {
      loadDataDir: new Blob([archive as Uint8Array<ArrayBuffer>], { type: 'application/x-gzip' }),
    });
    try {
      await pglite.waitReady;
      // The database and its lock share the folder, so the archive carries the backed-up server's lock: put
      // this process's back, or the restored folder would look held by that (still running) server.
      writeFileSync(lock.path, JSON.stringify(lock.holder), { mode: 0o600 });
      const count = async (table: string): Promise<number> =>
        Number((await pglite.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]?.n ?? 0);
      return {
        workshops: await count('workshops'),
        versions: await count('versions'),
        signatures: await count('signatures'),
      };
    } finally {
      await pglite.close().catch(() => undefined);
    }
  } catch (error) {
    lock.release();
    for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true, force: true });
    throw error;
  } finally {
    lock.release();
  }
}
