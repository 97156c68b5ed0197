import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runToEnd } from './child-process.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The figures other packages' own benches print, gathered into this report. */
export interface PackageFigure {
  readonly id: 'derivation' | 'pdf' | 'bundle';
  /** What is measured, for the table. */
  readonly label: string;
  readonly status: 'ok' | 'failed' | 'n/a';
  /** Headline numbers parsed from the output: ms for timings, KiB for sizes. */
  readonly median?: number;
  readonly p95?: number;
  readonly gzipKiB?: number;
  /** The bench's own summary line (or why there is none). */
  readonly summary: string;
  readonly seconds: number;
}

interface PackageBench {
  readonly id: PackageFigure['id'];
  readonly label: string;
  readonly dir: string;
  /** Extra arguments, decided when the bench runs. */
  readonly args?: () => readonly string[];
}

const BENCHES: readonly PackageBench[] = [
  { id: 'derivation', label: 'derive SLA (messaging template)', dir: 'packages/core' },
  { id: 'pdf', label: 'render SLA PDF', dir: 'packages/render' },
  {
    id: 'bundle',
    label: 'web room page initial JS',
    dir: 'apps/web',
    // A build the task graph (or an earlier run) already made is measured as it is: a second Vite build would
    // take a minute of the bench's budget for the same bytes.
    args: () => (existsSync(join(REPO_ROOT, 'apps/web/dist/.vite/manifest.json')) ? ['--', '--no-build'] : []),
  },
];

/** Runs each package's `npm run bench` (when it has one) in a child process of its own, one after another. */
export async function runPackageBenches(timeoutMs: number, log: (line: string) => void): Promise<PackageFigure[]> {
  const figures: PackageFigure[] = [];
  for (const bench of BENCHES) {
    const dir = join(REPO_ROOT, bench.dir);
    const manifest = join(dir, 'package.json');
    const script = existsSync(manifest)
      ? (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }).scripts?.bench
      : undefined;
    const target = script?.match(/^tsx (\S+)/)?.[1];
    if (!script || (target && !existsSync(join(dir, target)))) {
      figures.push({
        id: bench.id,
        label: bench.label,
        status: 'n/a',
        summary: `${bench.dir} has no bench yet`,
        seconds: 0,
      });
      continue;
    }
    log(`  ${bench.dir}: npm run bench`);
    const started = performance.now();
    const args = bench.args?.() ?? [];
    const finished = await runToEnd('npm', ['run', '--silent', 'bench', ...args], dir, timeoutMs);
    const seconds = (performance.now() - started) / 1000;
    const lines = finished.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /\d/.test(line));
    const summary = lines.at(-1) ?? finished.stderr.trim().split('\n').at(-1) ?? '';
    const parsed = parseFigures(finished.stdout);
    const ok = !finished.timedOut && (finished.code === 0 || Object.keys(parsed).length > 0);
    figures.push({
      id: bench.id,
      label: bench.label,
      status: ok ? 'ok' : 'failed',
      ...parsed,
      seconds,
      summary: finished.timedOut
        ? `timed out after ${timeoutMs / 1000} s`
        : `${summary}${args.length > 0 ? ` (measured on the existing build${buildAge(dir)})` : ''}`,
    });
  }
  return figures;
}

/**
 * `median 1.2 ms`, `p95 3.4 ms`, `123.4 KB gzip`, as the packages' benches print them: the first of each on
 * the last line that has any (a line may go on with secondary figures, e.g. CPU time besides wall time).
 */
export function parseFigures(output: string): Pick<PackageFigure, 'median' | 'p95' | 'gzipKiB'> {
  const number = (pattern: RegExp): number | undefined => {
    const line =
      output
        .split('\n')
        .filter((l) => pattern.test(l))
        .at(-1) ?? '';
    const match = pattern.exec(line)?.[1];
    return match === undefined ? undefined : Number(match);
  };
  const median = number(/median[:= ]+([\d.]+)\s*ms/i);
  const p95 = number(/p95[:= ]+([\d.]+)\s*ms/i);
  const gzipKiB = number(/([\d.]+)\s*KB gzip/i);
  return {
    ...(median === undefined ? {} : { median }),
    ...(p95 === undefined ? {} : { p95 }),
    ...(gzipKiB === undefined ? {} : { gzipKiB }),
  };
}

function buildAge(dir: string): string {
  const manifest = join(dir, 'dist/.vite/manifest.json');
  if (!existsSync(manifest)) return '';
  const minutes = Math.round((Date.now() - statSync(manifest).mtimeMs) / 60_000);
  return `, made ${minutes} min before`;
}
