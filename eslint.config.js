import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

/**
 * One lint config for the workspace. The domain core must stay pure: no I/O modules may be imported there.
 * Svelte components are linted too: `{@html}` is an error (SECURITY.md: the client never renders raw markup).
 */
export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**'] },
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      'svelte/no-at-html-tags': 'error',
      // Maps and Sets here are replaced whole through `$state.raw` (or are a component's private bookkeeping),
      // never mutated in place for the view to follow.
      'svelte/prefer-svelte-reactivity': 'off',
      // `{': '}` keeps a space the template would otherwise trim between inline elements.
      'svelte/no-useless-mustaches': 'off',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    // Tests run in Node and may read fixtures; the shipped core may not.
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'fs/*',
                'net',
                'http',
                'https',
                'http2',
                'child_process',
                'worker_threads',
                'dgram',
                'tls',
                'pg',
                'pg-*',
                'kysely',
                '@electric-sql/*',
                'socket.io',
                'socket.io-*',
                'ws',
                'ioredis',
                'hono',
                '@hono/*',
                'pino',
              ],
              message: '@accord/core is pure: it runs in the browser, the server and the CLI, so it imports no I/O.',
            },
          ],
        },
      ],
    },
  },
);
