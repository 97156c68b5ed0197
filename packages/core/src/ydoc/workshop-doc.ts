import * as Y from 'yjs';
import { validateRequirements, type ParseRequirementsResult, type Requirements } from '../model/index.ts';
import { COLLECTIONS, fromY, ORDER_KEY, rootMap, toY } from './doc-layout.ts';

export { applyEdit, editSchema, fieldValue, type Edit, type EditError, type EditResult } from './edits.ts';
export { COLLECTIONS, ROOT, TEXT_FIELDS } from './doc-layout.ts';

const COLLECTION_SET: ReadonlySet<string> = new Set(COLLECTIONS);

/** Fill a doc from a validated requirements value, in one transaction (used for templates and imports). */
export function writeRequirements(doc: Y.Doc, requirements: Requirements | Record<string, unknown>, origin: unknown = null): void {
  doc.transact(() => {
    const root = rootMap(doc);
    for (const key of [...root.keys()]) root.delete(key);
    for (const [key, value] of Object.entries(requirements)) {
      if (value === undefined) continue;
      if (COLLECTION_SET.has(key) && Array.isArray(value)) root.set(key, collectionMap(value));
      else if (key === 'support' && value !== null && typeof value === 'object') {
        const support = new Y.Map<unknown>();
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (v === undefined) continue;
          support.set(k, k === 'severities' && Array.isArray(v) ? collectionMap(v) : toY(v, k));
        }
        root.set(key, support);
      } else root.set(key, toY(value, key));
    }
  }, origin);
}

function collectionMap(items: readonly unknown[]): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  items.forEach((item, index) => {
    const yItem = toY(item, '') as Y.Map<unknown>;
    yItem.set(ORDER_KEY, index);
    map.set(String((item as { id: unknown }).id), yItem);
  });
  return map;
}

/** A new doc holding the given requirements. */
export function createWorkshopDoc(requirements: Requirements | Record<string, unknown>): Y.Doc {
  const doc = new Y.Doc();
  writeRequirements(doc, requirements);
  return doc;
}

/** The doc as plain JSON in the requirements file shape, without validation (for live preview of half-typed data). */
export function readRaw(doc: Y.Doc): Record<string, unknown> {
  const root = rootMap(doc);
  const out: Record<string, unknown> = {};
  for (const [key, value] of root.entries()) {
    if (COLLECTION_SET.has(key) && value instanceof Y.Map) out[key] = collectionArray(value);
    else if (key === 'support' && value instanceof Y.Map) {
      const support = fromY(value) as Record<string, unknown>;
      const severities = value.get('severities');
      if (severities instanceof Y.Map) support.severities = collectionArray(severities);
      out[key] = support;
    } else out[key] = fromY(value, key);
  }
  return out;
}

function collectionArray(map: Y.Map<unknown>): unknown[] {
  return [...map.entries()]
    .map(([id, item]) => {
      const value = fromY(item) as Record<string, unknown>;
      const order = typeof value[ORDER_KEY] === 'number' ? (value[ORDER_KEY] as number) : Number.MAX_SAFE_INTEGER;
      delete value[ORDER_KEY];
      return { id, order, value };
    })
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1))
    .map(({ value }) => value);
}

/** The doc's requirements, validated: what the server publishes and the preview derives from. */
export function readSnapshot(doc: Y.Doc): ParseRequirementsResult {
  return validateRequirements(readRaw(doc));
}

/** Calls back after every change to the requirements (local or remote), with the transaction's origin. */
export function observeRequirements(doc: Y.Doc, callback: (origin: unknown) => void): () => void {
  const root = rootMap(doc);
  const handler = (_events: unknown, transaction: Y.Transaction): void => callback(transaction.origin);
  root.observeDeep(handler);
  return () => root.unobserveDeep(handler);
}
