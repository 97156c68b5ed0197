import { naturalRowId, type Edit } from '@accord/core/ydoc';
import { isRecord, type RawRecord } from './raw.ts';

/** A row of a row list as `readRaw` gives it: its fields and its id. */
export type Row = RawRecord & { readonly id: string };

/** The rows of a row list that carry an id, in their order. */
export function rows(value: unknown): Row[] {
  return Array.isArray(value) ? value.filter((v): v is Row => isRecord(v) && typeof v.id === 'string') : [];
}

/**
 * An id for a new row that no other person adds at the same moment: a readable prefix and random letters
 * ("sponsor-k3v9qa"). Two people adding rows at once then add two rows, never one over the other.
 */
export function newRowId(prefix: string): string {
  const base = naturalRowId({ prefix }, ['prefix']).slice(0, 32) || 'row';
  const random = Array.from(crypto.getRandomValues(new Uint8Array(6)), (byte) => (byte % 36).toString(36)).join('');
  return `${base}-${random}`;
}

/**
 * The row edits that turn a list's rows into `next`, matching rows by `key` (their content): rows that went
 * are removed, rows that came are inserted with `idOf` (made unique), rows that stayed are left alone, so
 * what others do to them at the same time survives. Removals come first, so a freed id can be reused.
 */
export function replaceRows(
  list: string,
  current: readonly Row[],
  next: readonly Record<string, unknown>[],
  key: (row: RawRecord) => string,
  idOf: (row: RawRecord) => string,
): Edit[] {
  const wanted = new Set(next.map(key));
  const kept = current.filter((row) => wanted.has(key(row)));
  const removed = current.filter((row) => !wanted.has(key(row)));
  const have = new Set(kept.map(key));
  const taken = new Set(kept.map((row) => row.id));
  const edits: Edit[] = removed.map((row) => ({ kind: 'row-remove', list, id: row.id }));
  for (const row of next) {
    const k = key(row);
    if (have.has(k)) continue;
    have.add(k);
    const base = idOf(row) || 'row';
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
    taken.add(id);
    edits.push({ kind: 'row-insert', list, row: { ...row, id } as Record<string, unknown> & { id: string } });
  }
  return edits;
}
