/** Colours for people's presence markers; each has at least 4.5:1 contrast with white text. */
const COLOURS = ['#2456c7', '#a4336b', '#0f766e', '#7c3aed', '#b45309', '#be123c', '#334155', '#4d7c0f'] as const;

function hashOf(participantId: string): number {
  let hash = 0;
  for (const char of participantId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}

/** A stable colour per participant from their id alone (for someone not on the roster yet). */
export function personColour(participantId: string): string {
  return COLOURS[hashOf(participantId) % COLOURS.length] ?? COLOURS[0];
}

/**
 * Colours for everyone on the roster, different for each of up to eight people, and the same on every screen:
 * the ids are taken in a fixed order and each gets its own colour, or the next one still free. ("The blue one
 * is editing" must point at one person.)
 */
export function personColours(participantIds: readonly string[]): ReadonlyMap<string, string> {
  const colours = new Map<string, string>();
  let taken = new Set<number>();
  for (const id of [...new Set(participantIds)].sort()) {
    if (taken.size === COLOURS.length) taken = new Set();
    let index = hashOf(id) % COLOURS.length;
    while (taken.has(index)) index = (index + 1) % COLOURS.length;
    taken.add(index);
    colours.set(id, COLOURS[index] ?? COLOURS[0]);
  }
  return colours;
}

export function initials(name: string): string {
  const parts = name
    .trim()
    .split(/\s+/)
    .filter((p) => /\p{L}|\d/u.test(p[0] ?? ''));
  if (parts.length === 0) return '?';
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/**
 * The others whose presence says they are editing the field at `path` (never this browser's own client): a
 * field reads who is in it from its path, as it reads its value.
 */
export function othersEditing<P extends { readonly clientId: number; readonly editing: string | null }>(
  presence: readonly P[],
  path: string,
  selfClientId: number,
): P[] {
  return presence.filter((p) => p.editing === path && p.clientId !== selfClientId);
}
