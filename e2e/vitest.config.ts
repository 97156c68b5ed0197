import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.ts';

/** Browser tests: one server and one Chromium per file, files one after another (two cores, shared). */
export default defineConfig({
  test: {
    ...sharedTestConfig,
    include: ['src/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // What another browser shows arrives over the network: allow a loaded CI machine its seconds.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
