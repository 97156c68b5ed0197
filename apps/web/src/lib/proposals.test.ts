import { describe, expect, it } from 'vitest';
import { ballotActions, ballotOf, hiddenVotesText, readDecisions, readProposals, tally } from './proposals.ts';

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
  it('knows no votes, and offers no vote-dependent action, before the session state arrives', () => {
    const [p1] = readProposals(raw);
    if (!p1) throw new Error('proposal missing');
    expect(ballotOf(p1, null)).toBeNull();
    expect(ballotActions(p1, null)).toEqual({ vote: false, chooseBallot: false, reveal: false });
    // Once the state is there, a proposal with no ballot state yet has no votes: it may be made open or blind.
    expect(ballotActions(p1, ballotOf(p1, {}))).toEqual({ vote: true, chooseBallot: true, reveal: false });
  });
  it('offers the ballot choice only before anyone voted, and reveal only on a blind ballot with votes', () => {
    const [p1, old] = readProposals(raw);
    if (!p1 || !old) throw new Error('proposals missing');
    const cast = { proposalId: 'p1', ballot: 'blind', revealed: false, count: 2, votes: null } as const;
    expect(ballotActions(p1, cast)).toEqual({ vote: true, chooseBallot: false, reveal: true });
    expect(ballotActions(p1, { ...cast, revealed: true, votes: [] })).toEqual({
      vote: false,
      chooseBallot: false,
      reveal: false,
    });
    expect(ballotActions(old, ballotOf(old, {}))).toEqual({ vote: false, chooseBallot: false, reveal: false });
  });
  it('lists decisions newest first', () => {
    expect(readDecisions(raw).map((d) => d.id)).toEqual(['d2', 'd1']);
  });
});
