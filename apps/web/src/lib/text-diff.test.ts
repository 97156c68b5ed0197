import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffText, transformCursor, type Splice } from './text-diff.ts';

function apply(text: string, splice: Splice): string {
  return text.slice(0, splice.index) + splice.insert + text.slice(splice.index + splice.deleteCount);
}

describe('diffText', () => {
  it('finds a typed character, a deletion and a replaced selection', () => {
    expect(diffText('Agreed', 'Agreed!')).toEqual({ index: 6, deleteCount: 0, insert: '!' });
    expect(diffText('Agreed', 'Agred', 3)).toEqual({ index: 3, deleteCount: 1, insert: '' });
    expect(diffText('one two three', 'one 2 three')).toEqual({ index: 4, deleteCount: 3, insert: '2' });
    expect(diffText('same', 'same')).toBeNull();
  });
  it('puts the splice where the cursor is when the text repeats', () => {
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, deleteCount: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 3)).toEqual({ index: 2, deleteCount: 0, insert: 'a' });
  });
  it('always yields a splice that turns before into after', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(), (before, after, cursor) => {
        const splice = diffText(before, after, Math.min(cursor, after.length));
        expect(splice === null ? before : apply(before, splice)).toBe(after);
      }),
    );
  });
});

describe('transformCursor', () => {
  it('moves a cursor on when text is inserted before it and leaves it when inserted after', () => {
    expect(transformCursor(5, { index: 0, deleteCount: 0, insert: 'abc' })).toBe(8);
    expect(transformCursor(5, { index: 9, deleteCount: 0, insert: 'abc' })).toBe(5);
    expect(transformCursor(5, { index: 5, deleteCount: 0, insert: 'abc' })).toBe(5);
  });
  it('pulls a cursor back over deleted text and to the end of a replacement around it', () => {
    expect(transformCursor(10, { index: 2, deleteCount: 3, insert: '' })).toBe(7);
    expect(transformCursor(4, { index: 2, deleteCount: 5, insert: 'xy' })).toBe(4);
  });
});
