import tseslint from 'typescript-eslint';

/** One lint config for the workspace. The domain core must stay pure: no I/O modules may be imported there. */
export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/*.svelte'] },
  ...tseslint.configs.recommended,
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
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['node:*', 'fs', 'fs/*', 'net', 'http', 'https', 'http2', 'child_process', 'worker_threads', 'dgram', 'tls',
            'pg', 'pg-*', 'kysely', '@electric-sql/*', 'socket.io', 'socket.io-*', 'ws', 'ioredis', 'hono', '@hono/*', 'pino'],
          message: '@accord/core is pure: it runs in the browser, the server and the CLI, so it imports no I/O.',
        }],
      }],
    },
  },
);
