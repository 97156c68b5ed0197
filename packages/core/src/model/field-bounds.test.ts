import { describe, expect, it } from 'vitest';
import { fieldBounds } from './field-bounds.ts';
import { requirementsSchema } from './requirements.schema.ts';

describe('fieldBounds', () => {
  it('reads a text field’s length limit from the schema', () => {
    expect(fieldBounds('/meta/title')).toEqual({ minLength: 1, maxLength: 200 });
    expect(fieldBounds('/meta/provider/name')).toEqual({ maxLength: 200 });
  });

  it('steps into list rows by id or index', () => {
    expect(fieldBounds('/functions/mail-flow/name')?.maxLength).toBe(200);
    expect(fieldBounds('/agreement/outOfScope/3')?.maxLength).toBe(1000);
  });

  it('reads a number’s range, whether its ends are allowed, and whole numbers', () => {
    expect(fieldBounds('/support/escalation/e1/level')).toEqual({
      integer: true,
      min: 1,
      exclusiveMin: false,
      max: 9,
      exclusiveMax: false,
    });
    expect(fieldBounds('/functions/mail/availability/targetPercent')).toEqual({
      min: 0,
      exclusiveMin: true,
      max: 100,
      exclusiveMax: true,
    });
  });

  it('finds no bounds for a path that names no field', () => {
    expect(fieldBounds('/functions/mail/noSuchField')).toBeUndefined();
    expect(fieldBounds('/nothing')).toBeUndefined();
  });

  it('agrees with what the schema refuses', () => {
    const maxLength = fieldBounds('/meta/title')?.maxLength ?? 0;
    const withTitle = (title: string) =>
      requirementsSchema.safeParse({ formatVersion: 1, meta: { title, service: 'Mail', timeZone: 'UTC' } }).success;
    expect(withTitle('x'.repeat(maxLength))).toBe(true);
    expect(withTitle('x'.repeat(maxLength + 1))).toBe(false);
  });
});
