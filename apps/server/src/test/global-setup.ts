import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder holding this run's production build of the server (`server.mjs`, `accord.mjs`). */
    serverBuild: string;
  }
}

const SERVER_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = join(SERVER_ROOT, '../../node_modules/.cache/accord-test-server');

/**
 * Builds the server once per run with the production build script, so tests that start it in a child
 * process (kill, restart, backup) run what `node apps/server/dist/server.mjs` runs instead of compiling
 * every source through tsx at each start: about 2 s of CPU less per start on a two-core machine. The
 * folder is this run's own (runs of `npm test` and `npm run fuzz` may overlap) and is removed afterwards.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  mkdirSync(CACHE, { recursive: true });
  const out = mkdtempSync(join(CACHE, 'run-'));
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [join(SERVER_ROOT, 'scripts/build.mjs'), out], (error, _stdout, stderr) =>
      error ? reject(new Error(`building the server failed:\n${stderr}`)) : resolve(),
    );
  });
  project.provide('serverBuild', out);
  return () => rmSync(out, { recursive: true, force: true });
}
