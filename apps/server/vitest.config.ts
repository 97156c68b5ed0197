import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

/**
 * The suite's temporary folders (embedded databases copied from the cached cluster, data folders of child-process
 * servers, backups) go to memory where Linux offers it: copying and removing a cluster's 2 000 files there costs a
 * quarter of the CPU it costs on disk, and nothing in the suite depends on a folder surviving the machine.
 */
const MEMORY_TMPDIR = '/dev/shm';

export default defineConfig({
  test: {
    ...sharedTestConfig,
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // The files share one module graph instead of importing the server anew each (a few seconds of CPU per
    // file): no file mocks a module or stubs a global, and spies go on an app's own objects and die with it.
    isolate: false,
    ...(existsSync(MEMORY_TMPDIR) ? { env: { TMPDIR: MEMORY_TMPDIR } } : {}),
  },
});
