import type { AccordError, ErrorCode } from '@accord/protocol/errors';
import type { ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { asAccordError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** The HTTP status of each refusal; the only place a code becomes a status. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, ContentfulStatusCode>> = {
  invalid_body: 400,
  invalid_json: 400,
  invalid_parameter: 400,
  invalid_payload: 400,
  invalid_handshake: 400,
  invalid_field: 400,
  empty_file: 400,
  invalid_requirements: 400,
  login_flow_unknown: 400,
  login_failed: 400,
  not_a_seat_invite: 400,
  sponsor_needs_seat: 400,
  cannot_revoke_self: 400,
  unauthenticated: 401,
  fresh_login_required: 401,
  forbidden: 403,
  login_required: 403,
  identity_mismatch: 403,
  not_an_approver: 403,
  not_found: 404,
  not_embedded: 404,
  invite_unknown: 404,
  invite_claimed: 409,
  name_taken: 409,
  seat_exists: 409,
  unchanged: 409,
  superseded: 409,
  hash_mismatch: 409,
  statement_mismatch: 409,
  no_approvers: 409,
  closed: 409,
  revealed: 409,
  not_blind: 409,
  no_vote: 409,
  votes_cast: 409,
  already_frozen: 409,
  room_frozen: 409,
  not_frozen: 409,
  invite_revoked: 410,
  invite_expired: 410,
  seat_removed: 410,
  seat_revoked: 410,
  body_too_large: 413,
  file_too_large: 413,
  document_too_large: 413,
  unsupported_media_type: 415,
  not_publishable: 422,
  document_shape: 422,
  rate_limited: 429,
  internal: 500,
};

/** The JSON body of a refusal: `{ error: { code, message, field?, problems? } }`. */
export function errorBody(error: AccordError): {
  error: { code: ErrorCode; message: string; field?: string; problems?: readonly { path: string; message: string }[] };
} {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.problems ? { problems: error.problems } : {}),
    },
  };
}

/** The API's `onError`: a refusal answers with its status and body; anything else is logged and a 500 leaking nothing. */
export function httpErrorHandler(
  logger: Pick<Logger, 'error'>,
  options: { readonly maxDocBytes?: number } = {},
): ErrorHandler {
  return (error, c) => {
    const refusal = asAccordError(error, options);
    if (refusal) return c.json(errorBody(refusal), HTTP_STATUS[refusal.code]);
    logger.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.json(
      { error: { code: 'internal', message: 'something went wrong on our side; nothing was changed' } },
      500,
    );
  };
}
