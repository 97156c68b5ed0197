import type { RenderInput, SponsorStatus } from '../render/render-input.ts';
import type { DocumentIdentity, SignOffView, SponsorView } from './document-model.ts';
import { instantLabel } from './format/dates.ts';

export const DRAFT_LABEL = 'Draft — not published';

/** Version label, hash, publication line and status of the document a reader holds. */
export function buildIdentity(input: RenderInput, signOff: SignOffView): DocumentIdentity {
  const { version } = input.record;
  if (version === null) {
    return {
      draft: true,
      versionLabel: DRAFT_LABEL,
      hash: input.hash,
      published: '',
      status: `${DRAFT_LABEL}: a preview that nobody can sign.`,
    };
  }
  return {
    draft: false,
    versionLabel: `Version ${version.number}`,
    hash: input.hash,
    published: `${instantLabel(version.publishedAt)} by ${version.publishedBy}`,
    status: signOff.statusLine,
  };
}

/**
 * The sign-off block: each sponsor's position on this version hash. Without sign-off state, the workshop's
 * sponsors are listed as pending; a draft cannot be signed at all.
 */
export function buildSignOff(input: RenderInput): SignOffView {
  const { record } = input;
  const draft = record.version === null;
  const given: readonly SponsorStatus[] =
    input.signOff?.sponsors ??
    record.requirements.meta.sponsors.map((s) => ({ name: s.name, role: s.role, status: 'pending' }));
  const certifiedFile = draft ? false : input.signOff?.certified === true;
  const sponsors: SponsorView[] = given.map((s) => ({
    name: s.name,
    role: s.role ?? '',
    status: s.status,
    statusText: certifiedFile ? 'Decision on the certificate of signatures' : sponsorStatusText(s.status, s.at),
    comment: s.comment ?? '',
  }));
  const approved = !draft && (input.signOff?.approved ?? false);
  const signed = sponsors.filter((s) => s.status === 'signed').length;
  const rejected = sponsors.filter((s) => s.status === 'rejected');
  const certified = certifiedFile;
  const statusLine = draft
    ? `${DRAFT_LABEL}: publish a version to collect signatures.`
    : certified
      ? sponsors.length === 0
        ? 'Published; no approver was named to sign it.'
        : `Published for sign-off by ${sponsors.length} named ${sponsors.length === 1 ? 'approver' : 'approvers'}. Each signature is recorded on a certificate appended to this file, which names the SHA-256 of this file.`
      : approved
        ? 'Approved: every sponsor has signed this version.'
        : rejected.length > 0
          ? `Rejected by ${rejected.map((s) => s.name).join(', ')}; ${signed} of ${sponsors.length} signed.`
          : sponsors.length === 0
            ? 'Published; the workshop names no sponsor to sign it.'
            : `Published, awaiting sign-off: ${signed} of ${sponsors.length} ${sponsors.length === 1 ? 'sponsor' : 'sponsors'} signed.`;
  return {
    hash: input.hash,
    versionLabel: draft ? DRAFT_LABEL : `Version ${record.version?.number ?? ''}`,
    approved,
    state: draft
      ? 'draft'
      : certified
        ? 'awaiting'
        : approved
          ? 'approved'
          : rejected.length > 0
            ? 'rejected'
            : 'awaiting',
    statusLine,
    sponsors,
  };
}

function sponsorStatusText(status: SponsorView['status'], at: string | undefined): string {
  const when = at === undefined || at === '' ? '' : ` ${instantLabel(at)}`;
  switch (status) {
    case 'signed':
      return `Signed${when}`;
    case 'rejected':
      return `Rejected${when}`;
    case 'pending':
      return 'Pending';
    default: {
      const unknown: never = status;
      return unknown;
    }
  }
}
