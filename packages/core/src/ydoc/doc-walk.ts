import * as Y from 'yjs';
import { rootMap } from './doc-layout.ts';
import { collectionMap, placesOf, rowListMap, shapedMap, type Place } from './doc-shape.ts';

// Walking a field path of the doc, and the typed result of an edit.

export type EditError = 'unknown-field' | 'unknown-item' | 'duplicate-id' | 'not-text' | 'out-of-range';
export type EditResult =
  { readonly ok: true } | { readonly ok: false; readonly error: EditError; readonly message: string };

export const fail = (error: EditError, message: string): EditResult => ({ ok: false, error, message });

/**
 * Walks to the map holding the last segment. It enters existing maps only; a missing group named by the
 * shapes is created (with its whole shape) only in docs written before groups came with their items;
 * items and rows must exist, and no other container is ever created.
 */
export function walkToParent(doc: Y.Doc, segments: readonly string[], create = true): Y.Map<unknown> | EditResult {
  const places = placesOf(segments);
  let current: Y.Map<unknown> = rootMap(doc);
  for (let index = 0; index < segments.length - 1; index += 1) {
    const segment = segments[index] ?? '';
    const place = places[index] as Place;
    let next = current.get(segment);
    if (next instanceof Y.Map) {
      current = next;
      continue;
    }
    const here = segments.slice(0, index + 1).join('/');
    if (place.kind === 'item' || place.kind === 'row')
      return fail('unknown-item', `no ${segments[index - 1] ?? 'item'} with id "${segment}"`);
    if (next !== undefined && next !== null && !(place.kind === 'rows' && Array.isArray(next))) {
      return fail('unknown-field', `/${here} is a value, not a group of fields`);
    }
    if (!create) return fail('unknown-field', `/${here} does not exist`);
    if (place.kind === 'map') next = shapedMap({}, place.shape, segment);
    else if (place.kind === 'collection') next = collectionMap([], place.itemShape);
    else if (place.kind === 'rows') next = rowListMap(Array.isArray(next) ? next : [], place.rowShape);
    else return fail('unknown-field', `/${here} is not a group of fields of the requirements`);
    current.set(segment, next);
    current = next as Y.Map<unknown>;
  }
  return current;
}
