import { valueAt, type RawRecord } from '../../lib/raw.ts';

/** A field's `value` left out: the field reads its value from the doc at its own path. */
export const FROM_PATH: unique symbol = Symbol('from-path');

/**
 * What a field shows: the value it was given, else what the doc holds at its path, else `fallback` (what the
 * core assumes when nothing is stored, such as a component's single instance).
 */
export function fieldValue(raw: RawRecord, path: string, given: unknown, fallback?: unknown): unknown {
  return given === FROM_PATH ? (valueAt(raw, path) ?? fallback) : given;
}
