import { describe, expect, it } from 'vitest';
import { buildRows, checkTargets, SAME_NODE } from './report.ts';
import type { BenchRun } from './run-bench.ts';
import type { EditLoadResult } from './scenarios/edit-load.ts';
import { summarize } from './stats.ts';

function result(latencies: number[], sameNode?: number[]): EditLoadResult {
  const none = summarize([]);
  return {
    latency: summarize(latencies),
    sameNodeLatency: sameNode ? summarize(sameNode) : undefined,
    saved: undefined,
    edits: 10,
    expectedDeliveries: 90,
    delivered: 90,
    deliveredPerSecond: 18,
    drops: 0,
    duplicates: 0,
    unsaved: 0,
    savedMessagesPerEdit: 1,
    closedEarly: 0,
    generatorLag: none,
    join: none,
    serverCpuPercent: 10,
    benchCpuPercent: 10,
    serverRssMiB: 100,
  };
}

const TARGETS = { joinMs: 100, rssGrowth: 1.1, savedMs: 25, sweepRatio: 1.5 };

describe('the two-node arm in the report', () => {
  const bench: BenchRun = {
    arms: ['accord-2nodes', 'reference'],
    runs: [
      {
        arm: 'accord-2nodes',
        round: 1,
        scenario: 'rooms',
        result: result([20, 30, 40], [2, 3, 4]),
        commits: undefined,
      },
      { arm: 'reference', round: 1, scenario: 'rooms', result: result([4, 5]), commits: undefined },
    ],
    seedSeconds: 0,
    bigWorkshop: undefined,
  };

  it('shows the latency between peers on the same node in a row of its own, with its ratio', () => {
    const rows = buildRows(bench);
    const across = rows.find((row) => row.server === 'accord-2nodes');
    const same = rows.find((row) => row.server === `accord-2nodes ${SAME_NODE}`);
    expect(across?.p99).toBe(40);
    expect(across?.ratio).toBe(8);
    expect(same?.p99).toBe(4);
    expect(same?.ratio).toBe(0.8);
    expect(rows.map((row) => row.server)).toEqual(['accord-2nodes', `accord-2nodes ${SAME_NODE}`, 'reference']);
  });

  it('checks the same-node p99 against the reference and reports the one across nodes beside it', () => {
    const [check] = checkTargets(bench, buildRows(bench), TARGETS);
    expect(check?.target).toBe('rooms: same-node p99 ≤ reference, zero drops');
    expect(check?.met).toBe(true);
    expect(check?.figure).toContain('across nodes p99 40.0 ms = 8.00 × reference');
  });
});
