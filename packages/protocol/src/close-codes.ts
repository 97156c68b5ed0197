/**
 * Every close code the Yjs endpoint uses, with its reason. Clients show the reason; the 4000 range is
 * application-defined (RFC 6455 §7.4.2). A code under 4500 means "do not retry as is"; 4500 and up are
 * server-side and worth a retry.
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
  tooManyParticipants: { code: 4429, reason: 'the workshop is full' },
  tooManyMessages: { code: 4420, reason: 'too many messages in a short time: reconnecting more slowly' },
  loadFailed: { code: 4500, reason: 'the workshop could not be loaded; nothing was changed, try again shortly' },
  storageUnavailable: { code: 4503, reason: 'changes cannot be saved right now; they are kept in your browser and resent on reconnect' },
  shuttingDown: { code: 4504, reason: 'the server is restarting; reconnecting' },
  slowReader: { code: 4509, reason: 'the connection does not keep up with the room; reconnecting' },
} as const;

export type CloseReason = (typeof CLOSE)[keyof typeof CLOSE];

/** Whether a client should reconnect after this close code (server-side trouble) or stop and tell the user. */
export function shouldReconnect(code: number): boolean {
  return code < 4000 || code >= 4500 || code === 4420;
}
