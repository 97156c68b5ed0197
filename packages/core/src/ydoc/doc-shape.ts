import * as Y from 'yjs';
import { fromY, itemShape, ORDER_KEY, ROOT_SHAPE, toY, type MapShape, type RowShape } from './doc-layout.ts';

/**
 * Building, reading and assigning shaped maps (see `MapShape` in doc-layout.ts). Every walk here follows the
 * static shape tables, so its depth is bounded by them, never by the data.
 */

/** What a path of the doc names, found from the shapes alone (whether it exists is another question). */
export type Place =
  | { readonly kind: 'map'; readonly shape: MapShape; readonly key: string | null }
  | { readonly kind: 'collection'; readonly itemShape: MapShape }
  | { readonly kind: 'item'; readonly shape: MapShape }
  | { readonly kind: 'rows'; readonly rowShape: RowShape }
  | { readonly kind: 'row'; readonly shape: RowShape }
  | { readonly kind: 'text' }
  | { readonly kind: 'value' };

const ROOT_PLACE: Place = { kind: 'map', shape: ROOT_SHAPE, key: null };

/** The place one segment below `place`. */
export function stepPlace(place: Place, segment: string): Place {
  switch (place.kind) {
    case 'collection':
      return { kind: 'item', shape: place.itemShape };
    case 'rows':
      return { kind: 'row', shape: place.rowShape };
    case 'text':
    case 'value':
      return { kind: 'value' };
    case 'map':
    case 'item':
    case 'row': {
      const shape = place.shape;
      const parentKey = place.kind === 'map' ? place.key : null;
      if (shape.collections?.includes(segment)) return { kind: 'collection', itemShape: itemShape(parentKey, segment) };
      const map = shape.maps?.[segment];
      if (map) return { kind: 'map', shape: map, key: segment };
      const rows = shape.rows?.[segment];
      if (rows) return { kind: 'rows', rowShape: rows };
      if (shape.texts?.includes(segment)) return { kind: 'text' };
      return { kind: 'value' };
    }
    default: {
      const unknown: never = place;
      return unknown;
    }
  }
}

/** The places of every prefix of a path's segments: `places[i]` is where `segments[0..i]` leads. */
export function placesOf(segments: readonly string[]): Place[] {
  const places: Place[] = [];
  let place = ROOT_PLACE;
  for (const segment of segments) {
    place = stepPlace(place, segment);
    places.push(place);
  }
  return places;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Why a value does not fit a shape (a group given as a number, a text as an object …), or null. Checked
 * before anything is written, so a refused edit changes nothing.
 */
export function shapeMismatch(value: Record<string, unknown>, shape: MapShape, at = ''): string | null {
  for (const [key, sub] of Object.entries(shape.maps ?? {})) {
    const v = value[key];
    if (v === undefined || v === null) continue;
    if (!isPlainObject(v)) return `${at}/${key} is a group of fields, not ${describe(v)}`;
    const inner = shapeMismatch(v, sub, `${at}/${key}`);
    if (inner) return inner;
  }
  for (const key of shape.texts ?? []) {
    const v = value[key];
    if (v !== undefined && v !== null && typeof v !== 'string') return `${at}/${key} is text, not ${describe(v)}`;
  }
  for (const [key, rowShape] of Object.entries(shape.rows ?? {})) {
    const v = value[key];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v)) return `${at}/${key} is a list of rows, not ${describe(v)}`;
    for (const [index, row] of v.entries()) {
      if (!isPlainObject(row)) return `${at}/${key}/${index} is a row of fields, not ${describe(row)}`;
      const inner = shapeMismatch(row, rowShape, `${at}/${key}/${index}`);
      if (inner) return inner;
    }
  }
  for (const key of shape.collections ?? []) {
    const v = value[key];
    if (
      v !== undefined &&
      v !== null &&
      !(Array.isArray(v) && v.every((item) => isPlainObject(item) && typeof item.id === 'string'))
    ) {
      return `${at}/${key} is a list of items with ids`;
    }
  }
  return null;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : `a ${typeof value}`;
}

/**
 * A new Y.Map holding `value`, with every group, text and row list of the shape created in it (empty where the
 * value has none), so nobody ever has to create them later. `parentKey` names the map for collection lookup.
 */
export function shapedMap(
  value: Record<string, unknown>,
  shape: MapShape,
  parentKey: string | null = null,
): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  fillShaped(map, value, shape, parentKey);
  return map;
}

/** Fill an empty map (a new one, or the doc's root) as `shapedMap` does. */
export function fillShaped(
  map: Y.Map<unknown>,
  value: Record<string, unknown>,
  shape: MapShape,
  parentKey: string | null = null,
): void {
  const shaped = new Set<string>();
  for (const [key, sub] of Object.entries(shape.maps ?? {})) {
    shaped.add(key);
    const v = value[key];
    map.set(key, shapedMap(isPlainObject(v) ? v : {}, sub, key));
  }
  for (const key of shape.texts ?? []) {
    shaped.add(key);
    const v = value[key];
    map.set(key, new Y.Text(typeof v === 'string' ? v : ''));
  }
  for (const [key, rowShape] of Object.entries(shape.rows ?? {})) {
    shaped.add(key);
    const v = value[key];
    map.set(key, rowListMap(Array.isArray(v) ? v : [], rowShape));
  }
  for (const key of shape.collections ?? []) {
    shaped.add(key);
    const v = value[key];
    map.set(key, collectionMap(Array.isArray(v) ? v : [], itemShape(parentKey, key)));
  }
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || shaped.has(key)) continue;
    // toY gives undefined for what the doc never holds (a proposal's votes are the server's record).
    const y = toY(v, key);
    if (y !== undefined) map.set(key, y);
  }
}

/** An id-keyed collection map from a list of items, in list order. */
export function collectionMap(items: readonly unknown[], shape: MapShape): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  items.forEach((item, index) => {
    if (!isPlainObject(item) || typeof item.id !== 'string') return;
    const yItem = shapedMap(item, shape);
    yItem.set(ORDER_KEY, index);
    map.set(item.id, yItem);
  });
  return map;
}

/** A row list map from a list of rows, in list order; rows without an id get the deterministic one. */
export function rowListMap(rows: readonly unknown[], shape: RowShape): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  const ids = rowIds(rows, shape);
  rows.forEach((row, index) => {
    if (!isPlainObject(row)) return;
    const id = ids[index] ?? `row-${index + 1}`;
    const yRow = shapedMap({ ...row, id }, shape);
    yRow.set(ORDER_KEY, index);
    map.set(id, yRow);
  });
  return map;
}

const ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

/** A stable id from a row's naming fields: "Pat Lee" → "pat-lee", level 2 "Ops" → "2-ops" (may be empty). */
export function naturalRowId(row: Record<string, unknown>, fields: readonly string[]): string {
  return fields
    .map((field) => row[field])
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .join('-')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
}

/**
 * The ids of a list's rows: a row's own valid id where it has one not taken before it, otherwise the slug of
 * its naming fields (or "row"), made unique with "-2", "-3" … Deterministic: the same list always gets the
 * same ids, so importing a file twice, or two clients upgrading an old list, agree.
 */
export function rowIds(rows: readonly unknown[], shape: RowShape): string[] {
  const given = rows.map((row) =>
    isPlainObject(row) && typeof row.id === 'string' && ID_PATTERN.test(row.id) ? row.id : null,
  );
  const taken = new Set<string>();
  const own = given.map((id) => {
    if (id === null || taken.has(id)) return null;
    taken.add(id);
    return id;
  });
  return rows.map((row, index) => {
    const id = own[index];
    if (id) return id;
    const base = (isPlainObject(row) ? naturalRowId(row, shape.idFrom) : '') || 'row';
    let candidate = base;
    for (let n = 2; taken.has(candidate); n += 1) candidate = `${base}-${n}`;
    taken.add(candidate);
    return candidate;
  });
}

/** Whether a Yjs value holds nothing anyone typed: an empty text, or a map of only such values. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (value instanceof Y.Text) return value.length === 0;
  if (value instanceof Y.Map) return [...value.values()].every(isBlank);
  return false;
}

type Json = ReturnType<typeof fromY>;

/** A shaped map as plain JSON: collections and row lists as ordered arrays, blank groups left out. */
export function readShaped(map: Y.Map<unknown>, shape: MapShape, key: string | null = null): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of map.entries()) {
    const rowShape = shape.rows?.[k];
    const sub = shape.maps?.[k];
    if (shape.collections?.includes(k) && v instanceof Y.Map) out[k] = orderedItems(v, itemShape(key, k));
    else if (rowShape && v instanceof Y.Map) out[k] = orderedItems(v, rowShape);
    else if (rowShape && Array.isArray(v)) out[k] = withRowIds(v, rowShape);
    else if (sub && v instanceof Y.Map) {
      if (!isBlank(v)) out[k] = readShaped(v, sub, k);
    } else out[k] = fromY(v, k);
  }
  return out;
}

/** A row list kept as a plain array (docs written before row lists existed), with the ids an upgrade gives. */
function withRowIds(rows: readonly unknown[], shape: RowShape): Json[] {
  const ids = rowIds(rows, shape);
  return rows.map((row, index) =>
    isPlainObject(row) ? { id: ids[index] ?? '', ...(row as Record<string, Json>) } : (row as Json),
  );
}

function orderedItems(map: Y.Map<unknown>, shape: MapShape): Json[] {
  return [...map.entries()]
    .filter((entry): entry is [string, Y.Map<unknown>] => entry[1] instanceof Y.Map)
    .map(([id, item]) => {
      const value = readShaped(item, shape);
      const order = typeof value[ORDER_KEY] === 'number' ? value[ORDER_KEY] : Number.MAX_SAFE_INTEGER;
      delete value[ORDER_KEY];
      return { id, order, value: { ...value, id } };
    })
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1))
    .map(({ value }) => value);
}

/** Whether a shape holds row lists or collections anywhere (such groups are edited field by field only). */
export function holdsLists(shape: MapShape): boolean {
  if ((shape.collections?.length ?? 0) > 0 || Object.keys(shape.rows ?? {}).length > 0) return true;
  return Object.values(shape.maps ?? {}).some(holdsLists);
}

/**
 * Make a shaped group hold exactly `value` (null: nothing) without replacing any container in it: nested
 * groups are assigned in place, texts rewritten, plain values set, others deleted. Unchanged keys are not
 * touched, so concurrent edits elsewhere in the group survive. The caller checked `shapeMismatch` first.
 */
export function assignShaped(map: Y.Map<unknown>, value: Record<string, unknown> | null, shape: MapShape): void {
  const next = value ?? {};
  for (const [key, sub] of Object.entries(shape.maps ?? {})) {
    const v = next[key];
    let inner = map.get(key);
    if (!(inner instanceof Y.Map)) {
      inner = shapedMap({}, sub, key);
      map.set(key, inner);
    }
    assignShaped(inner as Y.Map<unknown>, isPlainObject(v) ? v : null, sub);
  }
  for (const key of shape.texts ?? []) {
    const v = next[key];
    const text = map.get(key);
    const wanted = typeof v === 'string' ? v : '';
    if (text instanceof Y.Text) {
      if (text.toString() !== wanted) {
        text.delete(0, text.length);
        text.insert(0, wanted);
      }
    } else map.set(key, new Y.Text(wanted));
  }
  const shaped = new Set([...Object.keys(shape.maps ?? {}), ...(shape.texts ?? [])]);
  for (const key of [...map.keys()]) {
    if (!shaped.has(key) && (next[key] === undefined || next[key] === null)) map.delete(key);
  }
  for (const [key, v] of Object.entries(next)) {
    if (shaped.has(key) || v === undefined || v === null) continue;
    const y = toY(v, key);
    if (y !== undefined && JSON.stringify(fromY(map.get(key), key)) !== JSON.stringify(v)) map.set(key, y);
  }
}
