import { describe, expect, it } from 'vitest';
import { listNames, notJoined, signaturesSentence, versionStatus, versionStatusLabel } from './version-status.ts';

const karin = { participantId: 'p1', name: 'Karin Vogt' };
const tom = { participantId: 'named:Tom Lee', name: 'Tom Lee' };

describe('versionStatus', () => {
  it('says who rejected a version, not that it awaits signatures (the version the tester saw)', () => {
    const version = {
      approved: false,
      sponsors: [{ ...karin, status: 'rejected' as const, comment: 'budget it first' }],
    };
    const status = versionStatus(version);
    expect(status).toEqual({ kind: 'rejected', by: ['Karin Vogt'] });
    expect(versionStatusLabel(status)).toBe('rejected by Karin Vogt');
    expect(signaturesSentence(status, version.sponsors)).toBe('Rejected by Karin Vogt; 0 of 1 sponsor has signed.');
  });

  it('counts named sponsors who have not joined towards the signatures still needed', () => {
    const version = {
      approved: false,
      sponsors: [
        { ...karin, status: 'signed' as const },
        { ...tom, status: 'pending' as const },
      ],
    };
    const status = versionStatus(version);
    expect(versionStatusLabel(status)).toBe('awaiting signatures (1 of 2)');
    expect(signaturesSentence(status, version.sponsors)).toBe('Awaiting signatures: 1 of 2 sponsors have signed.');
    expect(version.sponsors.map(notJoined)).toEqual([false, true]);
  });

  it('is approved when the server says every sponsor signed', () => {
    const version = { approved: true, sponsors: [{ ...karin, status: 'signed' as const }] };
    expect(versionStatusLabel(versionStatus(version))).toBe('approved');
    expect(signaturesSentence(versionStatus(version), version.sponsors)).toBe('Approved: the sponsor has signed.');
  });

  it('awaits a sponsor when there is none yet', () => {
    const status = versionStatus({ approved: false, sponsors: [] });
    expect(versionStatusLabel(status)).toBe('awaiting a sponsor');
    expect(signaturesSentence(status, [])).toBe('No sponsor is named in the requirements or has joined yet.');
  });
});

describe('listNames', () => {
  it('joins names as a sentence does', () => {
    expect(listNames(['A'])).toBe('A');
    expect(listNames(['A', 'B'])).toBe('A and B');
    expect(listNames(['A', 'B', 'C'])).toBe('A, B and C');
  });
});
