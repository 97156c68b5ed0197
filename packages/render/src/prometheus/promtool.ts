import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's `prometheus` package puts promtool; `.ci/run` installs it on CI machines. */
const PROMTOOL = '/usr/bin/promtool';

/**
 * Whether promtool can run here. Tests that need it skip on a developer machine without it; under CI
 * (`CI` set, as `.ci/run` does) a missing promtool is an error instead, so a check never silently vanishes.
 */
export function promtoolAvailable(): boolean {
  const present = existsSync(PROMTOOL) || spawnSync('promtool', ['--version']).status === 0;
  if (!present && process.env.CI)
    throw new Error('promtool is missing: apt-get install -y prometheus (Debian) or run .ci/run');
  return present;
}

function binary(): string {
  return existsSync(PROMTOOL) ? PROMTOOL : 'promtool';
}

/** Writes files into a fresh temporary directory and returns its path. */
export function writeTemp(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'accord-promtool-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Runs promtool with arguments in `cwd`; returns its exit status and combined output. */
export function promtool(args: readonly string[], cwd: string): { readonly status: number; readonly output: string } {
  try {
    const output = execFileSync(binary(), args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    return { status: failed.status ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}
