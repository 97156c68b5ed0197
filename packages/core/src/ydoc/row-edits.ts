import * as Y from 'yjs';
import { ORDER_KEY, toY, type RowShape } from './doc-layout.ts';
import { placesOf, rowIds, rowListMap, shapedMap, shapeMismatch } from './doc-shape.ts';
import { fail, walkToParent, type EditResult } from './doc-walk.ts';

/** The row edits of `editSchema`, as this module applies them. */
export type RowEdit =
  | {
      readonly kind: 'row-insert';
      readonly list: string;
      readonly row: Record<string, unknown> & { id: string };
      readonly before?: string | undefined;
    }
  | {
      readonly kind: 'row-set';
      readonly list: string;
      readonly id: string;
      readonly field: string;
      readonly value: unknown;
    }
  | { readonly kind: 'row-remove'; readonly list: string; readonly id: string }
  | { readonly kind: 'row-move'; readonly list: string; readonly id: string; readonly before: string | null };

/**
 * Apply a row edit to the row list at `segments`. Everything is checked before anything is written, so a
 * refused edit changes nothing. A list still kept as a plain array (a doc written before row lists) is
 * upgraded to a row list first, with the same deterministic ids `readRaw` shows for it.
 */
export function applyRowEdit(doc: Y.Doc, segments: readonly string[], edit: RowEdit): EditResult {
  const place = placesOf(segments).at(-1);
  if (place?.kind !== 'rows') return fail('unknown-field', `${edit.list} is not a list of rows`);
  const shape = place.rowShape;
  const parent = walkToParent(doc, segments);
  if (!(parent instanceof Y.Map)) return parent;
  const key = segments[segments.length - 1] ?? '';
  const stored = parent.get(key);
  if (stored !== undefined && stored !== null && !(stored instanceof Y.Map) && !Array.isArray(stored)) {
    return fail('unknown-field', `${edit.list} is a value, not a list of rows`);
  }
  const ids = new Set(stored instanceof Y.Map ? stored.keys() : rowIds(Array.isArray(stored) ? stored : [], shape));
  const refused = check(edit, ids, shape);
  if (refused) return refused;
  let list = stored;
  if (!(list instanceof Y.Map)) {
    list = rowListMap(Array.isArray(stored) ? stored : [], shape);
    parent.set(key, list);
  }
  apply(list as Y.Map<unknown>, edit, shape);
  return { ok: true };
}

function check(edit: RowEdit, ids: ReadonlySet<string>, shape: RowShape): EditResult | null {
  const missing = (id: string) => fail('unknown-item', `${edit.list} has no row with id "${id}"`);
  switch (edit.kind) {
    case 'row-insert': {
      if (ids.has(edit.row.id)) return fail('duplicate-id', `${edit.list} already has a row with id "${edit.row.id}"`);
      if (edit.before !== undefined && !ids.has(edit.before)) return missing(edit.before);
      if (ORDER_KEY in edit.row) return fail('unknown-field', `"${ORDER_KEY}" is kept by Accord`);
      const mismatch = shapeMismatch(edit.row, shape);
      return mismatch ? fail('unknown-field', `the new row's ${mismatch.slice(1)}`) : null;
    }
    case 'row-set': {
      if (!ids.has(edit.id)) return missing(edit.id);
      if (edit.field === 'id' || edit.field === ORDER_KEY)
        return fail('unknown-field', `"${edit.field}" is kept by Accord`);
      const mismatch = shapeMismatch({ [edit.field]: edit.value }, shape);
      return mismatch ? fail('unknown-field', `${edit.list}/${edit.id}${mismatch}`) : null;
    }
    case 'row-remove':
      return ids.has(edit.id) ? null : missing(edit.id);
    case 'row-move':
      if (!ids.has(edit.id)) return missing(edit.id);
      return edit.before !== null && !ids.has(edit.before) ? missing(edit.before) : null;
    default: {
      const unknown: never = edit;
      return unknown;
    }
  }
}

function apply(list: Y.Map<unknown>, edit: RowEdit, shape: RowShape): void {
  switch (edit.kind) {
    case 'row-insert': {
      const row = shapedMap(edit.row, shape);
      row.set(ORDER_KEY, orderBefore(list, edit.row.id, edit.before ?? null));
      list.set(edit.row.id, row);
      return;
    }
    case 'row-set': {
      const row = list.get(edit.id) as Y.Map<unknown>;
      const text = row.get(edit.field);
      if (text instanceof Y.Text && (edit.value === null || typeof edit.value === 'string')) {
        // Rewrite inside the row's text: replacing the container would drop whatever anyone types in it meanwhile.
        const wanted = edit.value ?? '';
        if (text.toString() !== wanted) {
          text.delete(0, text.length);
          text.insert(0, wanted);
        }
        return;
      }
      const value = edit.value === null ? undefined : toY(edit.value, edit.field);
      if (value === undefined) row.delete(edit.field);
      else row.set(edit.field, value);
      return;
    }
    case 'row-remove':
      list.delete(edit.id);
      return;
    case 'row-move': {
      if (edit.before === edit.id) return;
      (list.get(edit.id) as Y.Map<unknown>).set(ORDER_KEY, orderBefore(list, edit.id, edit.before));
      return;
    }
    default: {
      const unknown: never = edit;
      return unknown;
    }
  }
}

/** The rows of a list in display order (as `readRaw` shows them), with their order numbers. */
function ordered(list: Y.Map<unknown>): { id: string; order: number; row: Y.Map<unknown> }[] {
  return [...list.entries()]
    .filter((entry): entry is [string, Y.Map<unknown>] => entry[1] instanceof Y.Map)
    .map(([id, row]) => {
      const order = row.get(ORDER_KEY);
      return { id, row, order: typeof order === 'number' ? order : Number.MAX_SAFE_INTEGER };
    })
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
}

/**
 * The order number that puts row `id` just before row `before` (null: last), among the other rows. Only the
 * moved row's number changes, so a concurrent move of another row survives; when two neighbours' numbers
 * leave no room between them, the list is renumbered first.
 */
function orderBefore(list: Y.Map<unknown>, id: string, before: string | null): number {
  let others = ordered(list).filter((entry) => entry.id !== id);
  if (before === null) return others.length === 0 ? 0 : Math.max(...others.map((entry) => entry.order)) + 1;
  let at = others.findIndex((entry) => entry.id === before);
  const between = (): number | null => {
    const hi = others[at]?.order ?? 0;
    const lo = at > 0 ? (others[at - 1]?.order ?? hi - 1) : hi - 1;
    const mid = (lo + hi) / 2;
    return mid > lo && mid < hi ? mid : null;
  };
  const order = between();
  if (order !== null) return order;
  others.forEach((entry, index) => entry.row.set(ORDER_KEY, index));
  others = ordered(list).filter((entry) => entry.id !== id);
  at = others.findIndex((entry) => entry.id === before);
  return between() ?? at - 0.5;
}
