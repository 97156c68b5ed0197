import type { ViteUserConfig } from 'vitest/config';

/**
 * Test settings every package shares. Besides the console report, each run writes
 * `test-results/vitest.json`, which `.ci/run` sums into its closing `tests: N passed, M failed` line.
 */
export const sharedTestConfig = {
  reporters: ['default', 'json'],
  outputFile: { json: 'test-results/vitest.json' },
} satisfies NonNullable<ViteUserConfig['test']>;
