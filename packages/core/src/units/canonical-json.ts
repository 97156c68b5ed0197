/**
 * Canonical JSON: object keys sorted at every depth, no whitespace, `undefined` members dropped.
 * The same value always gives the same bytes, so a SHA-256 of the text identifies a published version.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, member]) => [key, sortKeys(member)]));
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}
