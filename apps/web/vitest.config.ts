import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { pureTestConfig } from '../../vitest.shared.ts';

/**
 * Unit tests of the client's pure logic (input parsing, the saved indicator, the week grid …) and of its build
 * plugins, in Node. The Svelte plugin compiles the rune classes (`*.svelte.ts`) so their logic can be tested
 * too: compiled for the server, their `$state` fields are plain fields there, so reactivity itself is left to
 * the browser tests (e2e/).
 */
export default defineConfig({
  plugins: [svelte()],
  test: { ...pureTestConfig, include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'] },
});
