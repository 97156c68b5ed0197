import type { z } from 'zod';

/** Any zod schema, read through its definition (the file format's own schemas, walked rather than restated). */
export type AnySchema = z.core.$ZodType;

/** The parts of a zod definition the walkers read. */
export interface Def {
  readonly type: string;
  readonly shape?: Readonly<Record<string, AnySchema>>;
  readonly element?: AnySchema;
  readonly innerType?: AnySchema;
  readonly in?: AnySchema;
  readonly options?: readonly AnySchema[];
  readonly discriminator?: string;
  readonly valueType?: AnySchema;
  readonly values?: readonly unknown[];
  readonly getter?: () => AnySchema;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
}

/** A refinement zod keeps on a string or number schema (`.max(200)`, `.int()`, `.gt(0)` …). */
export interface CheckDef {
  readonly check: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly format?: string;
}

export const defOf = (schema: AnySchema): Def => schema._zod.def as unknown as Def;

/** The schema under wrappers (optional, default, a transform's input …) that says what the data looks like. */
export function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (let depth = 0; depth < 20; depth += 1) {
    const def = defOf(current);
    const next =
      def.innerType ?? (def.type === 'pipe' ? def.in : undefined) ?? (def.type === 'lazy' ? def.getter?.() : undefined);
    if (!next) return current;
    current = next;
  }
  return current;
}
