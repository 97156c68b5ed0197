/**
 * Every refusal Accord gives, whatever door it came through: an HTTP answer (`{ error: { code, message } }`)
 * or a socket acknowledgement (`{ ok: false, code, error }`). Services throw `AccordError`; each transport
 * maps the code once (the server's HTTP status table and its socket ack), so a service never knows which
 * transport asked.
 */
export const errorCodes = [
  // The request itself
  'invalid_body',
  'invalid_json',
  'invalid_parameter',
  'invalid_payload',
  'invalid_handshake',
  'invalid_field',
  'unsupported_media_type',
  'body_too_large',
  'empty_file',
  'file_too_large',
  'rate_limited',
  // Who is asking
  'unauthenticated',
  'forbidden',
  'login_required',
  'fresh_login_required',
  'identity_mismatch',
  'not_an_approver',
  'login_flow_unknown',
  'login_failed',
  // What it names
  'not_found',
  'not_embedded',
  // Invites and seats
  'invite_unknown',
  'invite_claimed',
  'invite_revoked',
  'invite_expired',
  'not_a_seat_invite',
  'sponsor_needs_seat',
  'seat_exists',
  'seat_removed',
  'seat_revoked',
  'name_taken',
  'cannot_revoke_self',
  // Requirements and versions
  'invalid_requirements',
  'not_publishable',
  'unchanged',
  'superseded',
  'hash_mismatch',
  'statement_mismatch',
  'no_approvers',
  // Proposals and votes
  'closed',
  'revealed',
  'not_blind',
  'no_vote',
  'votes_cast',
  // The room
  'already_frozen',
  'room_frozen',
  'not_frozen',
  'document_shape',
  'document_too_large',
  // Nothing the asker did
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One problem of a requirements file, naming its path (`meta.title`, or '' for the whole file). */
export interface FileProblem {
  readonly path: string;
  readonly message: string;
}

/** A refusal: a code for programs, a sentence for people that says what was wrong and how to fix it. */
export class AccordError extends Error {
  override readonly name = 'AccordError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The request field at fault, e.g. `name` or `body.role`. */
    readonly field?: string,
    /** Problems of a requirements file, each naming its path. */
    readonly problems?: readonly FileProblem[],
  ) {
    super(message);
  }
}
