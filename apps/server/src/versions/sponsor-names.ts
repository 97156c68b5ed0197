/** Titles people leave out or put in when they type their own name. */
const HONORIFICS: ReadonlySet<string> = new Set([
  'dr',
  'prof',
  'mr',
  'mrs',
  'ms',
  'mx',
  'sir',
  'dame',
  'dipl',
  'ing',
  'phd',
  'mba',
]);

function tokens(name: string): Set<string> {
  return new Set(
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((token) => token !== '' && !HONORIFICS.has(token)),
  );
}

/**
 * Whether a participant's display name is one of the sponsors the requirements name ("Karin Vogt" joining for
 * "Dr. Karin Vogt"): all words of the shorter name appear in the longer one, titles and accents aside.
 */
export function sameSponsor(displayName: string, namedSponsor: string): boolean {
  const a = tokens(displayName);
  const b = tokens(namedSponsor);
  if (a.size === 0 || b.size === 0) return false;
  const [shorter, longer] = a.size <= b.size ? [a, b] : [b, a];
  return [...shorter].every((token) => longer.has(token));
}
