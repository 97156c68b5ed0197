import { afterAll, describe, expect, it } from 'vitest';
import { killChildren } from './child-process.ts';
import { parseFigures } from './package-benches.ts';
import { buildRows, formatTable, SAME_NODE } from './report.ts';
import { runBench, type BenchRun } from './run-bench.ts';

// Correctness only: the machine is shared, so no figure here is asserted against a time.
const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL;
// Short windows at twice the rates: about as many edits as 1.2 s at the bench's own rates, and every edit
// scenario still measures latencies in its window, on each of the 16 runs (4 scenarios × 4 servers).
const edits = { warmupSeconds: 0.1, measureSeconds: 0.5, drainTimeoutMs: 10_000, connectBatch: 10 };

describe('the bench, in miniature against every server', () => {
  let bench: BenchRun;
  afterAll(() => killChildren());

  it('runs every scenario once per server', async () => {
    bench = await runBench({
      rounds: 1,
      dialects: postgresUrl ? ['pglite', 'postgres'] : ['pglite'],
      postgresUrl,
      redisUrl,
      seed: { rooms: 2, editorsPerRoom: 3, hotEditors: 6, churnRooms: 2, bigUpdates: 300, loadRuns: 1 },
      rooms: { ...edits, rooms: 2, editorsPerRoom: 3, editsPerSecond: 8, seed: 1 },
      hot: { ...edits, rooms: 1, editorsPerRoom: 6, editsPerSecond: 4, seed: 2 },
      sweep: {
        rooms: [1],
        hotEditors: [3],
        roomsLoad: { ...edits, rooms: 1, editorsPerRoom: 3, editsPerSecond: 8, seed: 3 },
        hotLoad: { ...edits, rooms: 1, editorsPerRoom: 3, editsPerSecond: 4, seed: 4 },
      },
      joinTime: { runs: 2, unloadTimeoutMs: 10_000 },
      joinLeave: { cycles: 20, warmupCycles: 4, concurrency: 3, settleTimeoutMs: 10_000, settleMs: 0 },
      joinsIdleUnloadMs: 100,
      log: () => undefined,
    });
    const errors = bench.runs.flatMap((run) => ('error' in run ? [`${run.arm} ${run.scenario}: ${run.error}`] : []));
    expect(errors).toEqual([]);
    const answered = new Set(bench.runs.map((run) => `${run.arm} ${run.scenario}`));
    for (const arm of bench.arms) {
      // The two-node arm runs the edit scenarios only (its point is the latency across nodes).
      const scenarios =
        arm === 'accord-2nodes' ? ['rooms', 'hot', 'sweep'] : ['rooms', 'hot', 'sweep', 'join-time', 'join-leave'];
      for (const scenario of scenarios) expect(answered).toContain(`${arm} ${scenario}`);
    }
    if (postgresUrl && redisUrl) expect(bench.arms).toContain('accord-2nodes');
  });

  it('delivers every edit to every other editor exactly once, and Accord acknowledges each as saved', () => {
    for (const run of bench.runs) {
      if (!('result' in run) || (run.scenario !== 'rooms' && run.scenario !== 'hot' && run.scenario !== 'sweep'))
        continue;
      const { result } = run;
      expect(result.edits, `${run.arm} ${run.scenario}`).toBeGreaterThan(0);
      expect({
        arm: run.arm,
        scenario: run.scenario,
        drops: result.drops,
        duplicates: result.duplicates,
        closed: result.closedEarly,
      }).toEqual({ arm: run.arm, scenario: run.scenario, drops: 0, duplicates: 0, closed: 0 });
      expect(result.delivered).toBe(result.expectedDeliveries);
      if (run.arm !== 'reference') {
        expect(result.unsaved).toBe(0);
        expect(result.saved?.n).toBeGreaterThan(0);
      }
    }
  });

  it('serves the whole big workshop on every join, and Accord unloads idle workshops after the cycles', () => {
    for (const run of bench.runs) {
      if (!('result' in run)) continue;
      if (run.scenario === 'join-time') {
        expect(run.result.failures, run.arm).toBe(0);
        expect(run.result.warm).toHaveLength(2);
        if (run.arm !== 'reference') expect(run.result.cold).toHaveLength(2);
      }
      if (run.scenario === 'join-leave') {
        expect(run.result.failures, run.arm).toBe(0);
        expect(run.result.rssAfterMiB).toBeGreaterThan(0);
        if (run.arm !== 'reference') expect(run.result.loadedAfter).toBe(0);
      }
    }
  });

  it('puts every server in the table, with ratios against the reference', () => {
    const rows = buildRows(bench);
    for (const arm of bench.arms) expect(rows.some((row) => row.server === arm)).toBe(true);
    expect(
      rows.filter((row) => row.server !== 'reference' && row.id === 'hot').every((row) => Number.isFinite(row.ratio)),
    ).toBe(true);
    // One row per sweep point and server, each with its ratio, and Accord's saved p99 beside its p99.
    // The two-node arm adds a row of its own for peers on the writer's node, with a ratio but no saved p99.
    const sweep = rows.filter((row) => row.id === 'sweep' && row.server !== 'reference');
    const sameNode = sweep.filter((row) => row.server.endsWith(SAME_NODE));
    const perServer = sweep.filter((row) => !row.server.endsWith(SAME_NODE));
    const accordArms = bench.arms.filter((a) => a !== 'reference');
    expect(perServer.map((row) => row.point?.kind).sort()).toEqual(accordArms.flatMap(() => ['hot', 'rooms']).sort());
    expect(sameNode.map((row) => row.point?.kind).sort()).toEqual(
      accordArms.filter((a) => a === 'accord-2nodes').flatMap(() => ['hot', 'rooms']),
    );
    expect(perServer.every((row) => Number.isFinite(row.ratio) && Number.isFinite(row.savedP99))).toBe(true);
    expect(sameNode.every((row) => Number.isFinite(row.ratio))).toBe(true);
    expect(formatTable(rows, [])).toContain('reference');
  });
});

describe('parseFigures', () => {
  it('reads the figures other packages print', () => {
    expect(parseFigures('derive messaging template: median 1.234 ms, p95 2.5 ms (n=300, target < 2 ms)')).toEqual({
      median: 1.234,
      p95: 2.5,
    });
    expect(parseFigures('room page initial JS: 151.2 KB gzip (within the 200 KB budget)')).toEqual({ gzipKiB: 151.2 });
    expect(parseFigures('render as PDF: median 428.8 ms, p95 729.3 ms (CPU median 197.0 ms; n=30)')).toEqual({
      median: 428.8,
      p95: 729.3,
    });
    expect(parseFigures('nothing to see')).toEqual({});
  });
});
