import type { VersionSummary } from '@accord/protocol/api';

type Sponsor = VersionSummary['sponsors'][number];

/** Where a published version stands with its sponsors. */
export type VersionStatus =
  | { readonly kind: 'approved' }
  | { readonly kind: 'rejected'; readonly by: readonly string[] }
  | { readonly kind: 'awaiting'; readonly signed: number; readonly total: number };

/**
 * A version's standing from its sponsors' decisions: one rejection outweighs the signatures (the version
 * needs changes), approval needs every sponsor. Sponsors named in the requirements who have not joined yet
 * are listed too (as pending, with a `named:` id) and count towards the total.
 */
export function versionStatus(version: Pick<VersionSummary, 'approved' | 'sponsors'>): VersionStatus {
  const rejectedBy = version.sponsors.filter((s) => s.status === 'rejected').map((s) => s.name);
  if (rejectedBy.length > 0) return { kind: 'rejected', by: rejectedBy };
  if (version.approved) return { kind: 'approved' };
  return {
    kind: 'awaiting',
    signed: version.sponsors.filter((s) => s.status === 'signed').length,
    total: version.sponsors.length,
  };
}

/** "Karin Vogt", "Karin Vogt and Tom Lee", "A, B and C". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The badge in the version list: "approved", "rejected by Karin Vogt", "awaiting signatures (1 of 2)". */
export function versionStatusLabel(status: VersionStatus): string {
  switch (status.kind) {
    case 'approved':
      return 'approved';
    case 'rejected':
      return `rejected by ${listNames(status.by)}`;
    case 'awaiting':
      return status.total === 0 ? 'awaiting a sponsor' : `awaiting signatures (${status.signed} of ${status.total})`;
    default:
      return assertNever(status);
  }
}

/** One sentence on the signatures so far, for the version's detail. */
export function signaturesSentence(status: VersionStatus, sponsors: readonly Sponsor[]): string {
  const total = sponsors.length;
  const signed = sponsors.filter((s) => s.status === 'signed').length;
  if (total === 0) return 'No sponsor is named in the requirements or has joined yet.';
  const count = `${signed} of ${total} ${total === 1 ? 'sponsor has' : 'sponsors have'} signed`;
  switch (status.kind) {
    case 'approved':
      return `Approved: ${total === 1 ? 'the sponsor has' : `all ${total} sponsors have`} signed.`;
    case 'rejected':
      return `Rejected by ${listNames(status.by)}; ${count}.`;
    case 'awaiting':
      return `Awaiting signatures: ${count}.`;
    default:
      return assertNever(status);
  }
}

/** A sponsor the requirements name who has not joined the workshop (so cannot sign yet). */
export function notJoined(sponsor: Pick<Sponsor, 'participantId'>): boolean {
  // Named in the requirements (older versions) or a sponsor seat whose personal invite nobody claimed yet.
  return sponsor.participantId.startsWith('named:') || sponsor.participantId.startsWith('seat:');
}

function assertNever(value: never): never {
  throw new Error(`unexpected version status ${JSON.stringify(value)}`);
}
