import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

/**
 * Test settings every package shares. Besides the console report, each run writes
 * `test-results/vitest.json`, which `.ci/run` sums into its closing `tests: N passed, M failed` line. Property
 * tests take their seed from `vitest.fast-check.ts`.
 */
export const sharedTestConfig = {
  reporters: ['default', 'json'],
  outputFile: { json: 'test-results/vitest.json' },
  setupFiles: [fileURLToPath(new URL('./vitest.fast-check.ts', import.meta.url))],
} satisfies NonNullable<ViteUserConfig['test']>;

/**
 * For packages whose tests are pure (no server, database or mocks): the files share worker threads and their
 * imports instead of each loading the package anew, which cut the core's suite from 169 s to 70 s on a
 * loaded two-core machine. A package whose tests stub globals or mock modules keeps the shared defaults.
 */
export const pureTestConfig = {
  ...sharedTestConfig,
  pool: 'threads',
  isolate: false,
} satisfies NonNullable<ViteUserConfig['test']>;
