/**
 * A new item id from its display name, as the model wants them (1–48 lowercase letters, digits, "-"),
 * unique among `taken`: "Mail flow" → "mail-flow", then "mail-flow-2".
 */
export function idFromName(name: string, taken: ReadonlySet<string>, fallback = 'item'): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/g, '') || fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
