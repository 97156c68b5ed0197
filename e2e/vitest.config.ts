import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.ts';

/**
 * Browser tests, files one after another (two cores, shared). One Accord server and one Chromium serve every
 * file (`src/global-setup.ts`); a file that needs its own server configuration starts its own.
 */
export default defineConfig({
  test: {
    ...sharedTestConfig,
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // One worker runs the files in turn and keeps its imports (playwright, the drivers) between them.
    isolate: false,
    // What another browser shows arrives over the network: allow a loaded CI machine its seconds.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
