import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Dialect, ProcessDatabase } from './bench-database.ts';
import { freePort, startChild, type Child } from './child-process.ts';
import type { SeededRoom } from './seed.ts';

/**
 * The servers under test: Accord on each database, Accord as two nodes sharing PostgreSQL and Redis (its
 * editors split between the nodes), and the reference server that stores nothing.
 */
export type ServerArm = 'accord-pglite' | 'accord-postgres' | 'accord-2nodes' | 'reference';

export function accordArm(dialect: Dialect): ServerArm {
  return dialect === 'pglite' ? 'accord-pglite' : 'accord-postgres';
}

/** A server child process as the scenarios use it. */
export interface BenchServer extends Child {
  readonly arm: ServerArm;
  /** The websocket URL for seat `seat` of `room` (Accord: its token and saved acks; reference: the room name). */
  roomUrl(room: SeededRoom, seat: number): string;
  /** Workshops Accord holds in memory (`accord_loaded_workshops`); undefined for the reference server. */
  loadedDocs(): Promise<number | undefined>;
  /** Accord's Prometheus text (`/metrics`); undefined for the reference server. */
  metrics(): Promise<string | undefined>;
  /** Which node a seat talks to, when there are several: latency then counts cross-node deliveries only. */
  nodeOf?(seat: number): number;
}

const require = createRequire(import.meta.url);
const SERVER_SRC = dirname(require.resolve('@accord/server/config'));
const SERVER_ROOT = join(SERVER_SRC, '..');
/** Under the repository's node_modules, so the build's npm imports resolve as they do from apps/server/dist. */
const BUILD_CACHE = join(SERVER_ROOT, '../../node_modules/.cache/accord-bench-server');
const REFERENCE_ROOT = dirname(require.resolve('@y/websocket-server/package.json'));

/** Variables the bench sets itself; inherited ones would point a child at the wrong database or port. */
const OWN_VARIABLES = ['DATABASE_URL', 'DATA_DIR', 'REDIS_URL', 'PORT', 'HOST', 'YPERSISTENCE', 'CALLBACK_URL'];

function childEnv(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of OWN_VARIABLES) delete env[name];
  return { ...env, ...extra };
}

/** A production build of the server from the current sources, in a folder of its own. */
export interface ServerBuild {
  /** Holds `server.mjs`. */
  readonly dir: string;
  remove(): void;
}

/**
 * Builds the server once with its production build script (as the server's own tests do), so every Accord
 * child starts as `node server.mjs`, the way the image starts it, instead of compiling each source through
 * tsx at every start: about 2 s of CPU less per start on a two-core machine. The folder is this run's own.
 */
export async function buildServer(): Promise<ServerBuild> {
  mkdirSync(BUILD_CACHE, { recursive: true });
  const dir = mkdtempSync(join(BUILD_CACHE, 'run-'));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(process.execPath, [join(SERVER_ROOT, 'scripts/build.mjs'), dir], (error, _stdout, stderr) =>
        error ? reject(new Error(`building the server failed:\n${stderr}`)) : resolve(),
      );
    });
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, remove };
}

export interface AccordOptions {
  readonly database: ProcessDatabase;
  readonly dialect: Dialect;
  /** IDLE_UNLOAD_MS: how soon a workshop nobody is connected to leaves memory. */
  readonly idleUnloadMs: number;
  /** Write a V8 CPU profile of the child here (on its graceful exit). */
  readonly cpuProfileDir?: string | undefined;
  /** More environment for the child (scale-out settings). */
  readonly env?: Readonly<Record<string, string>>;
  /** The arm to report as (defaults to the dialect's). */
  readonly arm?: ServerArm;
  /** Start this build's `server.mjs`; without one, the sources through tsx. */
  readonly build?: ServerBuild | undefined;
}

/** Starts `apps/server/src/index.ts` as its own process on the given database, quiet, with room for 100+ editors. */
export async function startAccord(options: AccordOptions): Promise<BenchServer> {
  const arm = options.arm ?? accordArm(options.dialect);
  // One folder per process: Node writes a profile per thread (main, and tsx's loader thread), named by pid and thread.
  const profileDir = options.cpuProfileDir
    ? join(options.cpuProfileDir, `${arm}-${new Date().toISOString().replace(/[:.]/g, '-')}`)
    : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const child = await startChild({
    name: arm,
    args: options.build
      ? [...profile, join(options.build.dir, 'server.mjs')]
      : ['--import', 'tsx', ...profile, join(SERVER_SRC, 'index.ts')],
    cwd: SERVER_ROOT,
    env: childEnv({
      ...options.database.env,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      MAX_PARTICIPANTS: '1000',
      COMPACT_AFTER_UPDATES: '500',
      IDLE_UNLOAD_MS: String(options.idleUnloadMs),
      // Where the sources would look for the web client; a build elsewhere looks beside itself.
      WEB_DIST: join(SERVER_ROOT, '../web/dist'),
      ...options.env,
    }),
    ready: /Accord is running at (\S+)\n/,
  });
  const base = child.readyMatch.replace('localhost', '127.0.0.1');
  return {
    ...child,
    arm,
    roomUrl: (room, seat) =>
      `${base.replace(/^http/, 'ws')}/yjs/${room.id}?token=${encodeURIComponent(room.tokens[seat % room.tokens.length] ?? '')}&saved=1`,
    loadedDocs: async () => metricValue(await (await fetch(`${base}/metrics`)).text(), 'accord_loaded_workshops'),
    metrics: async () => (await fetch(`${base}/metrics`)).text(),
  };
}

/**
 * Two Accord nodes on one PostgreSQL database and one Redis (under a prefix of their own), as one server to
 * the scenarios: even seats talk to the first node, odd seats to the second, so half of every room's
 * deliveries cross from one node to the other.
 */
export async function startAccordPair(options: AccordOptions & { readonly redisUrl: string }): Promise<BenchServer> {
  const prefix = `accord-bench-${process.pid}-${Date.now().toString(36)}`;
  // Both nodes start at once: each start is seconds of its own, and neither waits for the other.
  const starts = await Promise.allSettled(
    [0, 1].map((node) =>
      startAccord({
        ...options,
        arm: 'accord-2nodes',
        env: { REDIS_URL: options.redisUrl, REDIS_PREFIX: prefix, NODE_ID: `bench-${node}` },
      }),
    ),
  );
  const failed = starts.find((start) => start.status === 'rejected');
  if (failed) {
    for (const start of starts) if (start.status === 'fulfilled') await start.value.stop();
    throw failed.reason;
  }
  const [a, b] = starts.map((start) => (start as PromiseFulfilledResult<BenchServer>).value) as [
    BenchServer,
    BenchServer,
  ];
  return {
    ...a,
    arm: 'accord-2nodes',
    rssBytes: () => a.rssBytes() + b.rssBytes(),
    cpuSeconds: () => a.cpuSeconds() + b.cpuSeconds(),
    output: () => `${a.output()}\n${b.output()}`,
    stop: async (graceMs) => {
      await Promise.all([a.stop(graceMs), b.stop(graceMs)]);
    },
    roomUrl: (room, seat) => (seat % 2 === 0 ? a : b).roomUrl(room, seat),
    loadedDocs: async () => ((await a.loadedDocs()) ?? 0) + ((await b.loadedDocs()) ?? 0),
    metrics: () => a.metrics(),
    nodeOf: (seat) => seat % 2,
  };
}

/** Starts the reference server's own `bin` (`@y/websocket-server` 0.1.1) on a free loopback port. */
export async function startReference(): Promise<BenchServer> {
  const port = await freePort();
  const child = await startChild({
    name: 'reference',
    args: [join(REFERENCE_ROOT, 'src/server.js')],
    cwd: REFERENCE_ROOT,
    env: childEnv({ HOST: '127.0.0.1', PORT: String(port) }),
    ready: /running at '[^']*' on port (\d+)\n/,
  });
  return {
    ...child,
    arm: 'reference',
    roomUrl: (room) => `ws://127.0.0.1:${port}/${room.id}`,
    loadedDocs: async () => undefined,
    metrics: async () => undefined,
  };
}

/** The value of an unlabelled series in Prometheus text, e.g. `accord_commit_seconds_sum`. */
export function metricValue(text: string, name: string): number | undefined {
  const value = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1];
  return value === undefined ? undefined : Number(value);
}
