import * as Y from 'yjs';

/**
 * The layout of a workshop's Y.Doc. Everything lives under one root map, `requirements`:
 * - scalar fields are plain values; nested objects (meta, availability, recovery, provenance …) are Y.Maps,
 *   so two people editing different fields of the same function never overwrite each other;
 * - every id-keyed collection (functions, components, calendars …, support.severities) is a Y.Map from id to
 *   a Y.Map item carrying an `order` number, so concurrent inserts of different items both survive;
 * - long free text (rationale, description, definition, mitigation, notes, reason, note) is Y.Text, merged
 *   character by character;
 * - a proposal's votes are a Y.Map from voter to choice, so concurrent votes all count;
 * - short lists (slots, holidays, dependsOn, appliesTo, design, sponsors …) are plain JSON values, replaced whole.
 */
export const ROOT = 'requirements';

export const COLLECTIONS = [
  'calendars', 'components', 'groups', 'functions', 'maintenance', 'backups', 'regulatory', 'risks', 'recoveryTests',
  'proposals', 'decisions',
] as const;
export type Collection = (typeof COLLECTIONS)[number] | 'support/severities';

export const TEXT_FIELDS: ReadonlySet<string> = new Set(['rationale', 'description', 'definition', 'mitigation', 'notes', 'reason', 'note']);

/** Key of the display order inside each collection item; not part of the requirements model. */
export const ORDER_KEY = 'order';

export function rootMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT);
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Deeper than any field of the requirements. Walks stop here (the rest reads as null) rather than overflow
 * the stack on a document or value that nests thousands of levels: such a shape is refused at every door,
 * but a walk must not be the thing that breaks when one gets through.
 */
export const MAX_WALK_DEPTH = 32;

/** A JSON value as the Yjs type that holds it at `key`. */
export function toY(value: unknown, key: string, depth = 0): unknown {
  if (depth > MAX_WALK_DEPTH) return null;
  if (typeof value === 'string' && TEXT_FIELDS.has(key)) return new Y.Text(value);
  if (key === 'votes' && Array.isArray(value)) {
    const votes = new Y.Map<unknown>();
    for (const vote of value) if (isPlainObject(vote) && typeof vote.voter === 'string') votes.set(vote.voter, vote.choice);
    return votes;
  }
  if (isPlainObject(value)) {
    const map = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(value)) if (v !== undefined) map.set(k, toY(v, k, depth + 1));
    return map;
  }
  return value;
}

/** A Yjs value back as plain JSON; votes become `{ voter, choice }` sorted by voter. */
export function fromY(value: unknown, key = '', depth = 0): Json {
  if (depth > MAX_WALK_DEPTH) return null;
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.Map) {
    if (key === 'votes') {
      return [...value.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([voter, choice]) => ({ voter, choice: choice as Json }));
    }
    const out: Record<string, Json> = {};
    for (const [k, v] of value.entries()) out[k] = fromY(v, k, depth + 1);
    return out;
  }
  return (value ?? null) as Json;
}
