import { z } from 'zod';
import { idSchema } from './common.schema.ts';

/**
 * A field path names one field of the requirements by ids, never by array index, so it stays valid while
 * others insert or reorder: `/functions/mailbox/availability/targetPercent`,
 * `/functions/mailbox/recovery/site-loss/rtoSeconds`, `/support/severities/sev1/responseSeconds`.
 */
export const fieldPathSchema = z
  .string()
  .regex(/^(\/[A-Za-z0-9_-]+)+$/, 'must be a field path like "/functions/mailbox/availability/targetPercent"')
  .max(300);
export type FieldPath = z.infer<typeof fieldPathSchema>;

/** JSON values a proposal may carry for a field. */
export const proposalValueSchema = z.union([z.string().max(4000), z.number(), z.boolean(), z.null()]);
export type ProposalValue = z.infer<typeof proposalValueSchema>;

export const voteSchema = z.object({
  voter: z.string().min(1).max(200),
  choice: z.enum(['for', 'against']),
});
export type Vote = z.infer<typeof voteSchema>;

/**
 * How a proposal is voted on, chosen by the facilitator: `open` shows every vote to everyone as it is cast;
 * `blind` shows nobody (the facilitator included) anyone else's vote until the facilitator reveals them.
 */
export const ballotSchema = z.enum(['open', 'blind']);
export type Ballot = z.infer<typeof ballotSchema>;

export const proposalSchema = z.object({
  id: idSchema,
  field: fieldPathSchema,
  value: proposalValueSchema,
  reason: z.string().max(4000).default(''),
  proposedBy: z.string().min(1).max(200),
  createdAt: z.string().max(40).default(''),
  status: z.enum(['open', 'accepted', 'rejected', 'withdrawn']).default('open'),
  ballot: ballotSchema.default('open'),
  /** A blind ballot's votes have been revealed (by the facilitator, or by deciding). */
  revealed: z.boolean().default(false),
  /**
   * The votes the server recorded. They are never kept in the shared document (a blind ballot could not stay
   * blind there): the server fills them in when it publishes a version, from its own record.
   */
  votes: z.array(voteSchema).max(200).default([]),
  /** How many votes a blind ballot not yet revealed had when the version was published; its votes stay out. */
  votesCast: z.number().int().min(0).optional(),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const decisionSchema = z.object({
  id: idSchema,
  field: fieldPathSchema,
  value: proposalValueSchema,
  proposalId: idSchema.optional(),
  decidedBy: z.string().min(1).max(200),
  decidedAt: z.string().max(40).default(''),
  note: z.string().max(4000).default(''),
});
export type Decision = z.infer<typeof decisionSchema>;

export const attendeeSchema = z.object({
  name: z.string().min(1).max(200),
  role: z.enum(['facilitator', 'stakeholder', 'sponsor', 'observer']),
  organisation: z.string().max(200).default(''),
});
export type Attendee = z.infer<typeof attendeeSchema>;
