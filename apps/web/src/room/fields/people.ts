/** Colours for people's presence markers; each has at least 4.5:1 contrast with white text. */
const COLOURS = ['#2456c7', '#a4336b', '#0f766e', '#7c3aed', '#b45309', '#be123c', '#1d4ed8', '#4d7c0f'] as const;

/** A stable colour per participant, the same on every screen. */
export function personColour(participantId: string): string {
  let hash = 0;
  for (const char of participantId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLOURS[hash % COLOURS.length] ?? COLOURS[0];
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter((p) => /\p{L}|\d/u.test(p[0] ?? ''));
  if (parts.length === 0) return '?';
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? parts[parts.length - 1]?.[0] ?? '' : '';
  return (first + last).toUpperCase();
}
