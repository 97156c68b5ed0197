import type { SignatureEvidence } from '@accord/protocol/api';

/** Who is signing, as the version's approver list names them. */
export interface StatementSigner {
  readonly name: string;
  readonly title: string;
}

/**
 * The exact sentence a signature agrees to: who, which version of which SLA, and both hashes. The server
 * builds it, shows it before signing and keeps it word for word with the signature.
 */
export function signingStatement(
  decision: 'signed' | 'rejected',
  signer: StatementSigner,
  version: { title: string; number: number; hash: string; pdfSha256: string },
): string {
  const who = signer.title ? `${signer.name}, ${signer.title}` : signer.name;
  const what = `version ${version.number} of "${version.title}" (SHA-256 of its JSON ${version.hash}; SHA-256 of its PDF ${version.pdfSha256})`;
  return decision === 'signed'
    ? `I, ${who}, approve ${what} as the service level agreement, as published and without later changes.`
    : `I, ${who}, reject ${what}, for the reason I give in my comment.`;
}

/** A signature's identity in words, for the certificate page and the verify page. */
export function identityText(identity: SignatureEvidence['identity']): string {
  if (identity.method === 'single-sign-on') {
    const login = identity.authTime ? `, logged in ${identity.authTime}` : '';
    return `single sign-on: issuer ${identity.issuer ?? '?'}, subject ${identity.subject ?? '?'}, e-mail ${identity.email ?? '?'}${login}`;
  }
  return 'holder of the personal invite link (no single sign-on is configured: the link is the identity)';
}
