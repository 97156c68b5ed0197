import { defineConfig } from 'vitest/config';
import { pureTestConfig } from '../../vitest.shared.ts';

export default defineConfig({ test: { ...pureTestConfig, include: ['src/**/*.test.ts'] } });
