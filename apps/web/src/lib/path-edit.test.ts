import { ROW_LISTS } from '@accord/core/ydoc';
import { describe, expect, it } from 'vitest';
import { editAt } from './path-edit.ts';

describe('editAt', () => {
  it('sets a row’s field with one row-set, so the rest of the row is left as others edited it', () => {
    expect(ROW_LISTS).toContain('/functions/*/design');
    expect(editAt('/functions/mailbox/design/ccr/activationSeconds', 120)).toEqual({
      kind: 'row-set',
      list: '/functions/mailbox/design',
      id: 'ccr',
      field: 'activationSeconds',
      value: 120,
    });
    expect(editAt('/functions/mailbox/design/ccr/activationSeconds', undefined)).toMatchObject({
      kind: 'row-set',
      value: null,
    });
  });

  it('sets any other path whole', () => {
    expect(editAt('/functions/mailbox/availability/targetPercent', 99.9)).toEqual({
      kind: 'set',
      path: '/functions/mailbox/availability/targetPercent',
      value: 99.9,
    });
    // The list itself, or a row as a whole, is not a row's field.
    expect(editAt('/functions/mailbox/design', [])).toMatchObject({ kind: 'set' });
    expect(editAt('/functions/mailbox/design/ccr', null)).toMatchObject({ kind: 'set' });
  });
});
