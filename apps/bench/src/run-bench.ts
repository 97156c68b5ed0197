import { postgresSeed, pgliteSeed, type Dialect, type ProcessDatabase, type SeedDatabase } from './bench-database.ts';
import { runEditLoad, type EditLoadPlan, type EditLoadResult } from './scenarios/edit-load.ts';
import { runJoinLeave, type JoinLeavePlan, type JoinLeaveResult } from './scenarios/join-leave.ts';
import { runJoinTime, type JoinTimePlan, type JoinTimeResult } from './scenarios/join-time.ts';
import { seedDatabase, type Seeded, type SeedPlan } from './seed.ts';
import {
  accordArm,
  buildServer,
  metricValue,
  startAccord,
  startAccordPair,
  startReference,
  type BenchServer,
  type ServerArm,
} from './servers.ts';
import { summarize, type Summary } from './stats.ts';

export interface BenchPlan {
  /** Each scenario runs up to this many times per server, servers interleaved within a round (A/B/A/B). */
  readonly rounds: number;
  /**
   * `performance.now()` by which the last round must end: a round after the first starts only when the
   * previous round's duration still fits. Keeps the bench bounded on a slow or busy machine.
   */
  readonly deadline?: number | undefined;
  /** Accord's databases: PGlite always, PostgreSQL when a URL is given. */
  readonly dialects: readonly Dialect[];
  readonly postgresUrl?: string | undefined;
  /** Redis for the two-node arm (which also needs PostgreSQL). */
  readonly redisUrl?: string | undefined;
  readonly seed: SeedPlan;
  readonly rooms?: EditLoadPlan | undefined;
  readonly hot?: EditLoadPlan | undefined;
  /** Growth sweeps (opt-in, `BENCH_SWEEP=1`): the rooms scenario at each number of rooms, the hot room at each number of editors. */
  readonly sweep?:
    | {
        readonly rooms: readonly number[];
        readonly hotEditors: readonly number[];
        readonly roomsLoad: EditLoadPlan;
        readonly hotLoad: EditLoadPlan;
      }
    | undefined;
  readonly joinTime?: JoinTimePlan | undefined;
  readonly joinLeave?: JoinLeavePlan | undefined;
  /** IDLE_UNLOAD_MS of the Accord processes that run the join scenarios. */
  readonly joinsIdleUnloadMs: number;
  /** Write V8 CPU profiles of the Accord children here. */
  readonly cpuProfileDir?: string | undefined;
  readonly log: (line: string) => void;
}

/** Accord's group commits during one scenario, from its own metrics. */
export interface CommitStats {
  readonly commits: number;
  /** Mean time of one commit, ms. */
  readonly meanMs: number;
  /** Mean updates per commit. */
  readonly meanBatch: number;
  /** Socket write time per frame written to a Yjs connection, µs (batched writes). */
  readonly writeMicrosPerFrame: number;
}

export type RunRecord = { readonly arm: ServerArm; readonly round: number } & (
  | { readonly scenario: 'rooms' | 'hot'; readonly result: EditLoadResult; readonly commits: CommitStats | undefined }
  | {
      readonly scenario: 'sweep';
      readonly point: SweepPoint;
      readonly result: EditLoadResult;
      readonly commits: CommitStats | undefined;
    }
  | { readonly scenario: 'join-time'; readonly result: JoinTimeResult }
  | { readonly scenario: 'join-leave'; readonly result: JoinLeaveResult }
  | { readonly scenario: Scenario; readonly error: string }
);

/** A run of an edit scenario or sweep point that produced figures. */
export type EditRun = Extract<RunRecord, { scenario: 'rooms' | 'hot' | 'sweep'; result: EditLoadResult }>;

export type Scenario = 'rooms' | 'hot' | 'sweep' | 'join-time' | 'join-leave';

/** One point of a growth sweep: so many rooms of 10 editors, or one room of so many editors. */
export interface SweepPoint {
  readonly kind: 'rooms' | 'hot';
  readonly size: number;
}

export interface BenchRun {
  readonly arms: readonly ServerArm[];
  readonly runs: readonly RunRecord[];
  readonly seedSeconds: number;
  /** The big workshop as stored, and the in-process load path timed on the seed (first dialect); undefined when nothing ran. */
  readonly bigWorkshop:
    { readonly updates: number; readonly snapshotBytes: number; readonly inProcessLoad: Summary } | undefined;
}

/**
 * Seeds each database once, then runs every scenario `rounds` times against each server, each server in a
 * child process of its own started on a fresh copy of the seed. Failures are recorded per run and the
 * rest carries on; every child and every database copy is gone when this returns or throws.
 */
export async function runBench(plan: BenchPlan): Promise<BenchRun> {
  const seeds = new Map<Dialect, { readonly database: SeedDatabase; readonly seeded: Seeded }>();
  const runs: RunRecord[] = [];
  const scaleOut = plan.redisUrl !== undefined && plan.dialects.includes('postgres');
  const arms: ServerArm[] = [
    ...plan.dialects.map(accordArm),
    ...(scaleOut ? ['accord-2nodes' as const] : []),
    'reference',
  ];
  if (!plan.rooms && !plan.hot && !plan.sweep && !plan.joinTime && !plan.joinLeave)
    return { arms, runs, seedSeconds: 0, bigWorkshop: undefined };
  // CPU profiles are read against the sources: a profiled run starts them through tsx, as before.
  const build = plan.cpuProfileDir ? undefined : await buildServer();
  try {
    const seedStarted = performance.now();
    for (const dialect of plan.dialects) {
      const database = dialect === 'pglite' ? await pgliteSeed() : await postgresSeed(plan.postgresUrl ?? '');
      seeds.set(dialect, { database, seeded: await seedDatabase(database, plan.seed) });
      plan.log(`seeded ${dialect} in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const first = seeds.values().next().value;
    if (!first) throw new Error('no database dialect to seed');

    /** Starts one arm's server on a fresh copy of its seed; a start that fails is kept as its error. */
    const startArm = async (arm: ServerArm, idleUnloadMs: number): Promise<ArmServer | undefined> => {
      const dialect: Dialect | undefined =
        arm === 'accord-pglite'
          ? 'pglite'
          : arm === 'accord-postgres' || arm === 'accord-2nodes'
            ? 'postgres'
            : undefined;
      const seed = dialect ? seeds.get(dialect) : first;
      if (!seed) return undefined;
      const database = dialect ? await seed.database.fork() : undefined;
      const server = (
        database && dialect
          ? arm === 'accord-2nodes'
            ? startAccordPair({
                database,
                dialect,
                idleUnloadMs,
                cpuProfileDir: plan.cpuProfileDir,
                redisUrl: plan.redisUrl ?? '',
                build,
              })
            : startAccord({ database, dialect, idleUnloadMs, cpuProfileDir: plan.cpuProfileDir, build })
          : startReference()
      ).then(
        (started) => ({ started }),
        (error: unknown) => ({ error }),
      );
      return { arm, seeded: seed.seeded, database, server };
    };

    /**
     * Runs `work` against each arm's server in turn. The servers of a phase start together, before any is
     * measured: a start costs seconds, and nothing is measured while they start. Each server stops once its
     * work is done, so an arm is measured beside idle servers of later arms at most.
     */
    const withServers = async (
      arms: readonly ServerArm[],
      round: number,
      idleUnloadMs: number,
      scenarios: readonly Scenario[],
      work: (arm: ServerArm, server: BenchServer, seeded: Seeded) => Promise<void>,
    ): Promise<void> => {
      const pending: ArmServer[] = [];
      try {
        // One fork at a time: PostgreSQL copies a template for one CREATE DATABASE at a time.
        for (const arm of arms) {
          const armServer = await startArm(arm, idleUnloadMs);
          if (armServer) pending.push(armServer);
        }
        // Every start has settled before the first measurement: a starting process would take CPU from it.
        await Promise.all(pending.map(({ server }) => server));
        while (pending.length > 0) {
          const { arm, seeded, database, server } = pending[0]!;
          const start = await server;
          try {
            if ('error' in start) throw start.error;
            await work(arm, start.started, seeded);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            plan.log(`  ${arm}: ${message.split('\n')[0] ?? message}`);
            for (const scenario of scenarios) {
              if (!runs.some((run) => run.arm === arm && run.scenario === scenario && run.round === round))
                runs.push({ arm, round, scenario, error: message });
            }
          } finally {
            pending.shift();
            if ('started' in start) await start.started.stop();
            await database?.drop();
          }
        }
      } finally {
        // Left here only when a fork or a stop threw: the servers not yet measured go too.
        for (const { database, server } of pending) {
          const start = await server;
          if ('started' in start) await start.started.stop();
          await database?.drop();
        }
      }
    };

    let roundMs = 0;
    for (let round = 1; round <= plan.rounds; round += 1) {
      const roundStarted = performance.now();
      if (round > 1 && plan.deadline !== undefined && roundStarted + roundMs > plan.deadline) {
        plan.log(
          `${round === plan.rounds ? `round ${round}` : `rounds ${round}–${plan.rounds}`} skipped: another round (${(roundMs / 1000).toFixed(0)} s) would overrun the time budget`,
        );
        break;
      }
      const edits: EditJob[] = [];
      if (plan.rooms) edits.push({ scenario: 'rooms', load: plan.rooms, hot: false });
      if (plan.hot) edits.push({ scenario: 'hot', load: plan.hot, hot: true });
      for (const size of plan.sweep?.rooms ?? [])
        edits.push({
          scenario: 'sweep',
          point: { kind: 'rooms', size },
          load: { ...plan.sweep!.roomsLoad, rooms: size },
          hot: false,
        });
      for (const size of plan.sweep?.hotEditors ?? [])
        edits.push({
          scenario: 'sweep',
          point: { kind: 'hot', size },
          load: { ...plan.sweep!.hotLoad, editorsPerRoom: size },
          hot: true,
        });
      if (edits.length > 0) {
        await withServers(
          arms,
          round,
          600_000,
          [...new Set(edits.map((job) => job.scenario))],
          async (arm, server, seeded) => {
            for (const job of edits) {
              const before = await commitCounters(server);
              const result = await runEditLoad(server, job.hot ? [seeded.hot] : seeded.rooms, job.load);
              const commits = commitDelta(before, await commitCounters(server));
              runs.push(
                job.point
                  ? { arm, round, scenario: 'sweep', point: job.point, result, commits }
                  : { arm, round, scenario: job.scenario as 'rooms' | 'hot', result, commits },
              );
              const name = job.point ? `${job.point.kind}:${job.point.size}` : job.scenario;
              plan.log(
                `  round ${round} ${name.padEnd(9)} ${arm.padEnd(15)} p50 ${ms(result.latency.p50)} p99 ${ms(result.latency.p99)} saved p99 ${ms(result.saved?.p99 ?? NaN)} ` +
                  `delivered ${result.delivered}/${result.expectedDeliveries} dup ${result.duplicates} cpu ${result.serverCpuPercent.toFixed(0)}%` +
                  (commits
                    ? ` commits ${commits.commits} × ${commits.meanMs.toFixed(1)} ms, batch ${commits.meanBatch.toFixed(1)}, write ${commits.writeMicrosPerFrame.toFixed(1)} µs/frame`
                    : ''),
              );
            }
          },
        );
      }
      const joins: Scenario[] = [
        ...(plan.joinTime ? ['join-time' as const] : []),
        ...(plan.joinLeave ? ['join-leave' as const] : []),
      ];
      if (joins.length > 0) {
        // Joins measure one process; the two-node arm is there for the latency across nodes.
        const joinArms = arms.filter((a) => a !== 'accord-2nodes');
        await withServers(joinArms, round, plan.joinsIdleUnloadMs, joins, async (arm, server, seeded) => {
          if (plan.joinTime) {
            const result = await runJoinTime(server, seeded.big, plan.joinTime);
            runs.push({ arm, round, scenario: 'join-time', result });
            plan.log(
              `  round ${round} join  ${arm.padEnd(15)} cold p50 ${ms(summarize(result.cold ?? []).p50)} warm p50 ${ms(summarize(result.warm).p50)} failures ${result.failures}`,
            );
          }
          if (plan.joinLeave) {
            const result = await runJoinLeave(server, seeded.churn, plan.joinLeave);
            runs.push({ arm, round, scenario: 'join-leave', result });
            plan.log(
              `  round ${round} churn ${arm.padEnd(15)} RSS ${result.rssBeforeMiB.toFixed(1)} → ${result.rssAfterMiB.toFixed(1)} MiB` +
                (result.heapUsedMiB
                  ? ` (heap ${result.heapUsedMiB.before.toFixed(1)} → ${result.heapUsedMiB.after.toFixed(1)})`
                  : '') +
                `, loaded after ${result.loadedAfter ?? 'n/a'}, ${result.cyclesPerSecond.toFixed(0)} cycles/s, failures ${result.failures}`,
            );
          }
        });
      }
      roundMs = Math.max(roundMs, performance.now() - roundStarted);
    }
    return {
      arms,
      runs,
      seedSeconds,
      bigWorkshop: {
        updates: plan.seed.bigUpdates,
        snapshotBytes: first.seeded.big.snapshotBytes,
        inProcessLoad: first.seeded.big.inProcessLoad,
      },
    };
  } finally {
    for (const { database } of seeds.values()) await database.drop();
    build?.remove();
  }
}

/** An arm's server, starting or started, on its own copy of the seed. */
interface ArmServer {
  readonly arm: ServerArm;
  readonly seeded: Seeded;
  readonly database: ProcessDatabase | undefined;
  /** Settles once the server listens (or could not start): a start that failed is the arm's error, not the run's. */
  readonly server: Promise<{ readonly started: BenchServer } | { readonly error: unknown }>;
}

/** One edit scenario (or sweep point) of a round. */
interface EditJob {
  readonly scenario: 'rooms' | 'hot' | 'sweep';
  readonly point?: SweepPoint;
  readonly load: EditLoadPlan;
  /** Edits the hot room rather than the many rooms. */
  readonly hot: boolean;
}

interface CommitCounters {
  readonly seconds: number;
  readonly commits: number;
  readonly updates: number;
  readonly writeSeconds: number;
  readonly framesSent: number;
}

async function commitCounters(server: BenchServer): Promise<CommitCounters | undefined> {
  const text = await server.metrics();
  if (text === undefined) return undefined;
  return {
    seconds: metricValue(text, 'accord_commit_seconds_sum') ?? 0,
    commits: metricValue(text, 'accord_commit_seconds_count') ?? 0,
    updates: metricValue(text, 'accord_commit_batch_size_sum') ?? 0,
    writeSeconds: metricValue(text, 'accord_yjs_socket_write_seconds_total') ?? 0,
    framesSent: metricValue(text, 'accord_yjs_frames_sent_total') ?? 0,
  };
}

function commitDelta(before: CommitCounters | undefined, after: CommitCounters | undefined): CommitStats | undefined {
  if (!before || !after) return undefined;
  const commits = after.commits - before.commits;
  return {
    commits,
    meanMs: commits > 0 ? ((after.seconds - before.seconds) / commits) * 1000 : NaN,
    meanBatch: commits > 0 ? (after.updates - before.updates) / commits : NaN,
    writeMicrosPerFrame:
      after.framesSent > before.framesSent
        ? ((after.writeSeconds - before.writeSeconds) / (after.framesSent - before.framesSent)) * 1e6
        : NaN,
  };
}

function ms(value: number): string {
  return `${Number.isFinite(value) ? value.toFixed(1) : '—'} ms`;
}
