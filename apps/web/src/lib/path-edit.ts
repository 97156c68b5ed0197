import { COLLECTIONS, ROW_LISTS, type Edit } from '@accord/core/ydoc';

const ROW_LIST_PATTERNS = ROW_LISTS.map((pattern) => pattern.split('/').slice(1));
type CollectionName = Extract<Edit, { kind: 'insert' }>['collection'];
const COLLECTION_NAMES: ReadonlySet<string> = new Set<CollectionName>([...COLLECTIONS, 'support/severities']);

/**
 * What kind of list a path names: an id-keyed collection (`/backups`, `/support/severities`), whose items
 * are added with `insert`, or a row list (`/support/escalation`, `/functions/mail/design`), whose rows are
 * added with `row-insert`; null for anything else.
 */
export function listAt(path: string): { kind: 'collection'; collection: CollectionName } | { kind: 'rows' } | null {
  const name = path.slice(1);
  if (COLLECTION_NAMES.has(name)) return { kind: 'collection', collection: name as CollectionName };
  const segments = path.split('/').slice(1);
  const isRows = ROW_LIST_PATTERNS.some(
    (pattern) => pattern.length === segments.length && pattern.every((part, i) => part === '*' || part === segments[i]),
  );
  return isRows ? { kind: 'rows' } : null;
}

/** The edit that adds `item` (with its id) to the list at `path`, last; null when the path names no list. */
export function insertAt(path: string, item: Record<string, unknown> & { id: string }): Edit | null {
  const list = listAt(path);
  if (!list) return null;
  return list.kind === 'collection'
    ? { kind: 'insert', collection: list.collection, item }
    : { kind: 'row-insert', list: path, row: item };
}

/** The edit that removes the item or row `id` from the list at `path`; null when the path names no list. */
export function removeAt(path: string, id: string): Edit | null {
  const list = listAt(path);
  if (!list) return null;
  return list.kind === 'collection'
    ? { kind: 'remove', collection: list.collection, id }
    : { kind: 'row-remove', list: path, id };
}

/**
 * The edit that stores `value` at a field path. A field of a row in a row list (a design's protection, an
 * escalation step) is one `row-set`, so others' edits to the same row's other fields survive; anything else
 * is a `set`. A field binds by its path alone: no component needs to know which kind its path is.
 */
export function editAt(path: string, value: unknown): Edit {
  const segments = path.split('/').slice(1);
  for (const pattern of ROW_LIST_PATTERNS) {
    if (segments.length !== pattern.length + 2) continue;
    if (!pattern.every((part, i) => part === '*' || part === segments[i])) continue;
    const list = `/${segments.slice(0, pattern.length).join('/')}`;
    const [id = '', field = ''] = segments.slice(pattern.length);
    return { kind: 'row-set', list, id, field, value: value ?? null };
  }
  return { kind: 'set', path, value };
}
