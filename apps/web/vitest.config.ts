import { defineConfig } from 'vitest/config';
import { pureTestConfig } from '../../vitest.shared.ts';

/** Unit tests of the client's pure logic (input parsing, the saved indicator, the week grid …) in Node. */
export default defineConfig({ test: { ...pureTestConfig, include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'] } });
