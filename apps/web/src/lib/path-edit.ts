import { ROW_LISTS, type Edit } from '@accord/core/ydoc';

const ROW_LIST_PATTERNS = ROW_LISTS.map((pattern) => pattern.split('/').slice(1));

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
