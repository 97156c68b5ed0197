import type { PackageFigure } from './package-benches.ts';
import type { BenchRun, EditRun, RunRecord, Scenario, SweepPoint } from './run-bench.ts';
import type { ServerArm } from './servers.ts';
import { median, summarize, type Summary } from './stats.ts';

/** One line of the table: a scenario on one server, medians over its runs. */
export interface Row {
  readonly id: Scenario | 'join-time-cold' | 'join-time-warm';
  readonly scenario: string;
  readonly server: string;
  readonly runs: number;
  readonly errors: number;
  /** Latency (or join time) in ms. */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** Edit → saved acknowledgement at the writer, p99, ms (servers with acks). */
  readonly savedP99: number;
  readonly max: number;
  /** Deliveries per second (edit scenarios) or cycles per second (join/leave). */
  readonly perSecond: number;
  readonly drops: number;
  readonly duplicates: number;
  /** Server RSS, MiB (after, for join/leave). */
  readonly rssMiB: number;
  /** Accord ÷ reference of the p99 (edit scenarios, joins) or of the RSS growth (join/leave). */
  readonly ratio: number;
  readonly notes: string;
  /** The sweep point of a sweep row. */
  readonly point?: SweepPoint;
}

export interface TargetCheck {
  readonly target: string;
  readonly server: string;
  readonly figure: string;
  readonly met: boolean | undefined;
}

/** The suffix of the two-node arm's row for peers on the writer's node. */
export const SAME_NODE = '(same node)';

const LABEL: Record<Scenario, string> = {
  rooms: 'rooms (many × editors)',
  hot: 'hot room',
  sweep: 'sweep',
  'join-time': 'join big workshop',
  'join-leave': 'join/leave cycles',
};

/** The rows of the table: per scenario and server, the medians of its runs and the ratio to the reference. */
export function buildRows(bench: BenchRun, scenarioLabels: Partial<Record<Scenario, string>> = {}): Row[] {
  const rows: Row[] = [];
  const label = (scenario: Scenario): string => scenarioLabels[scenario] ?? LABEL[scenario];
  const of = <S extends Scenario>(scenario: S, arm: ServerArm) =>
    bench.runs.filter(
      (run): run is Extract<RunRecord, { scenario: S; result: unknown }> =>
        run.scenario === scenario && run.arm === arm && 'result' in run,
    );
  const errorsOf = (scenario: Scenario, arm: ServerArm): number =>
    bench.runs.filter((run) => run.scenario === scenario && run.arm === arm && 'error' in run).length;
  const present = (scenario: Scenario): boolean => bench.runs.some((run) => run.scenario === scenario);

  const editRows = (id: Row['id'], scenario: string, select: (run: EditRun) => boolean, point?: SweepPoint): void => {
    const matching = (arm: ServerArm): EditRun[] =>
      bench.runs.filter(
        (run): run is EditRun =>
          run.arm === arm &&
          'result' in run &&
          (run.scenario === 'rooms' || run.scenario === 'hot' || run.scenario === 'sweep') &&
          select(run),
      );
    const failed = (arm: ServerArm): number =>
      bench.runs.filter(
        (run) =>
          run.arm === arm && 'error' in run && (run.scenario === id || (run.scenario === 'sweep' && id === 'sweep')),
      ).length;
    const refP99 = median(matching('reference').map((run) => run.result.latency.p99));
    for (const arm of bench.arms) {
      const runs = matching(arm);
      if (runs.length === 0 && failed(arm) === 0) continue;
      const p99 = median(runs.map((run) => run.result.latency.p99));
      const commitMs = median(runs.map((run) => run.commits?.meanMs ?? NaN));
      const batch = median(runs.map((run) => run.commits?.meanBatch ?? NaN));
      const writeMicros = median(runs.map((run) => run.commits?.writeMicrosPerFrame ?? NaN));
      const lag = maxOf(runs.map((run) => run.result.generatorLag.p99));
      const notes = [
        arm === 'accord-2nodes' ? 'latency across nodes (same node: next row); cpu of both nodes' : '',
        Number.isFinite(commitMs) ? `commit ${fixed(commitMs)} ms × ${fixed(batch)} upd` : '',
        Number.isFinite(writeMicros) ? `write ${fixed(writeMicros)} µs/frame` : '',
        arm === 'reference'
          ? ''
          : `${fixed(median(runs.map((run) => run.result.savedMessagesPerEdit)))} saved msgs/edit`,
        `cpu ${fixed(median(runs.map((run) => run.result.serverCpuPercent)), 0)}%`,
        lag > 50 ? `generator lag p99 ${fixed(lag, 0)} ms` : '',
      ]
        .filter(Boolean)
        .join(', ');
      rows.push({
        id,
        scenario,
        server: arm,
        runs: runs.length,
        errors: failed(arm),
        ...(point ? { point } : {}),
        p50: median(runs.map((run) => run.result.latency.p50)),
        p95: median(runs.map((run) => run.result.latency.p95)),
        p99,
        savedP99: median(runs.map((run) => run.result.saved?.p99 ?? NaN)),
        max: maxOf(runs.map((run) => run.result.latency.max)),
        perSecond: median(runs.map((run) => run.result.deliveredPerSecond)),
        drops: sum(runs.map((run) => run.result.drops)),
        duplicates: sum(runs.map((run) => run.result.duplicates)),
        rssMiB: median(runs.map((run) => run.result.serverRssMiB)),
        ratio: arm === 'reference' ? NaN : p99 / refP99,
        notes:
          sum(runs.map((run) => run.result.unsaved + run.result.closedEarly)) > 0
            ? `${notes}, unsaved ${sum(runs.map((run) => run.result.unsaved))}, closed early ${sum(runs.map((run) => run.result.closedEarly))}`
            : notes,
      });
      const sameNode = runs.map((run) => run.result.sameNodeLatency).filter((l): l is Summary => l !== undefined);
      if (sameNode.length > 0) {
        // Peers on the node the writer is on: the relay path alone, which should match the reference's.
        const sameP99 = median(sameNode.map((l) => l.p99));
        rows.push({
          id,
          scenario,
          server: `${arm} ${SAME_NODE}`,
          runs: sameNode.length,
          errors: failed(arm),
          ...(point ? { point } : {}),
          p50: median(sameNode.map((l) => l.p50)),
          p95: median(sameNode.map((l) => l.p95)),
          p99: sameP99,
          savedP99: NaN,
          max: maxOf(sameNode.map((l) => l.max)),
          perSecond: NaN,
          drops: NaN,
          duplicates: NaN,
          rssMiB: NaN,
          ratio: sameP99 / refP99,
          notes: 'latency between peers on the same node (deliveries, drops and cpu in the row above)',
        });
      }
    }
  };
  for (const scenario of ['rooms', 'hot'] as const) {
    if (present(scenario)) editRows(scenario, label(scenario), (run) => run.scenario === scenario);
  }
  const points = new Map<string, SweepPoint>();
  for (const run of bench.runs)
    if (run.scenario === 'sweep' && 'point' in run) points.set(`${run.point.kind}:${run.point.size}`, run.point);
  const ordered = [...points.values()].sort((a, b) =>
    a.kind === b.kind ? a.size - b.size : a.kind === 'rooms' ? -1 : 1,
  );
  for (const point of ordered) {
    editRows(
      'sweep',
      sweepLabel(point),
      (run) => run.scenario === 'sweep' && run.point.kind === point.kind && run.point.size === point.size,
      point,
    );
  }

  if (present('join-time')) {
    const pooled = (arm: ServerArm, kind: 'cold' | 'warm'): Summary =>
      summarize(of('join-time', arm).flatMap((run) => run.result[kind] ?? []));
    const refWarm = pooled('reference', 'warm');
    for (const arm of bench.arms.filter((a) => a !== 'accord-2nodes')) {
      for (const kind of arm === 'reference' ? (['warm'] as const) : (['cold', 'warm'] as const)) {
        const times = pooled(arm, kind);
        const runs = of('join-time', arm);
        rows.push({
          id: `join-time-${kind}`,
          scenario: `${label('join-time')} (${kind})`,
          server: arm,
          runs: runs.length,
          errors: errorsOf('join-time', arm),
          p50: times.p50,
          p95: times.p95,
          p99: times.p99,
          savedP99: NaN,
          max: times.max,
          perSecond: NaN,
          drops: sum(runs.map((run) => run.result.failures)),
          duplicates: NaN,
          rssMiB: NaN,
          ratio: arm === 'reference' ? NaN : times.p99 / refWarm.p99,
          notes: `${times.n} joins, connect → synced${kind === 'cold' ? ', read from the database' : ''}`,
        });
      }
    }
  }

  if (present('join-leave')) {
    const growth = (arm: ServerArm): number => median(of('join-leave', arm).map((run) => run.result.rssRatio));
    // The two-node arm runs the edit scenarios only.
    for (const arm of bench.arms.filter((a) => a !== 'accord-2nodes')) {
      const runs = of('join-leave', arm);
      const loaded = runs.map((run) => run.result.loadedAfter).filter((n): n is number => n !== undefined);
      rows.push({
        id: 'join-leave',
        scenario: label('join-leave'),
        server: arm,
        runs: runs.length,
        errors: errorsOf('join-leave', arm),
        p50: median(runs.map((run) => run.result.join.p50)),
        p95: median(runs.map((run) => run.result.join.p95)),
        p99: median(runs.map((run) => run.result.join.p99)),
        savedP99: NaN,
        max: maxOf(runs.map((run) => run.result.join.max)),
        perSecond: median(runs.map((run) => run.result.cyclesPerSecond)),
        drops: sum(runs.map((run) => run.result.failures)),
        duplicates: NaN,
        rssMiB: median(runs.map((run) => run.result.rssAfterMiB)),
        ratio: arm === 'reference' ? NaN : growth(arm) / growth('reference'),
        notes:
          `RSS ${fixed(median(runs.map((run) => run.result.rssBeforeMiB)))} → ${fixed(median(runs.map((run) => run.result.rssAfterMiB)))} MiB ` +
          `(×${fixed(growth(arm), 3)})` +
          (runs.some((run) => run.result.heapUsedMiB)
            ? `, heap ${fixed(median(runs.map((run) => run.result.heapUsedMiB?.before ?? NaN)))} → ${fixed(median(runs.map((run) => run.result.heapUsedMiB?.after ?? NaN)))} MiB`
            : '') +
          `${loaded.length > 0 ? `, loaded after unload ${Math.max(...loaded)}` : ''}`,
      });
    }
  }
  return rows;
}

/** The acceptance targets of the bench, checked per Accord server. */
export function checkTargets(
  bench: BenchRun,
  rows: readonly Row[],
  targets: {
    readonly joinMs: number;
    readonly rssGrowth: number;
    readonly savedMs: number;
    readonly sweepRatio: number;
  },
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const arm of bench.arms.filter((a) => a !== 'reference')) {
    for (const scenario of ['rooms', 'hot'] as const) {
      const row = rows.find((r) => r.server === arm && r.id === scenario);
      if (!row) continue;
      // Two nodes: the target is for peers on the writer's node; the latency across nodes is reported beside it.
      const sameNode = rows.find((r) => r.server === `${arm} ${SAME_NODE}` && r.id === scenario);
      const timed = sameNode ?? row;
      checks.push({
        target: `${scenario}: ${sameNode ? 'same-node ' : ''}p99 ≤ reference, zero drops`,
        server: arm,
        figure:
          `p99 ${fixed(timed.p99)} ms = ${fixed(timed.ratio, 2)} × reference, ${row.drops} drops, ${row.duplicates} duplicates` +
          (sameNode ? `; across nodes p99 ${fixed(row.p99)} ms = ${fixed(row.ratio, 2)} × reference` : ''),
        met: row.errors === 0 && timed.ratio <= 1 && row.drops === 0 && row.duplicates === 0,
      });
      if (scenario === 'rooms' && arm === 'accord-postgres') {
        checks.push({
          target: `rooms: saved p99 ≤ ${targets.savedMs} ms`,
          server: arm,
          figure: `saved p99 ${fixed(row.savedP99)} ms`,
          met: row.errors === 0 && row.savedP99 <= targets.savedMs,
        });
      }
    }
    // The growth target: no knee up to the largest points (100 rooms, 200 editors in one room).
    for (const kind of ['rooms', 'hot'] as const) {
      const largest = rows.filter((r) => r.server === arm && r.point?.kind === kind).at(-1);
      if (!largest) continue;
      checks.push({
        target: `${largest.scenario}: p99 ≤ ${targets.sweepRatio} × reference`,
        server: arm,
        figure: `p99 ${fixed(largest.p99)} ms = ${fixed(largest.ratio, 2)} × reference, saved p99 ${fixed(largest.savedP99)} ms`,
        met: largest.errors === 0 && largest.ratio <= targets.sweepRatio && largest.drops === 0,
      });
    }
    const cold = rows.find((r) => r.server === arm && r.id === 'join-time-cold');
    if (cold && cold.runs > 0) {
      checks.push({
        target: `join of the big workshop < ${targets.joinMs} ms`,
        server: arm,
        figure: `cold p50 ${fixed(cold.p50)} ms, p95 ${fixed(cold.p95)} ms`,
        met: cold.errors === 0 && cold.drops === 0 && cold.p50 < targets.joinMs,
      });
    }
    const churn = bench.runs.filter(
      (run): run is Extract<RunRecord, { scenario: 'join-leave'; result: unknown }> =>
        run.arm === arm && run.scenario === 'join-leave' && 'result' in run,
    );
    if (churn.length > 0) {
      const growth = median(churn.map((run) => run.result.rssRatio));
      const loaded = Math.max(...churn.map((run) => run.result.loadedAfter ?? 0));
      checks.push({
        target: `RSS within ${Math.round((targets.rssGrowth - 1) * 100)} % after join/leave, docs unloaded`,
        server: arm,
        figure: `×${fixed(growth, 3)}, ${loaded} loaded after idle unload`,
        met: growth <= targets.rssGrowth && loaded === 0,
      });
    }
  }
  return checks;
}

/** The table for stdout: one line per scenario and server, then the other packages' figures. */
export function formatTable(rows: readonly Row[], packages: readonly PackageFigure[]): string {
  const header = [
    'scenario',
    'server',
    'runs',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'saved p99',
    'max ms',
    'per s',
    'drops',
    'dups',
    'RSS MiB',
    '÷ ref',
    'notes',
  ];
  const body = rows.map((row) => [
    row.scenario,
    row.errors > 0 ? `${row.server} (${row.errors} failed)` : row.server,
    String(row.runs),
    fixed(row.p50),
    fixed(row.p95),
    fixed(row.p99),
    fixed(row.savedP99),
    fixed(row.max),
    fixed(row.perSecond, 0),
    count(row.drops),
    count(row.duplicates),
    fixed(row.rssMiB),
    fixed(row.ratio, 2),
    row.notes,
  ]);
  for (const figure of packages) {
    body.push([
      figure.label,
      figure.status === 'ok' ? 'package bench' : figure.status,
      figure.status === 'ok' ? '1' : '0',
      fixed(figure.median ?? NaN, 2),
      fixed(figure.p95 ?? NaN, 2),
      '—',
      '—',
      '—',
      '—',
      '—',
      '—',
      '—',
      '—',
      figure.gzipKiB !== undefined ? `${figure.gzipKiB} KB gzip; ${figure.summary}` : figure.summary,
    ]);
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => (column === header.length - 1 ? 0 : (cells[column] ?? '').length))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => {
        if (column === cells.length - 1) return cell;
        return column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0);
      })
      .join('  ');
  return [
    line(header),
    line(widths.map((w, column) => '-'.repeat(column === header.length - 1 ? 5 : w))),
    ...body.map(line),
  ].join('\n');
}

export function formatTargets(checks: readonly TargetCheck[]): string {
  return checks
    .map((check) => `${check.met ? 'MET   ' : 'MISSED'}  ${check.server.padEnd(15)} ${check.target}: ${check.figure}`)
    .join('\n');
}

/** "sweep: 25 rooms × 10 × 2/s", "sweep: 1 room × 200 × 1/s". */
export function sweepLabel(point: SweepPoint): string {
  return point.kind === 'rooms' ? `sweep: ${point.size} rooms × 10 × 2/s` : `sweep: 1 room × ${point.size} × 1/s`;
}

function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

function count(value: number): string {
  return Number.isFinite(value) ? String(value) : '—';
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function maxOf(values: readonly number[]): number {
  return values.length === 0 ? NaN : Math.max(...values);
}
