import { describe, expect, it } from 'vitest';
import { initials, personColour, personColours } from './people.ts';

describe('personColours', () => {
  it('gives each of up to eight people on the roster their own colour', () => {
    const ids = ['p3k9', 'a81x', 'zz02', 'm4q7', 'b0b0', 'c1c1', 'd2d2', 'e3e3'];
    const colours = personColours(ids);
    expect(new Set(colours.values()).size).toBe(8);
  });

  it('gives the same colours on every screen, whatever order the roster arrived in', () => {
    const ids = ['p3k9', 'a81x', 'zz02', 'm4q7'];
    expect([...personColours(ids)].sort()).toEqual([...personColours([...ids].reverse())].sort());
  });

  it('starts from the colour of the id alone, so one person keeps theirs before anyone else joins', () => {
    expect(personColours(['p3k9']).get('p3k9')).toBe(personColour('p3k9'));
  });

  it('still colours a ninth person', () => {
    const ids = Array.from({ length: 9 }, (_, i) => `id-${i}`);
    expect(personColours(ids).size).toBe(9);
  });
});

describe('initials', () => {
  it('takes the first and last name', () => {
    expect(initials('Dr. Karin Vogt')).toBe('DV');
    expect(initials('  ')).toBe('?');
  });
});
