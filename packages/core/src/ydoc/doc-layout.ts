import * as Y from 'yjs';

/**
 * The layout of a workshop's Y.Doc. Everything lives under one root map, `requirements`:
 * - scalar fields are plain values; nested objects (meta, availability, recovery, provenance …) are Y.Maps,
 *   so two people editing different fields of the same function never overwrite each other;
 * - every id-keyed collection (functions, components, calendars …, support.severities) is a Y.Map from id to
 *   a Y.Map item carrying an `order` number, so concurrent inserts of different items both survive;
 * - long free text (rationale, description, definition, mitigation, notes, reason, note) is Y.Text, merged
 *   character by character;
 * - a proposal's votes are never in the doc: the server records them (a blind ballot must stay hidden from
 *   every client until it is revealed, and everything in the doc reaches every client);
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

/** Keys that never go into the doc: a proposal's votes (and their count) are the server's record. */
const SERVER_ONLY: ReadonlySet<string> = new Set(['votes', 'votesCast']);

/** A JSON value as the Yjs type that holds it at `key` (undefined for a key the doc never holds). */
export function toY(value: unknown, key: string): unknown {
  if (SERVER_ONLY.has(key)) return undefined;
  if (typeof value === 'string' && TEXT_FIELDS.has(key)) return new Y.Text(value);
  if (isPlainObject(value)) {
    const map = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(value)) {
      const y = v === undefined ? undefined : toY(v, k);
      if (y !== undefined) map.set(k, y);
    }
    return map;
  }
  return value;
}

/**
 * A Yjs value back as plain JSON. Votes found in an older doc (where any client could write them) are not
 * read: only the votes the server recorded count.
 */
export function fromY(value: unknown, key = ''): Json {
  if (key === 'votes') return [];
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.Map) {
    const out: Record<string, Json> = {};
    for (const [k, v] of value.entries()) out[k] = fromY(v, k);
    return out;
  }
  return (value ?? null) as Json;
}
