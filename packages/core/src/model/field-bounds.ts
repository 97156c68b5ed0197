import { requirementsSchema } from './requirements.schema.ts';
import { defOf, unwrap, type AnySchema, type CheckDef } from './schema-walk.ts';

/** What the file format allows for one field's value, read from its zod schema (so forms need not restate it). */
export interface FieldBounds {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly min?: number;
  /** `min` itself is refused (e.g. a rate must be above 0). */
  readonly exclusiveMin?: boolean;
  readonly max?: number;
  /** `max` itself is refused (e.g. a target percentage below 100). */
  readonly exclusiveMax?: boolean;
  readonly integer?: boolean;
}

/**
 * The bounds of the requirements field at a JSON-pointer path as the editor writes it (`/meta/title`,
 * `/functions/mail/name`: a segment inside a list is a row's id or an index); undefined where the path
 * names no field, or branches of a union disagree.
 *
 * @example fieldBounds('/meta/title') // { minLength: 1, maxLength: 200 }
 */
export function fieldBounds(path: string): FieldBounds | undefined {
  const segments = path.split('/').slice(1);
  return boundsAt(requirementsSchema, segments);
}

function boundsAt(schema: AnySchema, segments: readonly string[]): FieldBounds | undefined {
  const def = defOf(unwrap(schema));
  if (def.type === 'union' && def.options) {
    const found = def.options.map((option) => boundsAt(option, segments)).filter((b) => b !== undefined);
    const first = found[0];
    return first && found.every((b) => JSON.stringify(b) === JSON.stringify(first)) ? first : undefined;
  }
  const [segment, ...rest] = segments;
  if (segment === undefined) return boundsOf(def.checks ?? []);
  const next =
    def.type === 'object'
      ? def.shape?.[segment]
      : def.type === 'array'
        ? def.element
        : def.type === 'record'
          ? def.valueType
          : undefined;
  return next ? boundsAt(next, rest) : undefined;
}

function boundsOf(checks: readonly { readonly _zod: { readonly def: CheckDef } }[]): FieldBounds {
  const bounds: { -readonly [K in keyof FieldBounds]: FieldBounds[K] } = {};
  for (const { _zod } of checks) {
    const check = _zod.def;
    if (check.check === 'min_length') bounds.minLength = check.minimum;
    else if (check.check === 'max_length') bounds.maxLength = check.maximum;
    else if (check.check === 'number_format') bounds.integer = check.format !== 'float32' && check.format !== 'float64';
    else if (check.check === 'greater_than') {
      bounds.min = check.value;
      bounds.exclusiveMin = check.inclusive === false;
    } else if (check.check === 'less_than') {
      bounds.max = check.value;
      bounds.exclusiveMax = check.inclusive === false;
    }
  }
  return bounds;
}
