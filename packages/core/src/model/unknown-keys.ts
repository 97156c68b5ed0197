import { defOf, unwrap, type AnySchema } from './schema-walk.ts';

/** A key the file format does not know, where it is, and the known key it most likely meant. */
export interface UnknownKey {
  /** Path of the key itself, e.g. `['functions', 0, 'availability', 'downtimeCostPerHr']`. */
  readonly path: readonly (string | number)[];
  readonly key: string;
  readonly suggestion: string | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object shapes a value may take here: one for an object, the matching branch (or all) of a union. */
function shapesFor(schema: AnySchema, value: Record<string, unknown>): Readonly<Record<string, AnySchema>>[] {
  const def = defOf(unwrap(schema));
  if (def.type === 'object' && def.shape) return [def.shape];
  if (def.type !== 'union' || !def.options) return [];
  const branches = def.options.flatMap((option) => shapesFor(option, value));
  const key = def.discriminator;
  if (key === undefined) return branches;
  const matching = branches.filter((shape) => {
    const literal = shape[key];
    return literal !== undefined && (defOf(unwrap(literal)).values ?? []).includes(value[key]);
  });
  return matching.length > 0 ? matching : branches;
}

/**
 * Every key in `data` that the schema does not define, anywhere in the tree. zod's default object mode drops
 * such keys silently, so a typo (`downtimeCostPerHr`) would validate and quietly change the SLA.
 */
export function findUnknownKeys(
  schema: AnySchema,
  data: unknown,
  path: readonly (string | number)[] = [],
): UnknownKey[] {
  const def = defOf(unwrap(schema));
  if (def.type === 'array' && def.element && Array.isArray(data)) {
    const element = def.element;
    return data.flatMap((item, index) => findUnknownKeys(element, item, [...path, index]));
  }
  if (!isRecord(data)) return [];
  if (def.type === 'record' && def.valueType) {
    const valueType = def.valueType;
    return Object.entries(data).flatMap(([key, value]) => findUnknownKeys(valueType, value, [...path, key]));
  }
  const shapes = shapesFor(schema, data);
  if (shapes.length === 0) return [];
  const known = [...new Set(shapes.flatMap((shape) => Object.keys(shape)))];
  const found: UnknownKey[] = [];
  for (const [key, value] of Object.entries(data)) {
    const field = shapes.map((shape) => shape[key]).find((s) => s !== undefined);
    if (field) found.push(...findUnknownKeys(field, value, [...path, key]));
    else found.push({ path: [...path, key], key, suggestion: closest(key, known) });
  }
  return found;
}

/** Levenshtein distance, case-insensitive: how many letters to add, drop or change to turn one key into another. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/**
 * The known key nearest to a typo, when it is near enough to be what was meant (a third of its letters at
 * most), or the known key it begins (`replayLag` → `replayLagSeconds`: the unit left off).
 */
export function closest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const extended = known.filter((candidate) => lower.length >= 4 && candidate.toLowerCase().startsWith(lower));
  if (extended.length === 1) return extended[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(key, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}
