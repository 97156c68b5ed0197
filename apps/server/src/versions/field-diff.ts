import type { FieldChange } from '@accord/protocol/api';

type Json = unknown;

/**
 * Flattens a requirements value into field paths the way the rest of Accord addresses fields: items of
 * id-keyed lists by their id (`/functions/mailbox/availability/targetPercent`), so reordering is no change
 * and an edited item shows as edited fields, not as a removed and an added item. Other lists are one value.
 */
export function flattenFields(value: Json, path = '', out = new Map<string, Json>()): Map<string, Json> {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((item) => isObject(item) && typeof item.id === 'string')) {
      for (const item of value as { id: string }[]) {
        // The id is in the path already; an item with nothing but its id still shows as present.
        const { id, ...fields } = item;
        flattenFields(Object.keys(fields).length > 0 ? fields : {}, `${path}/${id}`, out);
      }
    } else out.set(path, value);
  } else if (isObject(value)) {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) out.set(path, value);
    for (const key of keys) flattenFields(value[key], `${path}/${key}`, out);
  } else out.set(path, value);
  return out;
}

/** Every field that differs between two requirements values, in path order. */
export function fieldDiff(before: Json, after: Json): FieldChange[] {
  const a = flattenFields(before);
  const b = flattenFields(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: FieldChange[] = [];
  for (const path of paths) {
    const had = a.has(path);
    const has = b.has(path);
    if (had && !has) changes.push({ path, kind: 'removed', before: a.get(path) });
    else if (!had && has) changes.push({ path, kind: 'added', after: b.get(path) });
    else if (JSON.stringify(a.get(path)) !== JSON.stringify(b.get(path)))
      changes.push({ path, kind: 'changed', before: a.get(path), after: b.get(path) });
  }
  return changes;
}

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
