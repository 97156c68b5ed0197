import { remove as foldConfusables } from 'confusables';

/**
 * Display names identify people in votes, proposals and the decision log, so two names that read the same
 * on screen must not both exist in one workshop. A name is stored NFKC-normalised (fullwidth letters become
 * plain ones), without invisible characters (zero-width spaces and joiners, bidi marks) and with runs of
 * white space collapsed.
 */
export function normaliseDisplayName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * What a name looks like: normalised, accents and other combining marks dropped, characters that imitate
 * Latin letters (Cyrillic "а", Greek "ο", mathematical letters …) folded into them by the `confusables`
 * table, lower case. Two names with the same key read the same to a person.
 */
export function lookalikeKey(name: string): string {
  const bare = normaliseDisplayName(name).normalize('NFD').replace(/\p{M}/gu, '');
  return foldConfusables(bare).normalize('NFKC').toLowerCase();
}

export type NameChoice =
  { readonly ok: true; readonly name: string } | { readonly ok: false; readonly message: string };

/**
 * The name a joiner gets among the names already taken: the same name again (a second "Pat") is numbered
 * ("Pat (2)"); a name that only looks like a taken one ("Fаy" with a Cyrillic "а" beside "Fay") is refused,
 * with a message saying which name it imitates.
 */
export function chooseDisplayName(wanted: string, taken: readonly string[]): NameChoice {
  const name = normaliseDisplayName(wanted);
  if (name === '') return { ok: false, message: 'name: must contain visible characters' };
  const exact = new Set(taken.map((other) => other.toLowerCase()));
  const looks = new Map(taken.map((other) => [lookalikeKey(other), other]));
  const imitated = looks.get(lookalikeKey(name));
  if (imitated !== undefined && !exact.has(name.toLowerCase())) {
    return {
      ok: false,
      message: `name: "${name}" looks the same as "${imitated}", who is already in this workshop; choose a name that reads differently`,
    };
  }
  let unique = name;
  for (let n = 2; exact.has(unique.toLowerCase()) || looks.has(lookalikeKey(unique)); n += 1) unique = `${name} (${n})`;
  return { ok: true, name: unique };
}
