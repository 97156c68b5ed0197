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
import type { DatabaseOptions } from '@accord/db/database';
import { openDatabase } from '@accord/server/database';
import pg from 'pg';

export type Dialect = 'pglite' | 'postgres';

/** One database for one Accord process: what to put in its environment, and how to remove it. */
export interface ProcessDatabase {
  readonly env: Readonly<Record<string, string>>;
  drop(): Promise<void>;
}

/**
 * The seeded database of one bench run. Every server process gets a fresh copy (`fork`), so each run of a
 * scenario starts from the same stored state: PGlite copies its folder, PostgreSQL clones a template
 * database. `drop` removes the seed and every copy still there.
 */
export interface SeedDatabase {
  readonly dialect: Dialect;
  /** How to open the seed in this process (close it before forking: PGlite allows one process). */
  readonly options: DatabaseOptions;
  fork(): Promise<ProcessDatabase>;
  drop(): Promise<void>;
}

/** Drops of every seed and copy not yet dropped, for an interrupted run. */
const undropped = new Set<() => Promise<void>>();

/** Registers `drop` until it has run once; returns the wrapped drop. */
function tracked(drop: () => Promise<void>): () => Promise<void> {
  const once = async (): Promise<void> => {
    undropped.delete(once);
    await drop();
  };
  undropped.add(once);
  return once;
}

/** Removes every database this process created and has not removed yet (after its servers are killed). */
export async function dropAllDatabases(): Promise<void> {
  await Promise.allSettled([...undropped].map((drop) => drop()));
}

/**
 * A fresh PGlite folder under the system's temporary directory, started from a copy of an empty, migrated
 * cluster kept in `results/.cache` (creating a PGlite cluster takes 5–15 s on a busy machine; copying it
 * takes well under one). The cache is keyed by the PGlite version and the migrations' source.
 */
export async function pgliteSeed(): Promise<SeedDatabase> {
  const seedDir = mkdtempSync(join(tmpdir(), 'accord-bench-seed-'));
  cpSync(await migratedCluster(), seedDir, { recursive: true });
  const copies = new Set<string>();
  return {
    dialect: 'pglite',
    options: { kind: 'pglite', dataDir: seedDir },
    fork: async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'accord-bench-run-'));
      cpSync(seedDir, dataDir, { recursive: true });
      copies.add(dataDir);
      return {
        env: { DATA_DIR: dataDir },
        drop: tracked(async () => {
          rmSync(dataDir, { recursive: true, force: true });
          copies.delete(dataDir);
        }),
      };
    },
    drop: tracked(async () => {
      for (const dir of [seedDir, ...copies]) rmSync(dir, { recursive: true, force: true });
      copies.clear();
    }),
  };
}

/**
 * A fresh database on the PostgreSQL server `adminUrl` points at (any database there to connect to, e.g.
 * postgres://postgres@127.0.0.1:5432/test). Copies are `CREATE DATABASE … TEMPLATE` of the seed.
 */
export async function postgresSeed(adminUrl: string): Promise<SeedDatabase> {
  const prefix = `accord_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const seedName = `${prefix}_seed`;
  const copies = new Set<string>();
  let forks = 0;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const urlOf = (database: string): string => {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    return url.toString();
  };
  await admin((client) => client.query(`create database ${seedName}`));
  return {
    dialect: 'postgres',
    options: { kind: 'postgres', url: urlOf(seedName), maxConnections: 4 },
    fork: async () => {
      forks += 1;
      const name = `${prefix}_${forks}`;
      await admin((client) => client.query(`create database ${name} template ${seedName}`));
      copies.add(name);
      return {
        env: { DATABASE_URL: urlOf(name) },
        drop: tracked(async () => {
          await admin((client) => client.query(`drop database if exists ${name} with (force)`));
          copies.delete(name);
        }),
      };
    },
    drop: tracked(async () => {
      await admin(async (client) => {
        for (const name of [...copies, seedName]) await client.query(`drop database if exists ${name} with (force)`);
      });
      copies.clear();
    }),
  };
}

const CACHE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../results/.cache');
/** Written last into a cached cluster, so a half-built one is never used. */
const READY = '.accord-bench-ready';

async function migratedCluster(): Promise<string> {
  const cluster = join(CACHE_DIR, `pglite-${clusterKey()}`);
  if (existsSync(join(cluster, READY))) return cluster;
  mkdirSync(CACHE_DIR, { recursive: true });
  const building = mkdtempSync(join(CACHE_DIR, 'building-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: building });
  await database.close();
  writeFileSync(join(building, READY), new Date().toISOString());
  for (const stale of readdirSync(CACHE_DIR).filter(
    (name) => name.startsWith('pglite-') && join(CACHE_DIR, name) !== cluster,
  )) {
    rmSync(join(CACHE_DIR, stale), { recursive: true, force: true });
  }
  try {
    renameSync(building, cluster);
  } catch (error) {
    // Another bench built the same cluster meanwhile: use theirs.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(join(cluster, READY))) throw error;
  }
  return cluster;
}

/** The PGlite version and every migration's source: a change to either builds the cluster anew. */
function clusterKey(): string {
  const fromDb = createRequire(createRequire(import.meta.url).resolve('@accord/db/database'));
  let packageDir = dirname(fromDb.resolve('@electric-sql/pglite'));
  while (!existsSync(join(packageDir, 'package.json')) && dirname(packageDir) !== packageDir)
    packageDir = dirname(packageDir);
  const hash = createHash('sha256').update(readFileSync(join(packageDir, 'package.json')));
  const migrations = join(dirname(createRequire(import.meta.url).resolve('@accord/db/database')), 'migrations');
  for (const file of readdirSync(migrations).sort()) hash.update(file).update(readFileSync(join(migrations, file)));
  return hash.digest('hex').slice(0, 16);
}
