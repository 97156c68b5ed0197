import * as Y from 'yjs';
import { SCENARIOS } from '../model/index.ts';

/**
 * The layout of a workshop's Y.Doc. Everything lives under one root map, `requirements`:
 * - scalar fields are plain values; nested objects (meta, availability, recovery, provenance …) are Y.Maps,
 *   so two people editing different fields of the same function never overwrite each other;
 * - every id-keyed collection (functions, components, calendars …, support.severities) is a Y.Map from id to
 *   a Y.Map item carrying an `order` number, so concurrent inserts of different items both survive;
 * - free text people type, long (rationale, description, definition, mitigation, notes, reason, note) or on
 *   one line (names, title, service, users, owner, contact, reference, requestedBy), is Y.Text, merged
 *   character by character, so two people typing in one box both keep their keystrokes and each sees the
 *   other's as they come; ids, enums, numbers and durations stay plain values, replaced whole, so a value is
 *   always one somebody entered;
 * - a proposal's votes are never in the doc: the server records them (a blind ballot must stay hidden from
 *   every client until it is revealed, and everything in the doc reaches every client);
 * - rows of lists people edit row by row (sponsors, escalation contacts, a function's design, a calendar's slots
 *   and holidays) are row lists: a Y.Map from a stable row id to a Y.Map row carrying an `order` number, so
 *   two people editing different rows both keep their edit;
 * - every nested Y.Map and Y.Text an item, a row or the root can ever hold is created with it (see the shapes
 *   below), so no later edit creates a shared container: when two clients both create the same key's
 *   container, one container wins and every edit made inside the other vanishes;
 * - lists of ids and short lists of strings (dependsOn, appliesTo, members, exclusions …) are plain JSON
 *   values, replaced whole (two people changing one such list at once keep only one change).
 */
export const ROOT = 'requirements';

export const COLLECTIONS = [
  'calendars',
  'components',
  'groups',
  'functions',
  'maintenance',
  'backups',
  'regulatory',
  'risks',
  'recoveryTests',
  'proposals',
  'decisions',
] as const;
export type Collection = (typeof COLLECTIONS)[number] | 'support/severities';

/**
 * Keys whose string values are Y.Text wherever they occur. A key is free text everywhere it is used, or it is
 * not listed: `role` is an enum on components, so a sponsor's or contact's role stays a plain value.
 */
export const TEXT_FIELDS: ReadonlySet<string> = new Set([
  'rationale',
  'description',
  'definition',
  'mitigation',
  'notes',
  'reason',
  'note',
  'name',
  'title',
  'service',
  'users',
  'owner',
  'contact',
  'reference',
  'requestedBy',
]);

/** Key of the display order inside each collection item and row; not part of the requirements model. */
export const ORDER_KEY = 'order';

/**
 * What a Y.Map of the doc holds besides plain values. Everything a shape names is created together with
 * the map that holds it and is never replaced afterwards: setting a group of fields assigns inside it,
 * clearing it empties it. A group whose content is all empty reads as absent.
 */
export interface MapShape {
  /** Keys holding a nested group of fields (a Y.Map) of the given shape. */
  readonly maps?: Readonly<Record<string, MapShape>>;
  /** Keys holding free text (a Y.Text); each is also in TEXT_FIELDS. */
  readonly texts?: readonly string[];
  /** Keys holding a row list: a Y.Map from row id to a row (a Y.Map with an `order`) of the given shape. */
  readonly rows?: Readonly<Record<string, RowShape>>;
  /** Keys holding an id-keyed collection of items (only the root and `support` have them). */
  readonly collections?: readonly string[];
}

/** The shape of one row of a row list. */
export interface RowShape extends MapShape {
  /** Fields whose values name a row when a file gives it no id: the generated id is their slug. */
  readonly idFrom: readonly string[];
}

const PROVENANCE: MapShape = { texts: ['requestedBy', 'rationale'] };
const PARTY: MapShape = { texts: ['name', 'contact'] };
const OBJECTIVE: MapShape = { maps: { provenance: PROVENANCE } };

/** The shape of the items of each id-keyed collection. */
export const ITEM_SHAPES: Readonly<Record<Collection, MapShape>> = {
  calendars: {
    texts: ['name'],
    maps: { holidayRegion: {} },
    rows: { slots: { idFrom: ['day', 'start', 'end'] }, holidays: { idFrom: ['date'], texts: ['name'] } },
  },
  components: { maps: { availability: {} }, texts: ['name', 'notes'] },
  groups: { texts: ['name'] },
  functions: {
    texts: ['name', 'description', 'users'],
    maps: {
      availability: { maps: { window: {}, provenance: PROVENANCE } },
      recovery: { maps: Object.fromEntries(SCENARIOS.map((scenario) => [scenario, OBJECTIVE])) },
      measurement: {},
    },
    rows: { design: { idFrom: ['kind'] } },
  },
  maintenance: { texts: ['name'], maps: { recurrence: {}, provenance: PROVENANCE } },
  backups: { texts: ['name'], maps: { provenance: PROVENANCE } },
  regulatory: { texts: ['name', 'reference'] },
  risks: { texts: ['mitigation', 'owner'] },
  recoveryTests: {},
  proposals: { texts: ['reason'] },
  decisions: { texts: ['note'] },
  'support/severities': { texts: ['name', 'definition'], maps: { provenance: PROVENANCE } },
};

/** The shape of the root map: its sections, row lists and collections all exist from the doc's start. */
export const ROOT_SHAPE: MapShape = {
  maps: {
    meta: {
      texts: ['title', 'service', 'description'],
      maps: { provider: PARTY, customer: PARTY },
      rows: { sponsors: { idFrom: ['name'], texts: ['name'] } },
    },
    support: {
      rows: { escalation: { idFrom: ['level', 'name'], texts: ['name', 'contact'] } },
      collections: ['severities'],
    },
    // The agreement's groups of fields; its lists (contracts, contacts, glossary …) are replaced whole.
    agreement: {
      maps: { responsibilities: {}, breach: {}, security: {}, disasterDeclaration: {}, changeNotice: {}, desk: {} },
    },
  },
  collections: COLLECTIONS,
};

/** The shape of an item of the collection at `key` inside a map of the given shape path (root or support). */
export function itemShape(parentKey: string | null, key: string): MapShape {
  const collection = (parentKey === 'support' ? `support/${key}` : key) as Collection;
  return ITEM_SHAPES[collection] ?? {};
}

export function rootMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT);
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Keys that never go into the doc: a proposal's votes (and their count) are the server's record. */
const SERVER_ONLY: ReadonlySet<string> = new Set(['votes', 'votesCast']);

/**
 * Deeper than any field of the requirements. Walks stop here (the rest reads as null) rather than overflow
 * the stack on a document or value that nests thousands of levels: such a shape is refused at every door,
 * but a walk must not be the thing that breaks when one gets through.
 */
export const MAX_WALK_DEPTH = 32;

/** A JSON value as the Yjs type that holds it at `key` (undefined for a key the doc never holds). */
export function toY(value: unknown, key: string, depth = 0): unknown {
  if (SERVER_ONLY.has(key)) return undefined;
  if (depth > MAX_WALK_DEPTH) return null;
  if (typeof value === 'string' && TEXT_FIELDS.has(key)) return new Y.Text(value);
  if (isPlainObject(value)) {
    const map = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(value)) {
      const y = v === undefined ? undefined : toY(v, k, depth + 1);
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
export function fromY(value: unknown, key = '', depth = 0): Json {
  if (key === 'votes') return [];
  if (depth > MAX_WALK_DEPTH) return null;
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.Map) {
    const out: Record<string, Json> = {};
    for (const [k, v] of value.entries()) out[k] = fromY(v, k, depth + 1);
    return out;
  }
  return (value ?? null) as Json;
}

/** Every row list of the layout as a path pattern, a `*` segment standing for any item's id (a function's design is `/functions/*` + `/design`). */
export const ROW_LISTS: readonly string[] = rowListPatterns(ROOT_SHAPE, '', null);

function rowListPatterns(shape: MapShape, prefix: string, key: string | null): string[] {
  return [
    ...Object.keys(shape.rows ?? {}).map((k) => `${prefix}/${k}`),
    ...Object.entries(shape.maps ?? {}).flatMap(([k, sub]) => rowListPatterns(sub, `${prefix}/${k}`, k)),
    ...(shape.collections ?? []).flatMap((k) => rowListPatterns(itemShape(key, k), `${prefix}/${k}/*`, null)),
  ];
}
