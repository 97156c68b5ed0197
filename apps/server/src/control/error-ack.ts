import { AccordError, type ErrorCode } from '@accord/protocol/errors';
import type { Ack } from '@accord/protocol/events';
import { asAccordError } from '../errors.ts';

/** A refused event's acknowledgement: the only place a refusal becomes an ack. */
export function refusalAck(refusal: AccordError): Ack {
  return { ok: false, code: refusal.code, error: refusal.message };
}

/** What a failed action acknowledges: the refusal it was, or `internal` for anything else (not the client's to read). */
export function failureAck(error: unknown): { readonly ack: Ack; readonly unexpected: boolean } {
  const refusal = asAccordError(error);
  if (refusal) return { ack: refusalAck(refusal), unexpected: false };
  return {
    ack: refusalAck(new AccordError('internal', 'the server could not do this right now; nothing was changed')),
    unexpected: true,
  };
}

/**
 * A refused handshake: socket.io hands the client `message` and `data.code` as its `connect_error`. The client
 * decides on the code: a refusal (`unauthenticated`, `not_found`) stops the room and may drop its copy of the
 * workshop, so a failure of the server's own (`internal`) must not be said as one; socket.io retries it.
 */
export function handshakeRefusal(error: unknown): Error & { readonly data: { readonly code: ErrorCode } } {
  const refusal =
    error instanceof AccordError
      ? error
      : new AccordError('internal', 'the server could not check your access right now; it is being tried again');
  return Object.assign(new Error(refusal.message), { data: { code: refusal.code } });
}
