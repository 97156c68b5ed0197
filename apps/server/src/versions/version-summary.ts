import type { VersionSummary } from '@accord/protocol/api';
import { sameSponsor } from './sponsor-names.ts';
import type { Approver, Signature, Sponsor, StoredVersion } from './version.repository.ts';

type PublishedVersion = Omit<StoredVersion, 'content'>;

/**
 * Where each version stands. A version published with named seats counts exactly its approvers: each seat's
 * latest decision on that number and hash, under the seat's name; approved when every one of them signed.
 * Older versions (no seats) keep the earlier rule below.
 *
 * The earlier rule: the sponsors who must sign are the sponsor participants and the sponsors the
 * version's requirements name ("Sponsors who sign"), a named sponsor counting as present when a sponsor
 * participant's name is theirs. A sponsor's latest decision on exactly that number and hash counts; a
 * version is approved when every one of them has signed it.
 */
export function summarise(
  versions: readonly PublishedVersion[],
  signatures: readonly Signature[],
  sponsors: readonly Sponsor[],
  /** Who holds each seat (seat id → participant id), so a seat's row names its participant once claimed. */
  seatHolders: ReadonlyMap<string, string> = new Map(),
): VersionSummary[] {
  const latest = versions.reduce((max, v) => Math.max(max, v.number), 0);
  return versions.map((version) => {
    if (version.approvers !== null)
      return summariseApprovers({ ...version, approvers: version.approvers }, signatures, latest, seatHolders);
    const statuses: VersionSummary['sponsors'] = sponsors.map((sponsor) => {
      const own = signatures.filter(
        (s) => s.participantId === sponsor.id && s.versionNumber === version.number && s.hash === version.hash,
      );
      const last = own[own.length - 1];
      return last
        ? {
            participantId: sponsor.id,
            name: sponsor.name,
            status: last.decision,
            at: last.at,
            ...(last.comment ? { comment: last.comment } : {}),
          }
        : { participantId: sponsor.id, name: sponsor.name, status: 'pending' as const };
    });
    version.namedSponsors.forEach((named, index) => {
      if (sponsors.some((sponsor) => sameSponsor(sponsor.name, named))) return;
      statuses.push({ participantId: `named:${index}`, name: named, status: 'pending' });
    });
    return summary(version, statuses, latest);
  });
}

function summariseApprovers(
  version: PublishedVersion & { approvers: readonly Approver[] },
  signatures: readonly Signature[],
  latest: number,
  seatHolders: ReadonlyMap<string, string>,
): VersionSummary {
  const statuses: VersionSummary['sponsors'] = version.approvers.map((approver) => {
    const own = signatures.filter(
      (s) => s.seatId === approver.seatId && s.versionNumber === version.number && s.hash === version.hash,
    );
    const last = own[own.length - 1];
    const base = {
      participantId: seatHolders.get(approver.seatId) ?? last?.participantId ?? `seat:${approver.seatId}`,
      seatId: approver.seatId,
      name: approver.name,
      ...(approver.title ? { title: approver.title } : {}),
    };
    return last
      ? { ...base, status: last.decision, at: last.at, ...(last.comment ? { comment: last.comment } : {}) }
      : { ...base, status: 'pending' as const };
  });
  return summary(version, statuses, latest);
}

/** A version with its sponsors' statuses: approved once every one of them signed. */
function summary(version: PublishedVersion, statuses: VersionSummary['sponsors'], latest: number): VersionSummary {
  return {
    number: version.number,
    hash: version.hash,
    publishedAt: version.publishedAt,
    publishedBy: version.publishedBy,
    approved: statuses.length > 0 && statuses.every((s) => s.status === 'signed'),
    superseded: version.number < latest,
    sponsors: statuses,
    findings: version.findings,
  };
}
