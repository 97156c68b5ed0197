// `npm run bench`: Accord side by side with the reference Yjs server, then the other packages' figures.
// Knobs (environment): BENCH_ROUNDS, BENCH_SECONDS, BENCH_BUDGET_SECONDS, BENCH_ONLY, BENCH_SWEEP, BENCH_CPU_PROF, DATABASE_URL — see docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropAllDatabases } from './bench-database.ts';
import { killChildren } from './child-process.ts';
import { runPackageBenches, type PackageFigure } from './package-benches.ts';
import { buildRows, checkTargets, formatTable, formatTargets } from './report.ts';
import { runBench, type BenchPlan, type Scenario } from './run-bench.ts';

const RESULTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../results');
const SCENARIOS = ['rooms', 'hot', 'sweep', 'join-time', 'join-leave', 'packages'] as const;
const TARGETS = { joinMs: 100, rssGrowth: 1.1, savedMs: 25, sweepRatio: 1.5 };

const positive = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got ${process.env[name]}`);
  return value;
};
const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const unknown = only.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
if (unknown.length > 0)
  throw new Error(`BENCH_ONLY names unknown scenarios: ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
const runs = (scenario: (typeof SCENARIOS)[number]): boolean => only.length === 0 || only.includes(scenario);

/** `BENCH_SWEEP=1`: the growth sweeps; `BENCH_SWEEP_ROOMS` / `BENCH_SWEEP_HOT` choose the points. */
const sizes = (name: string, fallback: readonly number[]): number[] => {
  const text = process.env[name];
  if (text === undefined || text === '') return [...fallback];
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value <= 0))
    throw new Error(`${name} must be a comma list of positive integers, got ${text}`);
  return values;
};
const sweep =
  process.env.BENCH_SWEEP === '1' && runs('sweep')
    ? { rooms: sizes('BENCH_SWEEP_ROOMS', [10, 25, 50, 100]), hotEditors: sizes('BENCH_SWEEP_HOT', [25, 50, 100, 200]) }
    : undefined;

const postgresUrl = process.env.DATABASE_URL;
const rounds = positive('BENCH_ROUNDS', 3);
const seconds = positive('BENCH_SECONDS', 5);
/** The whole run, seeding and the other packages' benches included; later rounds are dropped to stay inside it. */
const budgetSeconds = positive('BENCH_BUDGET_SECONDS', 285);
/** Kept free for the other packages' benches at the end. */
const PACKAGES_RESERVE_SECONDS = 30;
const started = performance.now();
const elapsed = (): string => `[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s]`;
const stamp = new Date()
  .toISOString()
  .replace(/:/g, '-')
  .replace(/\.\d+Z$/, 'Z');
const cpuProfileDir = process.env.BENCH_CPU_PROF === '1' ? join(RESULTS_DIR, `profiles-${stamp}`) : undefined;
const edits = { warmupSeconds: 1, measureSeconds: seconds, drainTimeoutMs: 15_000, connectBatch: 100 };

const plan: BenchPlan = {
  rounds,
  deadline: started + (budgetSeconds - (runs('packages') ? PACKAGES_RESERVE_SECONDS : 0)) * 1000,
  dialects: postgresUrl ? ['pglite', 'postgres'] : ['pglite'],
  postgresUrl,
  redisUrl: process.env.REDIS_URL || undefined,
  seed: {
    rooms: Math.max(50, ...(sweep?.rooms ?? [])),
    editorsPerRoom: 10,
    hotEditors: Math.max(100, ...(sweep?.hotEditors ?? [])),
    churnRooms: 20,
    bigUpdates: 10_000,
    loadRuns: 7,
  },
  rooms: runs('rooms') ? { ...edits, rooms: 50, editorsPerRoom: 10, editsPerSecond: 2, seed: 50 } : undefined,
  hot: runs('hot') ? { ...edits, rooms: 1, editorsPerRoom: 100, editsPerSecond: 1, seed: 100 } : undefined,
  sweep: sweep && {
    ...sweep,
    roomsLoad: { ...edits, rooms: 10, editorsPerRoom: 10, editsPerSecond: 2, seed: 50 },
    hotLoad: { ...edits, rooms: 1, editorsPerRoom: 25, editsPerSecond: 1, seed: 100 },
  },
  joinTime: runs('join-time') ? { runs: 5, unloadTimeoutMs: 10_000 } : undefined,
  joinLeave: runs('join-leave')
    ? { cycles: 1_000, warmupCycles: 100, concurrency: 10, settleTimeoutMs: 10_000, settleMs: 1_000 }
    : undefined,
  joinsIdleUnloadMs: 250,
  cpuProfileDir,
  log: (line) => console.log(`${elapsed()} ${line}`),
};
const labels: Partial<Record<Scenario, string>> = {
  rooms: '50 rooms × 10 editors × 2/s',
  hot: '1 room × 100 editors × 1/s',
  'join-time': `join ${plan.seed.bigUpdates / 1000}k-update workshop`,
  'join-leave': `${plan.joinLeave?.cycles ?? 0} join/leave cycles`,
};

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killChildren();
    const exit = (): never => process.exit(130);
    setTimeout(exit, 5_000).unref();
    void dropAllDatabases().finally(exit);
  });
}
process.once('exit', killChildren);

const loadBefore = loadavg();
const revisionBefore = JSON.stringify(serverRevision());
const twoNodes = plan.redisUrl !== undefined && plan.dialects.includes('postgres') ? ['accord-2nodes'] : [];
console.log(
  `Accord bench: ${rounds} round(s), ${seconds} s measured per edit scenario, servers ${[...plan.dialects.map((d) => `accord-${d}`), ...twoNodes, 'reference'].join(', ')}` +
    ` (load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores)`,
);
try {
  const bench = await runBench(plan);
  let packages: PackageFigure[] = [];
  if (runs('packages')) {
    console.log('other packages:');
    packages = await runPackageBenches(180_000, (line) => console.log(`${elapsed()} ${line}`));
  }
  const rows = buildRows(bench, labels);
  const targets = checkTargets(bench, rows, TARGETS);
  console.log('');
  console.log(formatTable(rows, packages));
  console.log('');
  if (bench.bigWorkshop) {
    const { updates, snapshotBytes, inProcessLoad } = bench.bigWorkshop;
    console.log(
      `big workshop: ${updates} updates compacted to ${(snapshotBytes / 1024).toFixed(1)} KiB; ` +
        `in-process load (read + apply) p50 ${inProcessLoad.p50.toFixed(1)} ms, max ${inProcessLoad.max.toFixed(1)} ms`,
    );
    console.log('');
  }
  console.log(formatTargets(targets));

  const revisionAfter = serverRevision();
  if (JSON.stringify(revisionAfter) !== revisionBefore) {
    console.log('\nThe server code changed while the bench ran: runs of different rounds measured different code.');
  }
  const totalSeconds = (performance.now() - started) / 1000;
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `bench-${stamp}.json`);
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        seconds: totalSeconds,
        server: revisionAfter,
        machine: {
          cpus: cpus().length,
          model: cpus()[0]?.model,
          memoryGiB: totalmem() / 2 ** 30,
          node: process.version,
          loadBefore,
          loadAfter: loadavg(),
        },
        plan: { ...plan, postgresUrl: postgresUrl ? '(set)' : undefined, log: undefined },
        seedSeconds: bench.seedSeconds,
        bigWorkshop: bench.bigWorkshop,
        rows,
        targets,
        packages,
        runs: bench.runs,
        cpuProfileDir,
      },
      (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value),
      2,
    )}\n`,
  );
  console.log('');
  console.log(
    `${totalSeconds.toFixed(0)} s in all; figures in ${relative(process.cwd(), file)}${cpuProfileDir ? `, CPU profiles in ${relative(process.cwd(), cpuProfileDir)}` : ''}`,
  );
  const broken =
    bench.runs.filter((run) => 'error' in run).length +
    rows.reduce((n, row) => n + (row.drops > 0 ? 1 : 0) + (row.duplicates > 0 ? 1 : 0), 0);
  if (broken > 0) {
    console.error(`${broken} failure(s): a run failed, or edits were lost or duplicated (see the table)`);
    process.exitCode = 1;
  }
} finally {
  killChildren();
}

/** Which server code was measured: the commit, and the files of apps/server changed on top of it. */
function serverRevision(): { readonly commit: string; readonly changedFiles: readonly string[] } | undefined {
  try {
    const git = (...args: string[]): string =>
      execFileSync('git', args, { cwd: RESULTS_DIR.replace(/\/results$/, ''), encoding: 'utf8' }).trim();
    const changed = git('status', '--porcelain', '--', '../server/src');
    return {
      commit: git('rev-parse', 'HEAD'),
      changedFiles: changed ? changed.split('\n').map((line) => line.slice(3)) : [],
    };
  } catch {
    return undefined;
  }
}
