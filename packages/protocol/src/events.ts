import { z } from 'zod';
import { fieldPathSchema, proposalValueSchema } from '@accord/core/model';
import { phaseSchema } from './phases.ts';
import { refuseControlCharacters } from './plain-text.ts';
import { roleSchema } from './roles.ts';

const proposalIdSchema = z.string().min(1).max(64);

/** How a proposal is voted on: `open` shows votes live; `blind` shows nobody anyone else's vote before the reveal. */
export const ballotModeSchema = z.enum(['open', 'blind']);
export type BallotMode = z.infer<typeof ballotModeSchema>;

/**
 * The socket.io control plane. Clients connect with `auth: { workshopId }` (the browser's session cookie
 * goes along) or `auth: { workshopId, token }`. Proposals and decisions are written by the server into the
 * workshop's Yjs document (every client sees them there, live; no client may write them); votes are never in
 * the document: the server records them and sends each client what it may see (`proposal:votes`,
 * `proposal:your-vote`). Everything changes only through these events, each checked against the role
 * (sponsors may propose and vote; only the facilitator chooses the ballot, reveals and decides).
 */
/** A countdown's length in whole seconds, as the server runs it (the room's countdown form reads its bounds). */
export const countdownSecondsSchema = z
  .number()
  .int()
  .min(10)
  .max(4 * 3600);

export const clientPayloads = {
  'phase:set': z.object({ phase: phaseSchema }).strict(),
  'timer:start': z.object({ durationSeconds: countdownSecondsSchema }).strict(),
  'timer:stop': z.object({}).strict(),
  'proposal:create': z
    .object({
      field: fieldPathSchema,
      value: proposalValueSchema,
      reason: z.string().max(4000).default(''),
      /** Only the facilitator chooses; without it the proposal is voted on openly. */
      ballot: ballotModeSchema.optional(),
    })
    .strict()
    .superRefine(refuseControlCharacters),
  /**
   * Votes as the sender, never as anyone else (the server takes the voter from the session). Voting again
   * replaces one's vote; `choice: null` takes it back.
   */
  'proposal:vote': z.object({ proposalId: proposalIdSchema, choice: z.enum(['for', 'against']).nullable() }).strict(),
  'proposal:withdraw': z.object({ proposalId: proposalIdSchema }).strict(),
  /** The facilitator switches a proposal between open and blind voting, before anyone has voted. */
  'proposal:ballot': z.object({ proposalId: proposalIdSchema, ballot: ballotModeSchema }).strict(),
  /** The facilitator shows everyone the votes of a blind ballot (deciding reveals them too). */
  'proposal:reveal': z.object({ proposalId: proposalIdSchema }).strict(),
  /** Accepting applies the value to the field, records a decision and rejects the field's other open proposals. */
  'proposal:decide': z
    .object({
      proposalId: proposalIdSchema,
      outcome: z.enum(['accepted', 'rejected']),
      note: z.string().max(4000).default(''),
    })
    .strict()
    .superRefine(refuseControlCharacters),
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

export const voteSchema = z.object({ voter: z.string(), choice: z.enum(['for', 'against']) });

/**
 * What everyone may see of a proposal's votes: how many were cast, and who voted which way unless the ballot
 * is blind and not yet revealed (then `votes` is null and nobody, the facilitator included, receives them).
 */
export const ballotStateSchema = z.object({
  proposalId: z.string(),
  ballot: ballotModeSchema,
  revealed: z.boolean(),
  count: z.number().int().min(0),
  votes: z.array(voteSchema).nullable(),
});
export type BallotState = z.infer<typeof ballotStateSchema>;

/** The receiver's own vote on a proposal (sent only to that participant's connections). */
export const yourVoteSchema = z.object({ proposalId: z.string(), choice: z.enum(['for', 'against']).nullable() });
export type YourVote = z.infer<typeof yourVoteSchema>;

/** What a client receives on connecting (late joiners land on the current phase and timer). */
export const sessionStateSchema = z.object({
  workshopId: z.string(),
  you: participantSchema,
  phase: phaseSchema,
  timer: timerSchema,
  roster: z.array(participantSchema),
  /** The server's clock when sending, so clients can correct the countdown for their own clock's skew. */
  serverNowMs: z.number(),
  /** Every proposal with a ballot chosen or votes cast, as this participant may see it. */
  ballots: z.array(ballotStateSchema),
  /** This participant's own votes. */
  yourVotes: z.array(yourVoteSchema),
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

/**
 * The facilitator froze the room for signing (every Yjs connection read-only, updates refused) or unfroze it.
 * `by` and `at` (ISO 8601) name who changed it and when; a state refresh that finds the room unfrozen sends
 * `{ frozen: false, by: null, at: null }`. Sent to every connection of the workshop on every node.
 */
export interface RoomFrozenEvent {
  readonly frozen: boolean;
  readonly by: string | null;
  readonly at: string | null;
}

/**
 * The workshop's control state as PostgreSQL holds it, sent when a node may have missed events (its Redis
 * connection was lost and came back): clients replace what they know with it. `session:state` is sent again
 * at the same time (phase, timer, roster, ballots, own votes).
 */
export interface StateRefresh {
  readonly workshopId: string;
  readonly phase: SessionState['phase'];
  readonly timer: TimerState;
  readonly serverNowMs: number;
  readonly frozen: { readonly at: string; readonly by: string } | null;
  /** Every published version, oldest first. */
  readonly versions: readonly {
    readonly number: number;
    readonly hash: string;
    readonly publishedBy: string;
    readonly publishedAt: string;
  }[];
  /** Every signature or rejection, oldest first. */
  readonly signatures: readonly {
    readonly versionNumber: number;
    readonly hash: string;
    readonly sponsor: string;
    readonly decision: 'signed' | 'rejected';
    readonly at: string;
  }[];
  /** The latest decisions on proposals (at most 500), oldest first. */
  readonly decisions: readonly DecisionEvent[];
}

/** Acknowledgement of every client event: what went wrong is said in words and as a code. */
export type Ack =
  { readonly ok: true; readonly id?: string } | { readonly ok: false; readonly code: string; readonly error: string };

/** Events the server sends. */
export interface ServerToClientEvents {
  'session:state': (state: SessionState) => void;
  roster: (roster: Participant[]) => void;
  phase: (event: { phase: SessionState['phase']; changedBy: string }) => void;
  timer: (timer: TimerState & { serverNowMs: number }) => void;
  'decision:recorded': (event: DecisionEvent) => void;
  /** A proposal's votes changed (cast, taken back, revealed) or its ballot was chosen. */
  'proposal:votes': (event: BallotState) => void;
  /** Your own vote, as recorded (to each of your connections only). */
  'proposal:your-vote': (event: YourVote) => void;
  'version:published': (event: VersionEvent) => void;
  'signature:recorded': (event: SignatureEvent) => void;
  /** The room was frozen or unfrozen for signing (see `RoomFrozenEvent`). */
  'room:frozen': (event: RoomFrozenEvent) => void;
  /** Authoritative control state after a node's Redis outage (see `StateRefresh`). */
  'state:refresh': (event: StateRefresh) => void;
  /** Sent just before the server disconnects a revoked participant. */
  revoked: (event: { reason: string }) => void;
}

/** Events clients send; every one is acknowledged. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: (result: Ack) => void) => void;
};
