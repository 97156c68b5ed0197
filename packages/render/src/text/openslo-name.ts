/**
 * An OpenSLO `metadata.name`: an RFC 1123 label (lowercase letters, digits and "-", starting and ending with a
 * letter or digit, at most 63 characters). Non-conforming characters fold to "-".
 */
export function toOpenSloName(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const trimmed = folded.slice(0, 63).replace(/-+$/g, '');
  return trimmed === '' ? 'unnamed' : trimmed;
}

export const RFC1123_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** OpenSLO's limit on `metadata.displayName`, in characters (the go-sdk counts code points). */
export const DISPLAY_NAME_MAX = 63;

/**
 * A `metadata.displayName` within 63 characters: `name` + `suffix` as they are when they fit, else `name`
 * shortened at a word boundary and marked with "…" (cut inside a word only when its first word is longer
 * than the room). The full text belongs in an annotation next to it.
 * @example toOpenSloDisplayName('Mailbox access for the field sales force and the regional branch offices', ': availability')
 * // 'Mailbox access for the field sales force and the…: availability'
 */
export function toOpenSloDisplayName(name: string, suffix = ''): string {
  const full = `${name}${suffix}`;
  if ([...full].length <= DISPLAY_NAME_MAX) return full;
  const chars = [...name.trim()];
  const room = Math.max(1, DISPLAY_NAME_MAX - [...suffix].length - 1);
  const head = chars.slice(0, room + 1).join('');
  const cut = head.slice(0, Math.max(head.lastIndexOf(' '), 0)).trimEnd();
  const shortened = cut !== '' && [...cut].length <= room ? cut : chars.slice(0, room).join('').trimEnd();
  return `${shortened.replace(/[\s,;:.(—–-]+$/u, '')}…${suffix}`;
}
