import { describe, expect, it } from 'vitest';
import { fieldDiff, flattenFields } from './field-diff.ts';

describe('fieldDiff', () => {
  const v1 = {
    meta: { title: 'Mail', exclusions: ['a'] },
    functions: [
      { id: 'mailbox', availability: { targetPercent: 99.9 } },
      { id: 'webmail', availability: { targetPercent: 99.5 } },
    ],
  };

  it('addresses list items by id, so reordering is no change', () => {
    const reordered = { ...v1, functions: [v1.functions[1], v1.functions[0]] };
    expect(fieldDiff(v1, reordered)).toEqual([]);
  });

  it('reports a changed field by its id path, with before and after', () => {
    const v2 = { ...v1, functions: [{ id: 'mailbox', availability: { targetPercent: 99.95 } }, v1.functions[1]] };
    expect(fieldDiff(v1, v2)).toEqual([
      { path: '/functions/mailbox/availability/targetPercent', kind: 'changed', before: 99.9, after: 99.95 },
    ]);
  });

  it('reports added and removed items field by field, and plain lists as one value', () => {
    const v2 = {
      meta: { title: 'Mail', exclusions: ['a', 'b'] },
      functions: [v1.functions[0], { id: 'sync', availability: { targetPercent: 99 } }],
    };
    expect(fieldDiff(v1, v2)).toEqual([
      { path: '/functions/sync/availability/targetPercent', kind: 'added', after: 99 },
      { path: '/functions/webmail/availability/targetPercent', kind: 'removed', before: 99.5 },
      { path: '/meta/exclusions', kind: 'changed', before: ['a'], after: ['a', 'b'] },
    ]);
  });

  it('flattens empty objects to one field', () => {
    expect([...flattenFields({ recovery: {} }).keys()]).toEqual(['/recovery']);
  });
});
