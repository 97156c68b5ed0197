import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, migrateToLatest } from './create-database.ts';
import { LOCK_FILE } from './data-dir-lock.ts';

/**
 * Tests' embedded databases start as copies of one empty, migrated PGlite cluster kept under the repository's
 * `node_modules/.cache` (so `npm ci` starts it afresh). Creating and migrating a cluster takes 5–15 s on a
 * busy two-core machine; copying it, a few milliseconds. The cache is keyed by the PGlite version and every
 * migration's source, so a new migration builds a new cluster; PGlite still runs `migrateToLatest` on open,
 * which finds nothing left to do.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const CACHE_DIR = resolve(HERE, '../../node_modules/.cache/accord-test-pglite');
/** Written last into a built cluster, so a half-built one is never copied. */
const READY = '.accord-test-ready';

let building: Promise<string> | undefined;

/** The folder of the cached migrated cluster, built once per key (by whichever process needs it first). */
export function migratedClusterDir(): Promise<string> {
  building ??= buildCluster().catch((error: unknown) => {
    building = undefined;
    throw error;
  });
  return building;
}

/** Fills the empty folder `dataDir` with a copy of the migrated cluster. */
export async function copyMigratedCluster(dataDir: string): Promise<void> {
  const source = await migratedClusterDir();
  cpSync(source, dataDir, { recursive: true, filter: (path) => !path.endsWith(READY) && !path.endsWith(LOCK_FILE) });
}

/** A new temporary folder holding a migrated embedded database; the caller removes it. */
export async function freshPgliteDir(prefix = 'accord-pglite-'): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  await copyMigratedCluster(dataDir);
  return dataDir;
}

async function buildCluster(): Promise<string> {
  const cluster = join(CACHE_DIR, `pglite-${clusterKey()}`);
  if (existsSync(join(cluster, READY))) return cluster;
  mkdirSync(CACHE_DIR, { recursive: true });
  const scratch = mkdtempSync(join(CACHE_DIR, 'building-'));
  const database = createDatabase({ kind: 'pglite', dataDir: scratch });
  try {
    await migrateToLatest(database);
  } finally {
    await database.close();
  }
  writeFileSync(join(scratch, READY), new Date().toISOString());
  try {
    renameSync(scratch, cluster);
  } catch (error) {
    // Another test process built the same cluster meanwhile: use theirs.
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(join(cluster, READY))) throw error;
  }
  // Clusters of older keys are no longer copied by anyone in this checkout.
  for (const stale of readdirSync(CACHE_DIR).filter(
    (name) => name.startsWith('pglite-') && join(CACHE_DIR, name) !== cluster,
  )) {
    rmSync(join(CACHE_DIR, stale), { recursive: true, force: true });
  }
  return cluster;
}

/** The PGlite version and every migration's source: a change to either builds the cluster anew. */
function clusterKey(): string {
  const require = createRequire(import.meta.url);
  let packageDir = dirname(require.resolve('@electric-sql/pglite'));
  while (!existsSync(join(packageDir, 'package.json')) && dirname(packageDir) !== packageDir)
    packageDir = dirname(packageDir);
  const hash = createHash('sha256').update(readFileSync(join(packageDir, 'package.json')));
  const migrations = join(HERE, 'migrations');
  for (const file of readdirSync(migrations).sort()) hash.update(file).update(readFileSync(join(migrations, file)));
  return hash.digest('hex').slice(0, 16);
}
