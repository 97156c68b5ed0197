import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, withCompileHint } from './compile-hints-plugin.ts';

/** A chunk of two lines whose second line's `b` comes from line 3, column 2 of `src/a.ts`. */
const CODE = 'const a=1;\nlet b=2;';
const MAP = JSON.stringify({
  version: 3,
  sources: ['src/a.ts'],
  names: [],
  // Line 1: column 0 → src/a.ts 1:0. Line 2: column 4 → src/a.ts 3:2.
  mappings: 'AAAA;IAEE',
});

describe('withCompileHint', () => {
  it('puts the hint alone on the first line and keeps the code after it', () => {
    const { code } = withCompileHint(CODE);
    expect(code.split('\n')[0]).toBe(COMPILE_HINT);
    expect(code.slice(COMPILE_HINT.length + 1)).toBe(CODE);
  });

  it('shifts the source map so each line still points where it did', () => {
    const hinted = withCompileHint(CODE, MAP);
    const before = JSON.parse(MAP) as { mappings: string; sources: string[] };
    const after = JSON.parse(hinted.map ?? '{}') as { mappings: string; sources: string[] };
    // A source map's mappings hold one `;`-separated group per generated line: the hint's line maps nowhere,
    // and the chunk's lines keep their groups (an empty group leaves every segment's relative values as they were).
    expect(after.mappings.split(';')).toEqual(['', ...before.mappings.split(';')]);
    expect(after.sources).toEqual(before.sources);
  });

  it('leaves a chunk that has the hint already as it is', () => {
    const once = withCompileHint(CODE, MAP);
    expect(withCompileHint(once.code, once.map)).toEqual(once);
  });
});
