/** One splice that turns one string into another: delete `deleteCount` at `index`, insert `insert`. */
export interface Splice {
  readonly index: number;
  readonly deleteCount: number;
  readonly insert: string;
}

/**
 * The smallest single splice between two texts (common prefix and suffix kept). Typing, pasting and
 * deleting in a textarea change one contiguous range, so this is exact for them. The cursor hint keeps
 * the splice where the user typed when the text repeats ("aa" → "aaa" at the start, not the end).
 */
export function diffText(before: string, after: string, cursorAfter = after.length): Splice | null {
  if (before === after) return null;
  const maxPrefix = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < maxPrefix && before[prefix] === after[prefix]) prefix += 1;
  const insertedLength = after.length - before.length;
  // The edit ends at the cursor: the prefix can be no longer than where the typed text starts.
  if (insertedLength > 0) prefix = Math.min(prefix, Math.max(0, cursorAfter - insertedLength));
  else prefix = Math.min(prefix, cursorAfter);
  let suffix = 0;
  const maxSuffix = Math.min(before.length, after.length) - prefix;
  while (suffix < maxSuffix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix += 1;
  return {
    index: prefix,
    deleteCount: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/** Where a cursor at `position` belongs after someone else's splice: text inserted before it pushes it on. */
export function transformCursor(position: number, splice: Splice): number {
  if (position <= splice.index) return position;
  if (position >= splice.index + splice.deleteCount) return position - splice.deleteCount + splice.insert.length;
  return splice.index + splice.insert.length;
}
