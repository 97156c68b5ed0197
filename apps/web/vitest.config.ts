import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

/** Unit tests of the client's pure logic (input parsing, the saved indicator, the week grid …) in Node. */
export default defineConfig({ test: { ...sharedTestConfig, include: ['src/**/*.test.ts'] } });
