import * as Y from 'yjs';
import { z } from 'zod';
import { fieldPathSchema, idSchema } from '../model/index.ts';
import { COLLECTIONS, fromY, ORDER_KEY, rootMap, toY, type Collection } from './doc-layout.ts';

const jsonValue: z.ZodType<unknown> = z.lazy(() => z.union([
  z.string().max(10_000), z.number().finite(), z.boolean(), z.null(), z.array(jsonValue).max(1000), z.record(z.string().max(100), jsonValue),
]));
const collectionSchema = z.enum([...COLLECTIONS, 'support/severities']);

/** The typed edits clients make to a workshop doc; the server validates socket payloads with this schema. */
export const editSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('set'), path: fieldPathSchema, value: jsonValue }),
  z.object({ kind: z.literal('insert'), collection: collectionSchema, item: z.record(z.string(), jsonValue).and(z.object({ id: idSchema })) }),
  z.object({ kind: z.literal('remove'), collection: collectionSchema, id: idSchema }),
  z.object({ kind: z.literal('text'), path: fieldPathSchema, index: z.number().int().min(0), deleteCount: z.number().int().min(0), insert: z.string().max(10_000) }),
  z.object({ kind: z.literal('vote'), proposalId: idSchema, voter: z.string().min(1).max(200), choice: z.enum(['for', 'against']).nullable() }),
]);
export type Edit = z.infer<typeof editSchema>;

export type EditError = 'unknown-field' | 'unknown-item' | 'duplicate-id' | 'not-text' | 'out-of-range';
export type EditResult = { readonly ok: true } | { readonly ok: false; readonly error: EditError; readonly message: string };

const fail = (error: EditError, message: string): EditResult => ({ ok: false, error, message });
const TOP_LEVEL: ReadonlySet<string> = new Set([...COLLECTIONS, 'meta', 'support', 'serviceHoursCalendarId', 'attendance', 'formatVersion', 'agreement']);

function collectionMap(doc: Y.Doc, collection: Collection, create: boolean): Y.Map<unknown> | undefined {
  const root = rootMap(doc);
  const [first, second] = collection.split('/') as [string, string | undefined];
  let parent: Y.Map<unknown> = root;
  if (second !== undefined) {
    let support = root.get(first);
    if (!(support instanceof Y.Map)) {
      if (!create) return undefined;
      support = new Y.Map<unknown>();
      root.set(first, support);
    }
    parent = support as Y.Map<unknown>;
  }
  const key = second ?? first;
  let map = parent.get(key);
  if (!(map instanceof Y.Map)) {
    if (!create) return undefined;
    map = new Y.Map<unknown>();
    parent.set(key, map);
  }
  return map as Y.Map<unknown>;
}

/** Whether the segment at `index` of a path names an item of an id-keyed collection (which must exist). */
function isItemLevel(segments: readonly string[], index: number): boolean {
  if (index === 1) return (COLLECTIONS as readonly string[]).includes(segments[0] ?? '');
  return index === 2 && segments[0] === 'support' && segments[1] === 'severities';
}

/** Walks to the map holding the last segment, creating nested field maps but never collection items. */
function parentOf(doc: Y.Doc, segments: readonly string[]): Y.Map<unknown> | EditResult {
  let current: Y.Map<unknown> = rootMap(doc);
  for (let index = 0; index < segments.length - 1; index += 1) {
    const segment = segments[index] ?? '';
    let next = current.get(segment);
    if (!(next instanceof Y.Map)) {
      if (isItemLevel(segments, index)) return fail('unknown-item', `no ${segments[index - 1] ?? 'item'} with id "${segment}"`);
      if (next !== undefined && next !== null) return fail('unknown-field', `${segments.slice(0, index + 1).join('/')} is a value, not a group of fields`);
      next = new Y.Map<unknown>();
      current.set(segment, next);
    }
    current = next as Y.Map<unknown>;
  }
  return current;
}

function splitPath(path: string): string[] | EditResult {
  const segments = path.split('/').slice(1);
  if (!TOP_LEVEL.has(segments[0] ?? '')) return fail('unknown-field', `"${segments[0]}" is not a section of the requirements`);
  if (segments.length > 8) return fail('unknown-field', 'the path is deeper than any field of the requirements');
  if (segments.includes(ORDER_KEY) && segments.length <= 3) return fail('unknown-field', '"order" is kept by Accord');
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

function applyInside(doc: Y.Doc, edit: Edit): EditResult {
  switch (edit.kind) {
    case 'set': {
      const segments = splitPath(edit.path);
      if (!Array.isArray(segments)) return segments;
      if (segments.length === 2 && isItemLevel(segments, 1)) return fail('unknown-field', 'replace a whole item with remove and insert');
      const parent = parentOf(doc, segments);
      if (!(parent instanceof Y.Map)) return parent;
      const key = segments[segments.length - 1] ?? '';
      const existing = parent.get(key);
      if (existing instanceof Y.Text && typeof edit.value === 'string') {
        existing.delete(0, existing.length);
        existing.insert(0, edit.value);
      } else if (edit.value === null) parent.delete(key);
      else parent.set(key, toY(edit.value, key));
      return { ok: true };
    }
    case 'insert': {
      const map = collectionMap(doc, edit.collection, true);
      if (!map) return fail('unknown-field', `no collection ${edit.collection}`);
      if (map.has(edit.item.id)) return fail('duplicate-id', `${edit.collection} already has an item with id "${edit.item.id}"`);
      const orders = [...map.values()].map((item) => (item instanceof Y.Map ? Number(item.get(ORDER_KEY) ?? 0) : 0));
      const item = toY(edit.item, '') as Y.Map<unknown>;
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
      const parent = parentOf(doc, segments);
      if (!(parent instanceof Y.Map)) return parent;
      const key = segments[segments.length - 1] ?? '';
      let text = parent.get(key);
      if (text === undefined) {
        text = new Y.Text();
        parent.set(key, text);
      }
      if (!(text instanceof Y.Text)) return fail('not-text', `${edit.path} is not a text field`);
      if (edit.index > text.length || edit.index + edit.deleteCount > text.length) return fail('out-of-range', `the text is ${text.length} characters long`);
      if (edit.deleteCount > 0) text.delete(edit.index, edit.deleteCount);
      if (edit.insert !== '') text.insert(edit.index, edit.insert);
      return { ok: true };
    }
    case 'vote': {
      const proposal = collectionMap(doc, 'proposals', false)?.get(edit.proposalId);
      if (!(proposal instanceof Y.Map)) return fail('unknown-item', `no proposal with id "${edit.proposalId}"`);
      let votes = proposal.get('votes');
      if (!(votes instanceof Y.Map)) {
        votes = new Y.Map<unknown>();
        proposal.set('votes', votes);
      }
      if (edit.choice === null) (votes as Y.Map<unknown>).delete(edit.voter);
      else (votes as Y.Map<unknown>).set(edit.voter, edit.choice);
      return { ok: true };
    }
    default: {
      const unknown: never = edit;
      return unknown;
    }
  }
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
