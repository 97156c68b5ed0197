import { describe, expect, it } from 'vitest';
import { initials, othersEditing, personColour, personColours } from './people.ts';

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

describe('othersEditing', () => {
  it('names the others in the field at the path, not this browser, nor those in a field below or beside it', () => {
    const presence = [
      { clientId: 1, name: 'Me', editing: '/meta/exclusions' },
      { clientId: 2, name: 'Kim', editing: '/meta/exclusions' },
      { clientId: 3, name: 'Ola', editing: '/meta/exclusions/0' },
      { clientId: 4, name: 'Jo', editing: null },
      { clientId: 5, name: 'Pat', editing: '/meta/title' },
    ];
    expect(othersEditing(presence, '/meta/exclusions', 1).map((p) => p.name)).toEqual(['Kim']);
    expect(othersEditing(presence, '/meta/title', 5)).toEqual([]);
  });
});
