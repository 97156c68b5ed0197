import { describe, expect, it } from 'vitest';
import { readFreeze } from './control-channel.svelte.ts';

describe('readFreeze', () => {
  it('reads every shape the server has said a freeze in', () => {
    const at = '2026-12-06T13:00:00.000Z';
    expect(readFreeze({ frozen: true, by: 'Anna Keller', at })).toEqual({ frozen: true, by: 'Anna Keller', at });
    expect(readFreeze({ frozen: { by: 'Anna Keller', at } })).toEqual({ frozen: true, by: 'Anna Keller', at });
    expect(readFreeze({ frozen: false, by: 'Anna Keller', at })).toMatchObject({ frozen: false });
    expect(readFreeze({ frozen: null })).toEqual({ frozen: false });
    expect(readFreeze(null)).toEqual({ frozen: false });
    expect(readFreeze(true)).toEqual({ frozen: true });
    expect(readFreeze({ frozen: true, at: Date.parse(at) })).toEqual({ frozen: true, at });
  });

  it('drops what it cannot read instead of throwing', () => {
    expect(readFreeze({ frozen: true, at: 'not a time', by: 7 })).toEqual({ frozen: true });
    expect(readFreeze('yes')).toEqual({ frozen: false });
  });
});
