import { describe, expect, it } from 'vitest';
import { newRowId, replaceRows, rows } from './rows.ts';

const slotKey = (row: Record<string, unknown>) => `${String(row.day)} ${String(row.start)} ${String(row.end)}`;
const slotId = (row: Record<string, unknown>) =>
  `${String(row.day)}-${String(row.start)}-${String(row.end)}`.replace(/:/g, '-');

describe('row helpers', () => {
  it('makes distinct, valid ids for new rows', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newRowId('Sponsor')));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^sponsor-[a-z0-9]{6}$/);
  });

  it('reads only rows that have ids', () => {
    expect(rows([{ id: 'a', name: 'A' }, { name: 'no id' }, 'x'])).toEqual([{ id: 'a', name: 'A' }]);
    expect(rows(undefined)).toEqual([]);
  });

  it('turns a new list into removals and insertions, leaving rows that stay alone', () => {
    const current = [
      { id: 'mon-08-00-12-00', day: 'mon', start: '08:00', end: '12:00' },
      { id: 'tue', day: 'tue', start: '08:00', end: '12:00' },
    ];
    const next = [
      { day: 'mon', start: '08:00', end: '13:00' },
      { day: 'tue', start: '08:00', end: '12:00' },
      { day: 'wed', start: '09:00', end: '10:00' },
    ];
    expect(replaceRows('/calendars/office/slots', current, next, slotKey, slotId)).toEqual([
      { kind: 'row-remove', list: '/calendars/office/slots', id: 'mon-08-00-12-00' },
      {
        kind: 'row-insert',
        list: '/calendars/office/slots',
        row: { day: 'mon', start: '08:00', end: '13:00', id: 'mon-08-00-13-00' },
      },
      {
        kind: 'row-insert',
        list: '/calendars/office/slots',
        row: { day: 'wed', start: '09:00', end: '10:00', id: 'wed-09-00-10-00' },
      },
    ]);
  });

  it('never inserts an id a staying row holds', () => {
    const current = [{ id: 'mon-09-00-10-00', day: 'tue', start: '08:00', end: '09:00' }];
    const edits = replaceRows(
      '/l',
      current,
      [...current, { day: 'mon', start: '09:00', end: '10:00' }],
      slotKey,
      slotId,
    );
    expect(edits).toEqual([
      { kind: 'row-insert', list: '/l', row: { day: 'mon', start: '09:00', end: '10:00', id: 'mon-09-00-10-00-2' } },
    ]);
  });
});
