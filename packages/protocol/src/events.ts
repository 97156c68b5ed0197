import { z } from 'zod';
import { fieldPathSchema, proposalValueSchema } from '@accord/core/model';
import { phaseSchema } from './phases.ts';
import { refuseControlCharacters } from './plain-text.ts';
import { roleSchema } from './roles.ts';

/**
 * The socket.io control plane. Clients connect with `auth: { workshopId }` (the browser's session cookie
 * goes along) or `auth: { workshopId, token }`. Proposals, votes and decisions live in the workshop's Yjs
 * document — every client sees them there, live — but they change only through these events, so the server
 * checks each role (sponsors may propose and vote; only the facilitator decides).
 */
export const clientPayloads = {
  'phase:set': z.object({ phase: phaseSchema }).strict(),
  'timer:start': z.object({ durationSeconds: z.number().int().min(10).max(4 * 3600) }).strict(),
  'timer:stop': z.object({}).strict(),
  'proposal:create': z.object({
    field: fieldPathSchema,
    value: proposalValueSchema,
    reason: z.string().max(4000).default(''),
  }).strict().superRefine(refuseControlCharacters),
  /** `choice: null` takes one's vote back. */
  'proposal:vote': z.object({ proposalId: z.string().min(1).max(64), choice: z.enum(['for', 'against']).nullable() }).strict(),
  'proposal:withdraw': z.object({ proposalId: z.string().min(1).max(64) }).strict(),
  /** Accepting applies the value to the field, records a decision and rejects the field's other open proposals. */
  'proposal:decide': z.object({
    proposalId: z.string().min(1).max(64),
    outcome: z.enum(['accepted', 'rejected']),
    note: z.string().max(4000).default(''),
  }).strict().superRefine(refuseControlCharacters),
} as const;
export type ClientEventName = keyof typeof clientPayloads;
export type ClientPayload<E extends ClientEventName> = z.input<(typeof clientPayloads)[E]>;

export const participantSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  online: z.boolean(),
});
export type Participant = z.infer<typeof participantSchema>;

export const timerSchema = z.object({
  /** Epoch milliseconds when the countdown ends; null when no countdown runs. */
  endsAtMs: z.number().nullable(),
  durationSeconds: z.number(),
  startedBy: z.string().nullable(),
});
export type TimerState = z.infer<typeof timerSchema>;

/** What a client receives on connecting (late joiners land on the current phase and timer). */
export const sessionStateSchema = z.object({
  workshopId: z.string(),
  you: participantSchema,
  phase: phaseSchema,
  timer: timerSchema,
  roster: z.array(participantSchema),
  /** The server's clock when sending, so clients can correct the countdown for their own clock's skew. */
  serverNowMs: z.number(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export interface VersionEvent {
  readonly number: number;
  readonly hash: string;
  readonly publishedBy: string;
}

export interface SignatureEvent {
  readonly versionNumber: number;
  readonly hash: string;
  readonly sponsor: string;
  readonly decision: 'signed' | 'rejected';
  readonly approved: boolean;
}

export interface DecisionEvent {
  readonly proposalId: string;
  readonly field: string;
  readonly outcome: 'accepted' | 'rejected';
  readonly decidedBy: string;
}

/** Acknowledgement of every client event: what went wrong is said in words and as a code. */
export type Ack = { readonly ok: true; readonly id?: string } | { readonly ok: false; readonly code: string; readonly error: string };

/** Events the server sends. */
export interface ServerToClientEvents {
  'session:state': (state: SessionState) => void;
  roster: (roster: Participant[]) => void;
  phase: (event: { phase: SessionState['phase']; changedBy: string }) => void;
  timer: (timer: TimerState & { serverNowMs: number }) => void;
  'decision:recorded': (event: DecisionEvent) => void;
  'version:published': (event: VersionEvent) => void;
  'signature:recorded': (event: SignatureEvent) => void;
  /** Sent just before the server disconnects a revoked participant. */
  revoked: (event: { reason: string }) => void;
}

/** Events clients send; every one is acknowledged. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: (result: Ack) => void) => void;
};
