import { describe, expect, it } from 'vitest';
import { sameSponsor } from './sponsor-names.ts';

describe('sameSponsor', () => {
  it('matches a sponsor who leaves out a title or an accent', () => {
    expect(sameSponsor('Karin Vogt', 'Dr. Karin Vogt')).toBe(true);
    expect(sameSponsor('markus brandt', 'Markus Brandt')).toBe(true);
    expect(sameSponsor('Jose Muñoz', 'José Muñoz')).toBe(true);
  });

  it('does not match a different person or an empty name', () => {
    expect(sameSponsor('Karin Weber', 'Dr. Karin Vogt')).toBe(false);
    expect(sameSponsor('Dr.', 'Dr. Karin Vogt')).toBe(false);
    expect(sameSponsor('Karin', 'Markus Brandt')).toBe(false);
  });
});
