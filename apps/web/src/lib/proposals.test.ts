import { describe, expect, it } from 'vitest';
import { readDecisions, readProposals, tally, voteOf } from './proposals.ts';

const raw = {
  proposals: [
    { id: 'old', field: '/meta/title', value: 'X', proposedBy: 'A', status: 'rejected', votes: [] },
    {
      id: 'p1', field: '/functions/webmail/availability/targetPercent', value: 99.9, proposedBy: 'Field sales lead',
      votes: [{ voter: 'Markus', choice: 'for' }, { voter: 'p-42', choice: 'against' }, { voter: 'x', choice: 'maybe' }],
    },
  ],
  decisions: [{ id: 'd1', field: '/a', value: 1, decidedBy: 'F' }, { id: 'd2', field: '/b', value: 2, decidedBy: 'F' }],
};

describe('proposals', () => {
  it('lists open proposals first and defaults a missing status to open', () => {
    expect(readProposals(raw).map((p) => `${p.id}:${p.status}`)).toEqual(['p1:open', 'old:rejected']);
  });
  it('counts valid votes only and finds a participant’s vote by id or name', () => {
    const [p1] = readProposals(raw);
    expect(p1 && tally(p1)).toEqual({ for: 1, against: 1 });
    expect(p1 && voteOf(p1, { id: 'p-42', name: 'Jonas' })).toBe('against');
    expect(p1 && voteOf(p1, { id: 'p-7', name: 'Markus' })).toBe('for');
    expect(p1 && voteOf(p1, { id: 'p-8', name: 'Anna' })).toBeNull();
  });
  it('lists decisions newest first', () => {
    expect(readDecisions(raw).map((d) => d.id)).toEqual(['d2', 'd1']);
  });
});
