import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.ts';

export default defineConfig({
  test: { ...sharedTestConfig, include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
