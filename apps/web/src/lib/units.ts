import { formatDuration, parseDuration } from '@accord/core/duration';
import { fieldBounds, type FieldBounds } from '@accord/core/model';
import { countdownSecondsSchema } from '@accord/protocol/events';
import { parseRetentionDays } from '@accord/core/retention';
import { parseThroughput } from '@accord/core/throughput';

/** A parsed input: the value to store, or a sentence saying what to type instead. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/**
 * How one kind of field turns what people type into what the requirements store, and back.
 * `parse('')` means "clear the field" for optional fields (value `null`).
 */
export interface Codec<T> {
  parse(text: string): Parsed<T | null>;
  format(value: unknown): string;
  /** Shown as the input's placeholder: what a valid entry looks like. */
  readonly example: string;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (error: string): Parsed<never> => ({ ok: false, error });

/** Accepts "99.95", "99,95" (a decimal comma, as written in much of Europe) and a trailing "%". */
function readDecimal(text: string): number | undefined {
  const cleaned = text.trim().replace(/\s+/g, '').replace(/%$/, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$|^-?\.\d+$/.test(cleaned)) return undefined;
  return Number(cleaned);
}

function optional<T>(required: boolean, text: string, parse: (text: string) => Parsed<T>): Parsed<T | null> {
  if (text.trim() === '') return required ? fail('required: this field cannot be empty') : ok(null);
  return parse(text);
}

/** An availability target in percent: strictly between 0 and 100 ("99.95", "99,9 %"). */
export function percentCodec(required = true): Codec<number> {
  return {
    example: '99.9',
    parse: (text) =>
      optional(required, text, (t) => {
        const value = readDecimal(t);
        if (value === undefined) return fail(`"${t.trim()}" is not a percentage; write e.g. 99.9`);
        if (value <= 0 || value >= 100) return fail('a target lies between 0 and 100 %, e.g. 99.9');
        return ok(value);
      }),
    format: (value) => (typeof value === 'number' ? String(value) : ''),
  };
}

/**
 * A duration stored in whole seconds, typed as people say it: "4h", "15 min", "1d 2h", "0", and with a decimal
 * comma as percentages take it ("1,5h" is "1.5h").
 */
export function durationCodec(required = true): Codec<number> {
  return {
    example: '4h',
    parse: (text) =>
      optional(required, text, (t) => {
        const comma = /\d,\d/.test(t);
        const parsed = parseDuration(comma ? t.replace(/(\d),(\d)/g, '$1.$2') : t);
        if (parsed.ok) return ok(parsed.seconds);
        // Quote the entry as it was typed, comma and all.
        return fail(comma ? parsed.error.replace(/(\d)\.(\d)/g, '$1,$2') : parsed.error);
      }),
    format: (value) => (typeof value === 'number' ? formatDuration(value) : ''),
  };
}

/** The countdowns the server runs, seconds. */
const COUNTDOWN = { min: countdownSecondsSchema.minValue ?? 0, max: countdownSecondsSchema.maxValue ?? Infinity };

/**
 * A countdown's length: a duration as everywhere else, but a bare number is minutes, the way a facilitator
 * says "give it 5". Its bounds are the server's (`countdownSecondsSchema`).
 */
export function countdownCodec(): Codec<number> {
  const duration = durationCodec();
  return {
    example: '10 min',
    parse: (text) => {
      const trimmed = text.trim();
      if (trimmed === '') return fail('say how long, e.g. 10 min');
      const parsed = duration.parse(/^\d+([.,]\d+)?$/.test(trimmed) ? `${trimmed} min` : trimmed);
      if (!parsed.ok || parsed.value === null) return parsed.ok ? fail('say how long, e.g. 10 min') : parsed;
      const seconds = Math.round(parsed.value);
      if (seconds < COUNTDOWN.min || seconds > COUNTDOWN.max)
        return fail(`a countdown lasts between ${COUNTDOWN.min} seconds and ${COUNTDOWN.max / 3600} hours`);
      return ok(seconds);
    },
    format: duration.format,
  };
}

export interface NumberRules {
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** `min` itself is not allowed (e.g. a throughput must be positive). */
  readonly exclusiveMin?: boolean;
  readonly required?: boolean;
  readonly example?: string;
}

/** Why a value lies outside `bounds`, in the words of the form; undefined when it lies within. */
function outOfBounds(value: string | number, bounds: FieldBounds): string | undefined {
  if (typeof value === 'string')
    return bounds.maxLength !== undefined && value.length > bounds.maxLength
      ? `at most ${bounds.maxLength} characters`
      : undefined;
  const { integer, min, exclusiveMin, max, exclusiveMax } = bounds;
  if (integer && !Number.isInteger(value)) return 'must be a whole number';
  if (min !== undefined && (exclusiveMin ? value <= min : value < min))
    return exclusiveMin ? `must be more than ${min}` : `must be at least ${min}`;
  if (max !== undefined && (exclusiveMax ? value >= max : value > max))
    return exclusiveMax ? `must be less than ${max}` : `must be at most ${max}`;
  return undefined;
}

/**
 * `codec`, refusing also what the field's schema refuses (`fieldBounds` of its path), so a form states no
 * length or range the requirements schema already states.
 */
export function withBounds<T>(codec: Codec<T>, bounds: FieldBounds | undefined): Codec<T> {
  if (!bounds) return codec;
  return {
    ...codec,
    parse: (text) => {
      const parsed = codec.parse(text);
      if (!parsed.ok || (typeof parsed.value !== 'string' && typeof parsed.value !== 'number')) return parsed;
      const refused = outOfBounds(parsed.value, bounds);
      return refused === undefined ? parsed : fail(refused);
    },
  };
}

/** A plain number with bounds: GB, days, copies, instances, costs. */
export function numberCodec(rules: NumberRules = {}): Codec<number> {
  const { integer = false, min, max, exclusiveMin = false, required = false } = rules;
  return {
    example: rules.example ?? (integer ? '3' : '1.5'),
    parse: (text) =>
      optional(required, text, (t) => {
        const value = readDecimal(t.replace(/(?<=\d)[ '’_](?=\d{3})/g, ''));
        if (value === undefined) return fail(`"${t.trim()}" is not a number`);
        const refused = outOfBounds(value, { integer, min, exclusiveMin, max });
        return refused === undefined ? ok(value) : fail(refused);
      }),
    format: (value) => (typeof value === 'number' ? String(value) : ''),
  };
}

/**
 * A restore rate stored in GB per hour, typed with its unit as people quote it: "200 MB/s", "720 GB/h",
 * "1.2 TB/h" (decimal units); a bare number is GB/h.
 */
export function throughputCodec(required = true): Codec<number> {
  return {
    example: '200 MB/s',
    parse: (text) =>
      optional(required, text, (t) => {
        const parsed = parseThroughput(t);
        return parsed.ok ? ok(parsed.gbPerHour) : fail(parsed.error);
      }),
    format: (value) => (typeof value === 'number' ? `${Math.round(value * 1000) / 1000} GB/h` : ''),
  };
}

/**
 * A retention stored in whole days, typed as days or as a period: "90", "6 months", "10 years" (mean
 * Gregorian years, rounded up to whole days so a stated retention is never shortened).
 */
export function retentionCodec(minDays = 0, required = true): Codec<number> {
  return {
    example: '10 years',
    parse: (text) =>
      optional(required, text, (t) => {
        const parsed = parseRetentionDays(t);
        if (!parsed.ok) return fail(parsed.error);
        return parsed.days < minDays
          ? fail(`must be at least ${minDays} day${minDays === 1 ? '' : 's'}`)
          : ok(parsed.days);
      }),
    format: (value) => (typeof value === 'number' ? `${value} days` : ''),
  };
}

/** Free text of one line; `required` refuses empty. The field's schema sets its length (see `withBounds`). */
export function textCodec(
  rules: { readonly required?: boolean; readonly max?: number; readonly example?: string } = {},
): Codec<string> {
  const { required = false, max } = rules;
  return {
    example: rules.example ?? '',
    parse: (text) => {
      if (text.trim() === '')
        return required ? fail('required: this field cannot be empty') : ok(text === '' ? null : text);
      const refused = outOfBounds(text, { maxLength: max });
      return refused === undefined ? ok(text) : fail(refused);
    },
    format: (value) => (typeof value === 'string' ? value : ''),
  };
}

/** A currency as its ISO 4217 code ("eur" is stored as "EUR"); empty clears it. */
export function currencyCodec(): Codec<string> {
  return {
    example: 'EUR',
    parse: (text) =>
      optional(false, text, (t) => {
        const code = t.trim().toUpperCase();
        return /^[A-Z]{3}$/.test(code) ? ok(code) : fail('write the three-letter ISO 4217 code, e.g. EUR, USD or CHF');
      }),
    format: (value) => (typeof value === 'string' ? value : ''),
  };
}

/** A 24-hour clock time "HH:MM" ("8:00" is accepted and stored as "08:00"). */
export function clockCodec(): Codec<string> {
  return {
    example: '08:00',
    parse: (text) =>
      optional(true, text, (t) => {
        const match = /^(\d{1,2})[:.h](\d{2})$/.exec(t.trim());
        if (!match) return fail('write a time as HH:MM, e.g. 08:00');
        const hours = Number(match[1]);
        const minutes = Number(match[2]);
        if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return fail('a time runs from 00:00 to 24:00');
        return ok(`${String(hours).padStart(2, '0')}:${match[2]}`);
      }),
    format: (value) => (typeof value === 'string' ? value : ''),
  };
}

/** Whether two stored values are the same (numbers, strings, null/undefined alike). */
export function sameValue(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return a === b;
}

/**
 * The codec that fits a field path, for values shown outside their input (proposals, decisions, diffs):
 * the model puts units into names (`…Seconds`, `…Percent`).
 */
export function codecForPath(path: string): Codec<unknown> {
  return withBounds(codecForKey(path.split('/').pop() ?? ''), fieldBounds(path));
}

function codecForKey(key: string): Codec<unknown> {
  if (key.endsWith('Seconds')) return durationCodec() as Codec<unknown>;
  if (key.endsWith('Percent')) return percentCodec() as Codec<unknown>;
  if (key.endsWith('GbPerHour')) return throughputCodec() as Codec<unknown>;
  if (key === 'retentionDays') return retentionCodec() as Codec<unknown>;
  if (/(Days|Gb|Copies|Hours|PerHour|instances|required|level|everyDays)$/i.test(key))
    return numberCodec() as Codec<unknown>;
  return {
    example: '',
    parse: (text) => {
      if (text === 'true' || text === 'false') return ok(text === 'true');
      const number = readDecimal(text);
      return ok(number ?? text);
    },
    format: (value) =>
      value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value),
  };
}
