import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromY, MAX_WALK_DEPTH, toY } from './doc-layout.ts';

describe('walks over the document are bounded', () => {
  it(
    'reads a map nested 5 000 levels deep without overflowing the stack, cut at the walk limit',
    { timeout: 60_000 },
    () => {
      const doc = new Y.Doc();
      doc.transact(() => {
        let current = doc.getMap('requirements');
        for (let i = 0; i < 5000; i += 1) {
          const next = new Y.Map<unknown>();
          current.set('d', next);
          current = next;
        }
      });
      let json = fromY(doc.getMap('requirements')) as Record<string, unknown> | null;
      let depth = 0;
      while (json && typeof json === 'object' && 'd' in json) {
        json = json.d as Record<string, unknown> | null;
        depth += 1;
      }
      expect(depth).toBe(MAX_WALK_DEPTH + 1);
      expect(json).toBeNull();
    },
  );

  it('builds Yjs types from a deeply nested value without overflowing the stack', () => {
    let value: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 5000; i += 1) value = { d: value };
    const doc = new Y.Doc();
    doc.getMap('requirements').set('deep', toY(value, 'deep'));
    expect(fromY(doc.getMap('requirements').get('deep'))).toMatchObject({ d: { d: {} } });
  });
});
