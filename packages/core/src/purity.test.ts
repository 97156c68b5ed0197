import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

// The first lint loads ESLint and the project's config: seconds on a busy two-core machine.
describe('the purity rule of @accord/core', { timeout: 60_000 }, () => {
  const lint = async (code: string, file: string) => {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it.each(['node:fs', 'node:net', 'http', 'pg', 'socket.io', 'kysely', 'ioredis'])(
    'rejects an import of %s in the core',
    async (module) => {
      const messages = await lint(`import x from '${module}';\nexport const y = x;\n`, 'packages/core/src/example.ts');
      expect(messages.join()).toContain('@accord/core is pure');
    },
  );

  it('allows the same import outside the core', async () => {
    expect(await lint("import x from 'node:fs';\nexport const y = x;\n", 'packages/cli/src/example.ts')).toEqual([]);
  });
});
