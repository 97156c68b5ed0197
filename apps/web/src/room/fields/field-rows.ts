import type { Codec } from '../../lib/units.ts';
import type { Options } from '../../lib/vocabulary.ts';

/** One column of a record list's row: its key in the stored object, how it is asked for, whether it must be filled. */
export interface RecordColumn {
  readonly key: string;
  readonly label: string;
  readonly required?: boolean;
  /** Stored as a number (costs); the input still takes text and refuses what is not a number. */
  readonly numeric?: boolean;
  /** Offered as a choice instead of free text. */
  readonly options?: Options;
}

/**
 * One field of a form that is a plain run of fields under one path (the agreement's terms): which field, at
 * which key below that path, with which words. `FieldRows` renders a list of them in order.
 */
export type FieldRow = {
  /** The field's path below the form's base, e.g. `security/dataProtection`. */
  readonly key: string;
  readonly label: string;
} & (
  | {
      readonly kind: 'value';
      readonly codec: Codec<unknown>;
      readonly hint?: string;
      readonly inputmode?: 'text' | 'decimal' | 'numeric';
    }
  | { readonly kind: 'choice'; readonly options: Options; readonly emptyLabel?: string }
  | { readonly kind: 'check' }
  | { readonly kind: 'texts'; readonly addLabel: string; readonly placeholder?: string }
  | { readonly kind: 'records'; readonly columns: readonly RecordColumn[] }
);
