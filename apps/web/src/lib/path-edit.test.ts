import { ROW_LISTS } from '@accord/core/ydoc';
import { describe, expect, it } from 'vitest';
import { editAt, insertAt, listAt, removeAt } from './path-edit.ts';

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

describe('insertAt and removeAt', () => {
  it('add and remove an id-keyed collection’s items with insert and remove', () => {
    expect(listAt('/backups')).toEqual({ kind: 'collection', collection: 'backups' });
    expect(insertAt('/support/severities', { id: 'sev1', name: 'Outage' })).toEqual({
      kind: 'insert',
      collection: 'support/severities',
      item: { id: 'sev1', name: 'Outage' },
    });
    expect(removeAt('/risks', 'flood')).toEqual({ kind: 'remove', collection: 'risks', id: 'flood' });
  });

  it('add and remove a row list’s rows one by one, so rows others add or edit meanwhile stay', () => {
    expect(listAt('/functions/mail/design')).toEqual({ kind: 'rows' });
    expect(insertAt('/support/escalation', { id: 'desk-k3v9qa', level: 1 })).toEqual({
      kind: 'row-insert',
      list: '/support/escalation',
      row: { id: 'desk-k3v9qa', level: 1 },
    });
    expect(removeAt('/meta/sponsors', 'kim')).toEqual({ kind: 'row-remove', list: '/meta/sponsors', id: 'kim' });
  });

  it('make no edit for a path that names no list', () => {
    expect(listAt('/support')).toBeNull();
    expect(listAt('/functions/mail')).toBeNull();
    expect(insertAt('/meta/title', { id: 'x' })).toBeNull();
    expect(removeAt('/support/escalation/desk', 'x')).toBeNull();
  });
});
