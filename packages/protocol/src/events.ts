import { z } from 'zod';
import { fieldPathSchema, proposalValueSchema } from '@accord/core/model';
import { phaseSchema } from './phases.ts';
import { roleSchema } from './roles.ts';

/** Payloads clients send over socket.io; the server parses each with these schemas before acting. */
export const clientPayloads = {
  'phase:set': z.object({ phase: phaseSchema }),
  'timer:start': z.object({ durationSeconds: z.number().int().min(10).max(4 * 3600) }),
  'timer:stop': z.object({}),
  'proposal:create': z.object({
    field: fieldPathSchema,
    value: proposalValueSchema,
    reason: z.string().max(4000).default(''),
  }),
  'proposal:vote': z.object({ proposalId: z.string().min(1).max(64), choice: z.enum(['for', 'against']) }),
  'proposal:withdraw': z.object({ proposalId: z.string().min(1).max(64) }),
  'proposal:decide': z.object({
    proposalId: z.string().min(1).max(64),
    outcome: z.enum(['accepted', 'rejected']),
    note: z.string().max(4000).default(''),
  }),
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
  endsAtMs: z.number().nullable(),
  durationSeconds: z.number(),
  startedBy: z.string().nullable(),
});
export type TimerState = z.infer<typeof timerSchema>;

export const voteViewSchema = z.object({ voter: z.string(), voterId: z.string(), choice: z.enum(['for', 'against']) });

export const proposalViewSchema = z.object({
  id: z.string(),
  field: z.string(),
  value: proposalValueSchema,
  reason: z.string(),
  proposedBy: z.string(),
  proposedById: z.string(),
  createdAt: z.string(),
  status: z.enum(['open', 'accepted', 'rejected', 'withdrawn']),
  votes: z.array(voteViewSchema),
});
export type ProposalView = z.infer<typeof proposalViewSchema>;

export const decisionViewSchema = z.object({
  id: z.string(),
  proposalId: z.string().nullable(),
  field: z.string(),
  value: proposalValueSchema,
  decidedBy: z.string(),
  decidedAt: z.string(),
  note: z.string(),
});
export type DecisionView = z.infer<typeof decisionViewSchema>;

/** The whole session state a client receives on joining (late joiners land on the current phase). */
export const sessionStateSchema = z.object({
  workshopId: z.string(),
  you: participantSchema,
  phase: phaseSchema,
  timer: timerSchema,
  roster: z.array(participantSchema),
  proposals: z.array(proposalViewSchema),
  decisions: z.array(decisionViewSchema),
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

/** Acknowledgement of every client event: what went wrong is said in words and as a code. */
export type Ack = { readonly ok: true; readonly id?: string } | { readonly ok: false; readonly code: string; readonly error: string };

/** Events the server sends. */
export interface ServerToClientEvents {
  'session:state': (state: SessionState) => void;
  roster: (roster: Participant[]) => void;
  phase: (event: { phase: SessionState['phase']; changedBy: string }) => void;
  timer: (timer: TimerState) => void;
  'proposal:updated': (proposal: ProposalView) => void;
  'decision:recorded': (decision: DecisionView) => void;
  'version:published': (event: VersionEvent) => void;
  'signature:recorded': (event: SignatureEvent) => void;
  revoked: (event: { reason: string }) => void;
}

/** Events clients send; every one is acknowledged. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: (result: Ack) => void) => void;
};
