import * as Y from 'yjs';
import { z } from 'zod';
import { fieldPathSchema, idSchema } from '../model/index.ts';
import { COLLECTIONS, fromY, itemShape, ORDER_KEY, rootMap, TEXT_FIELDS, toY, type Collection } from './doc-layout.ts';
import {
  assignShaped,
  collectionMap as collectionFromList,
  holdsLists,
  isPlainObject,
  placesOf,
  shapedMap,
  shapeMismatch,
  type Place,
} from './doc-shape.ts';
import { fail, walkToParent, type EditResult } from './doc-walk.ts';
import { applyRowEdit } from './row-edits.ts';

export type { EditError, EditResult } from './doc-walk.ts';

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string().max(10_000),
    z.number().finite(),
    z.boolean(),
    z.null(),
    z.array(jsonValue).max(1000),
    z.record(z.string().max(100), jsonValue),
  ]),
);
const collectionSchema = z.enum([...COLLECTIONS, 'support/severities']);
const rowSchema = z.record(z.string().max(100), jsonValue).and(z.object({ id: idSchema }));
const rowFieldSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'must be the name of a field of the row, e.g. "name"');

/**
 * The typed edits the room's forms and the server's proposal actions apply to a workshop doc (`applyEdit`).
 * Clients send the Yjs updates these produce, not edits: the server checks an update by the places it writes
 * (`update-shape.ts`), so this schema bounds what a well-behaved client writes, not what a socket may carry.
 */
export const editSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('set'), path: fieldPathSchema, value: jsonValue }),
  z.object({
    kind: z.literal('insert'),
    collection: collectionSchema,
    item: z.record(z.string(), jsonValue).and(z.object({ id: idSchema })),
  }),
  z.object({ kind: z.literal('remove'), collection: collectionSchema, id: idSchema }),
  z.object({
    kind: z.literal('text'),
    path: fieldPathSchema,
    index: z.number().int().min(0),
    deleteCount: z.number().int().min(0),
    insert: z.string().max(10_000),
  }),
  /** Add a row to a row list (`/meta/sponsors`, `/functions/mailbox/design` …), last or before another row. */
  z.object({ kind: z.literal('row-insert'), list: fieldPathSchema, row: rowSchema, before: idSchema.optional() }),
  /** Set one field of one row (null removes the field). */
  z.object({
    kind: z.literal('row-set'),
    list: fieldPathSchema,
    id: idSchema,
    field: rowFieldSchema,
    value: jsonValue,
  }),
  z.object({ kind: z.literal('row-remove'), list: fieldPathSchema, id: idSchema }),
  /** Move a row before another row, or to the end (`before: null`). */
  z.object({ kind: z.literal('row-move'), list: fieldPathSchema, id: idSchema, before: idSchema.nullable() }),
]);
export type Edit = z.infer<typeof editSchema>;

const TOP_LEVEL: ReadonlySet<string> = new Set([
  ...COLLECTIONS,
  'meta',
  'support',
  'serviceHoursCalendarId',
  'attendance',
  'formatVersion',
  'agreement',
]);

/**
 * The map of a collection. Collections exist from the doc's start (see ROOT_SHAPE); creating one here is
 * only for docs written before that, and never for a read.
 */
function collectionMap(doc: Y.Doc, collection: Collection, create: boolean): Y.Map<unknown> | undefined {
  const segments = collection.split('/');
  const parent = walkToParent(doc, segments, create);
  if (!(parent instanceof Y.Map)) return undefined;
  const key = segments[segments.length - 1] ?? '';
  let map = parent.get(key);
  if (!(map instanceof Y.Map)) {
    if (!create || (map !== undefined && map !== null)) return undefined;
    map = collectionFromList([], itemShape(segments.length > 1 ? 'support' : null, key));
    parent.set(key, map);
  }
  return map as Y.Map<unknown>;
}

function splitPath(path: string): string[] | EditResult {
  const segments = path.split('/').slice(1);
  if (!TOP_LEVEL.has(segments[0] ?? ''))
    return fail('unknown-field', `"${segments[0]}" is not a section of the requirements`);
  if (segments.length > 8) return fail('unknown-field', 'the path is deeper than any field of the requirements');
  return segments;
}

/**
 * Apply one typed edit in a transaction with the given origin. Bad paths and missing items come back as a
 * typed error and change nothing; the edit never throws for bad input.
 */
export function applyEdit(doc: Y.Doc, edit: Edit, origin: unknown = null): EditResult {
  let result: EditResult = { ok: true };
  doc.transact(() => {
    result = applyInside(doc, edit);
  }, origin);
  return result;
}

/**
 * Apply several edits in one transaction (one update, one undo step), in order; stops at the first refused
 * edit and returns its error (the edits before it stay applied).
 */
export function applyEdits(doc: Y.Doc, edits: readonly Edit[], origin: unknown = null): EditResult {
  let result: EditResult = { ok: true };
  doc.transact(() => {
    for (const edit of edits) {
      result = applyInside(doc, edit);
      if (!result.ok) return;
    }
  }, origin);
  return result;
}

function applyInside(doc: Y.Doc, edit: Edit): EditResult {
  switch (edit.kind) {
    case 'set': {
      const segments = splitPath(edit.path);
      if (!Array.isArray(segments)) return segments;
      return setAt(doc, segments, edit.value);
    }
    case 'insert': {
      const map = collectionMap(doc, edit.collection, true);
      if (!map) return fail('unknown-field', `no collection ${edit.collection}`);
      if (map.has(edit.item.id))
        return fail('duplicate-id', `${edit.collection} already has an item with id "${edit.item.id}"`);
      const shape = itemShape(
        edit.collection.startsWith('support/') ? 'support' : null,
        edit.collection.split('/').pop() ?? '',
      );
      const mismatch = shapeMismatch(edit.item, shape);
      if (mismatch) return fail('unknown-field', `the new item's ${mismatch.slice(1)}`);
      const orders = [...map.values()].map((item) => (item instanceof Y.Map ? Number(item.get(ORDER_KEY) ?? 0) : 0));
      const item = shapedMap(edit.item, shape);
      item.set(ORDER_KEY, orders.length === 0 ? 0 : Math.max(...orders) + 1);
      map.set(edit.item.id, item);
      return { ok: true };
    }
    case 'remove': {
      const map = collectionMap(doc, edit.collection, false);
      if (!map?.has(edit.id)) return fail('unknown-item', `${edit.collection} has no item with id "${edit.id}"`);
      map.delete(edit.id);
      return { ok: true };
    }
    case 'text': {
      const segments = splitPath(edit.path);
      if (!Array.isArray(segments)) return segments;
      const parent = walkToParent(doc, segments);
      if (!(parent instanceof Y.Map)) return parent;
      const key = segments[segments.length - 1] ?? '';
      let text = parent.get(key);
      if (text === undefined && TEXT_FIELDS.has(key)) {
        // Only docs written before texts came with their items lack one.
        text = new Y.Text();
        parent.set(key, text);
      }
      if (!(text instanceof Y.Text)) return fail('not-text', `${edit.path} is not a text field`);
      if (edit.index > text.length || edit.index + edit.deleteCount > text.length)
        return fail('out-of-range', `the text is ${text.length} characters long`);
      if (edit.deleteCount > 0) text.delete(edit.index, edit.deleteCount);
      if (edit.insert !== '') text.insert(edit.index, edit.insert);
      return { ok: true };
    }
    case 'row-insert':
    case 'row-set':
    case 'row-remove':
    case 'row-move': {
      const segments = splitPath(edit.list);
      if (!Array.isArray(segments)) return segments;
      return applyRowEdit(doc, segments, edit);
    }
    default: {
      const unknown: never = edit;
      return unknown;
    }
  }
}

/** `set` at a path: plain values are set, groups assigned in place, texts rewritten; lists and items refused. */
function setAt(doc: Y.Doc, segments: readonly string[], value: unknown): EditResult {
  const place = placesOf(segments).at(-1) as Place;
  const path = `/${segments.join('/')}`;
  switch (place.kind) {
    case 'collection':
    case 'item':
      return fail(
        'unknown-field',
        place.kind === 'collection'
          ? `${path} is a collection: add and remove its items with insert and remove`
          : 'replace a whole item with remove and insert',
      );
    case 'rows':
    case 'row':
      return fail(
        'unknown-field',
        `${place.kind === 'rows' ? path : `/${segments.slice(0, -1).join('/')}`} is a list of rows: edit it with row-insert, row-set, row-remove and row-move`,
      );
    default:
      break;
  }
  const parent = walkToParent(doc, segments);
  if (!(parent instanceof Y.Map)) return parent;
  const key = segments[segments.length - 1] ?? '';
  const parentPlace = placesOf(segments).at(-2);
  if ((parentPlace?.kind === 'item' || parentPlace?.kind === 'row') && (key === 'id' || key === ORDER_KEY)) {
    return fail('unknown-field', `"${key}" is kept by Accord`);
  }
  const existing = parent.get(key);
  if (place.kind === 'map') {
    if (value !== null && !isPlainObject(value))
      return fail('unknown-field', `${path} is a group of fields, not a single value`);
    if (holdsLists(place.shape)) return fail('unknown-field', `${path} holds lists: set its fields one by one`);
    const mismatch = value === null ? null : shapeMismatch(value, place.shape, path);
    if (mismatch) return fail('unknown-field', mismatch);
    let group = existing;
    if (!(group instanceof Y.Map)) {
      if (existing !== undefined && existing !== null)
        return fail('unknown-field', `${path} is a value, not a group of fields`);
      group = shapedMap({}, place.shape, key);
      parent.set(key, group);
    }
    assignShaped(group as Y.Map<unknown>, value, place.shape);
    return { ok: true };
  }
  if (place.kind === 'text' || existing instanceof Y.Text) {
    if (value !== null && typeof value !== 'string') return fail('not-text', `${path} is text, not ${typeof value}`);
    if (existing instanceof Y.Text) {
      if (existing.toString() !== (value ?? '')) {
        existing.delete(0, existing.length);
        if (value) existing.insert(0, value);
      }
    } else parent.set(key, new Y.Text(value ?? ''));
    return { ok: true };
  }
  if (value === null) {
    parent.delete(key);
    return { ok: true };
  }
  const y = toY(value, key);
  if (y === undefined) return fail('unknown-field', `${path} is recorded by the server, not kept in the document`);
  parent.set(key, y);
  return { ok: true };
}

/**
 * The Yjs client that wrote the value now at a field path, or undefined (no value, or not a field of a map).
 * When two people set a field at the same moment, every replica keeps the same one: this says whose it was.
 */
export function fieldWriter(doc: Y.Doc, path: string): number | undefined {
  const segments = path.split('/').slice(1);
  let current: unknown = rootMap(doc);
  for (const segment of segments.slice(0, -1)) {
    if (!(current instanceof Y.Map)) return undefined;
    current = current.get(segment);
  }
  if (!(current instanceof Y.Map)) return undefined;
  const item = current._map.get(segments.at(-1) ?? '');
  return item && !item.deleted ? item.id.client : undefined;
}

/** The current value at a field path as plain JSON, or undefined. */
export function fieldValue(doc: Y.Doc, path: string): unknown {
  let current: unknown = rootMap(doc);
  for (const segment of path.split('/').slice(1)) {
    if (!(current instanceof Y.Map)) return undefined;
    current = current.get(segment);
  }
  return current === undefined ? undefined : fromY(current, path.split('/').pop());
}
