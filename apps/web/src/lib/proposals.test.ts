import { describe, expect, it } from 'vitest';
import { ballotOf, hiddenVotesText, readDecisions, readProposals, tally } from './proposals.ts';

const raw = {
  proposals: [
    { id: 'old', field: '/meta/title', value: 'X', proposedBy: 'A', status: 'rejected', votes: [] },
    {
      id: 'p1',
      field: '/functions/webmail/availability/targetPercent',
      value: 99.9,
      proposedBy: 'Field sales lead',
      ballot: 'blind',
    },
  ],
  decisions: [
    { id: 'd1', field: '/a', value: 1, decidedBy: 'F' },
    { id: 'd2', field: '/b', value: 2, decidedBy: 'F' },
  ],
};

describe('proposals', () => {
  it('lists open proposals first and defaults a missing status to open', () => {
    expect(readProposals(raw).map((p) => `${p.id}:${p.status}`)).toEqual(['p1:open', 'old:rejected']);
  });
  it('reads the ballot from the doc and takes votes only from what the server sent', () => {
    const [p1, old] = readProposals(raw);
    if (!p1 || !old) throw new Error('proposals missing');
    expect([p1.ballot, old.ballot]).toEqual(['blind', 'open']);
    expect(ballotOf(old, {})).toEqual({ proposalId: 'old', ballot: 'open', revealed: false, count: 0, votes: [] });
    const hidden = ballotOf(p1, { p1: { proposalId: 'p1', ballot: 'blind', revealed: false, count: 3, votes: null } });
    expect(tally(hidden)).toBeNull();
    expect(hiddenVotesText(hidden.count)).toBe('3 votes cast, hidden until reveal');
    expect(hiddenVotesText(1)).toBe('1 vote cast, hidden until reveal');
    const shown = ballotOf(p1, {
      p1: {
        proposalId: 'p1',
        ballot: 'blind',
        revealed: true,
        count: 2,
        votes: [
          { voter: 'A', choice: 'for' },
          { voter: 'B', choice: 'against' },
        ],
      },
    });
    expect(tally(shown)).toEqual({ for: 1, against: 1 });
  });
  it('lists decisions newest first', () => {
    expect(readDecisions(raw).map((d) => d.id)).toEqual(['d2', 'd1']);
  });
});
