import { describe, expect, it } from 'vitest';
import { requirementsSchema } from '../model/index.ts';
import { TEMPLATES } from '../templates/index.ts';
import { deriveSla } from './derive-sla.ts';
import { shortestRealMonth } from './month-budgets.ts';

describe('shortestRealMonth', () => {
  it("finds February for a 24×7 commitment: 28 days at 99.9 % allow 40m 19s, not the mean month's 43m 50s", () => {
    const month = shortestRealMonth('24x7', [], 99.9, '2027-01-01', 'Europe/Berlin');
    expect(month?.month).toBe('2027-02');
    expect(month?.allowedSeconds).toBeCloseTo(0.001 * 28 * 86_400, 6);
  });

  it('looks twelve months ahead from the validity start: February 2028 has 29 days', () => {
    const month = shortestRealMonth('24x7', [], 99.9, '2027-03-01', 'Europe/Berlin');
    expect(month?.month).toBe('2028-02');
    expect(month?.measuredSeconds).toBe(29 * 86_400);
  });
});

describe('the messaging template', () => {
  it('shows the shortest real month beside the mean one: May 2027 in Hesse has 18 working days', () => {
    const derivation = deriveSla(requirementsSchema.parse(TEMPLATES.find((t) => t.id === 'messaging')?.requirements));
    const target = derivation.functions.find((f) => f.id === 'mailbox-access')?.target;
    // Ascension, Whit Monday and Corpus Christi fall in May 2027; 1 May is a Saturday.
    expect(target?.shortestMonth).toMatchObject({
      month: '2027-05',
      measuredSeconds: 18 * 12 * 3600,
      human: '12m 58s',
    });
    expect(target?.budgets.month.human).toBe('15m 10s');
  });
});
