/**
 * Every close code the Yjs endpoint uses, with its reason. Clients show the reason; the 4000 range is
 * application-defined (RFC 6455 §7.4.2). The official y-websocket provider stops for good on 4400–4499 and
 * reconnects (with back-off) on everything else, so the codes follow that split: 44xx means "do not retry
 * as is", 45xx means "try again later" — server-side trouble, or a limit that lifts with time.
 */
export const CLOSE = {
  malformedMessage: { code: 4400, reason: 'malformed message: not a y-websocket sync or awareness frame' },
  unauthorized: { code: 4401, reason: 'not signed in to this workshop: open your invite link again' },
  forbidden: { code: 4403, reason: 'your role may not do this' },
  notFound: { code: 4404, reason: 'no such workshop' },
  revoked: { code: 4410, reason: 'your access to this workshop was revoked' },
  messageTooLarge: { code: 4413, reason: 'message too large' },
  /** Frames over four times the message limit are cut off by the websocket layer before they are read. */
  frameTooLarge: { code: 1009, reason: 'Max payload size exceeded' },
  documentTooLarge: { code: 4414, reason: 'workshop document too large: remove content before adding more' },
  /** An update that does not fit the workshop document (wrong value type, too deep, a key too long, a new root). */
  invalidUpdate: { code: 4422, reason: 'the update does not fit the workshop document' },
  /** The page opening the connection is on an origin the server does not serve. */
  foreignOrigin: { code: 4433, reason: "connections are accepted only from the workshop's own site" },
  loadFailed: { code: 4500, reason: 'the workshop could not be loaded; nothing was changed, try again shortly' },
  storageUnavailable: {
    code: 4503,
    reason: 'changes cannot be saved right now; they are kept in your browser and resent on reconnect',
  },
  shuttingDown: { code: 4504, reason: 'the server is restarting; reconnecting' },
  slowReader: { code: 4509, reason: 'the connection does not keep up with the room; reconnecting' },
  tooManyMessages: { code: 4529, reason: 'too many messages in a short time: reconnecting more slowly' },
  tooManyParticipants: { code: 4530, reason: 'the workshop is full: trying again shortly' },
  tooManyConnections: {
    code: 4531,
    reason: 'you have too many connections open to this workshop: close another tab; trying again shortly',
  },
} as const;

export type CloseReason = (typeof CLOSE)[keyof typeof CLOSE];

/**
 * Whether a client should reconnect after this close code (server-side trouble, or a limit that lifts with
 * time) or stop and tell the user. The same split as the official provider's default.
 */
export function shouldReconnect(code: number): boolean {
  return !(code >= 4400 && code < 4500);
}

/** A close reason with a detail, cut to the 123 bytes a websocket close frame can carry. */
export function closeWithDetail(
  close: CloseReason,
  detail: string,
): { readonly code: number; readonly reason: string } {
  const bytes = new TextEncoder();
  let reason = `${close.reason}: ${detail}`;
  while (bytes.encode(reason).byteLength > 123) reason = `${reason.slice(0, reason.length - 2)}…`;
  return { code: close.code, reason };
}
