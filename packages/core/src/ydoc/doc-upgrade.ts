import * as Y from 'yjs';
import { itemShape, type MapShape } from './doc-layout.ts';
import { rowListMap, shapedMap } from './doc-shape.ts';

/**
 * Give a map every container its shape names that it lacks (a doc written before containers came with their
 * items): missing groups, texts, row lists and collections are created empty, a row list kept as a plain
 * array becomes a row list with its deterministic ids. Nothing is removed or rewritten. Returns whether
 * anything was created. Meant to run once where a doc is loaded, before people edit it, so that no two
 * clients create the same container later.
 */
export function completeShape(map: Y.Map<unknown>, shape: MapShape, key: string | null = null): boolean {
  let changed = false;
  const ensure = (k: string, make: () => Y.Map<unknown> | Y.Text): unknown => {
    const existing = map.get(k);
    if (existing === undefined || existing === null) {
      const created = make();
      map.set(k, created);
      changed = true;
      return created;
    }
    return existing;
  };
  for (const [k, sub] of Object.entries(shape.maps ?? {})) {
    const inner = ensure(k, () => shapedMap({}, sub, k));
    if (inner instanceof Y.Map) changed = completeShape(inner, sub, k) || changed;
  }
  for (const k of shape.texts ?? []) {
    const existing = map.get(k);
    if (typeof existing === 'string') {
      map.set(k, new Y.Text(existing));
      changed = true;
    } else ensure(k, () => new Y.Text(''));
  }
  for (const [k, rowShape] of Object.entries(shape.rows ?? {})) {
    const existing = map.get(k);
    if (Array.isArray(existing)) {
      map.set(k, rowListMap(existing, rowShape));
      changed = true;
      continue;
    }
    const list = ensure(k, () => rowListMap([], rowShape));
    if (list instanceof Y.Map)
      for (const row of list.values()) if (row instanceof Y.Map) changed = completeShape(row, rowShape) || changed;
  }
  for (const k of shape.collections ?? []) {
    const items = ensure(k, () => new Y.Map<unknown>());
    const inner = itemShape(key, k);
    if (items instanceof Y.Map)
      for (const item of items.values()) if (item instanceof Y.Map) changed = completeShape(item, inner) || changed;
  }
  return changed;
}
