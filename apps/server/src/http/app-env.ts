import type { HttpBindings } from '@hono/node-server';
import type { Participant } from '../workshops/participant.repository.ts';

/** What the middleware puts on each request's context. */
export interface AppEnv {
  Bindings: HttpBindings;
  Variables: {
    /** The caller's address (the socket's, or the first X-Forwarded-For hop when TRUST_PROXY is set). */
    clientIp: string;
    /** The signed-in participant of the workshop in the path (set by `requireParticipant`). */
    participant: Participant;
  };
}
