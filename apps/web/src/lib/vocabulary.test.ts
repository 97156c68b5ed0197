import { describe, expect, it } from 'vitest';
import { contactSchema, protectionKindSchema, recurrenceSchema } from '@accord/core/model';
import { COMPONENT_ROLES, LIKELIHOODS, MONTH_WEEKS, PROTECTIONS, RECURRENCES, SIDES } from './vocabulary.ts';

describe('vocabulary', () => {
  it('offers the core’s values in the core’s order', () => {
    expect(PROTECTIONS.map((o) => o.value)).toEqual(protectionKindSchema.options);
    expect(SIDES.map((o) => o.value)).toEqual(contactSchema.shape.side.options);
  });

  it('offers only recurrences the core accepts, a week of the month stored as a number or "last"', () => {
    const weeks = MONTH_WEEKS.map((o) => o.stored ?? o.value);
    expect(weeks).toEqual([1, 2, 3, 4, 'last']);
    for (const week of weeks) {
      expect(recurrenceSchema.safeParse({ kind: 'monthly', week, day: 'sun', start: '02:00' }).success).toBe(true);
    }
    for (const { value: kind } of RECURRENCES) {
      expect(recurrenceSchema.safeParse({ kind, week: 'last', day: 'sun', start: '02:00' }).success).toBe(true);
    }
  });

  it('says a value that is its own word as a sentence starts', () => {
    expect(COMPONENT_ROLES.find((o) => o.value === 'load-balancer')?.label).toBe('Load balancer');
    expect(COMPONENT_ROLES.find((o) => o.value === 'dns')?.label).toBe('DNS');
    expect(LIKELIHOODS.find((o) => o.value === 'almost-certain')?.label).toBe('Almost certain');
  });
});
