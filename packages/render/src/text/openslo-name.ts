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
