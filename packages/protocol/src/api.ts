import { z } from 'zod';
import { phaseSchema } from './phases.ts';
import { refuseControlCharacters } from './plain-text.ts';
import { inviteRoleSchema, roleSchema } from './roles.ts';

/**
 * The HTTP API's request and response shapes, shared by the server (which validates requests with these
 * schemas) and the web client. Every route lives under `/api`; errors are `ApiError` with a 4xx/5xx status.
 * The OpenAPI document at `/api/openapi.json` is generated from the same schemas.
 */

export const displayNameSchema = z.string().trim().min(1, 'name must not be empty').max(80, 'name must be at most 80 characters')
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'name must not contain control characters');

export const documentFormatSchema = z.enum(['html', 'pdf', 'md', 'json', 'openslo']);
export type DocumentFormat = z.infer<typeof documentFormatSchema>;

/** Every error body: a machine-readable code, a sentence for people, the field at fault when there is one. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    /** File problems of an import or a publish, each naming its path. */
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const participantViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  joinedAt: z.string(),
  revoked: z.boolean(),
});
export type ParticipantView = z.infer<typeof participantViewSchema>;

export const workshopViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  template: z.string(),
  phase: phaseSchema,
  createdAt: z.string(),
});
export type WorkshopView = z.infer<typeof workshopViewSchema>;

/** POST /api/workshops — from a template, or from an imported requirements file (YAML or JSON text). */
export const createWorkshopBodySchema = z.object({
  template: z.enum(['messaging', 'blank']).optional(),
  requirementsText: z.string().min(1, 'requirementsText must not be empty').max(2_000_000).optional(),
  facilitatorName: displayNameSchema,
}).strict().superRefine(refuseControlCharacters).refine((body) => (body.template === undefined) !== (body.requirementsText === undefined), {
  message: 'give either a template ("messaging" or "blank") or requirementsText, not both', path: ['template'],
});
export type CreateWorkshopBody = z.infer<typeof createWorkshopBodySchema>;

/** 201 of POST /api/workshops and of POST /api/join: the session cookie is set too. */
export const sessionResponseSchema = z.object({
  workshop: workshopViewSchema,
  you: participantViewSchema,
  /** The session token for API clients (`Authorization: Bearer …`); browsers use the httpOnly cookie. */
  token: z.string(),
  /** Only on creation: the facilitator's own reusable link (`/join/<secret>`), to open the room on another device. */
  facilitatorLink: z.string().optional(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** GET /api/join/:invite — what a link leads to, before joining. */
export const invitePreviewSchema = z.object({
  workshopTitle: z.string(),
  role: roleSchema,
  expiresAt: z.string().nullable(),
});
export type InvitePreview = z.infer<typeof invitePreviewSchema>;

/** POST /api/join */
export const joinBodySchema = z.object({ invite: z.string().min(1).max(200), name: displayNameSchema }).strict();

/** POST /api/workshops/:id/invites (facilitator) */
export const createInviteBodySchema = z.object({
  role: inviteRoleSchema,
  /** Hours until the link stops working; default 72, at most 30 days. */
  expiresInHours: z.number().int().min(1).max(720).default(72),
  label: z.string().trim().max(120).default(''),
}).strict().superRefine(refuseControlCharacters);

export const inviteViewSchema = z.object({
  id: z.string(),
  role: roleSchema,
  label: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revoked: z.boolean(),
  uses: z.number(),
});
export type InviteView = z.infer<typeof inviteViewSchema>;

/** 201 of POST /api/workshops/:id/invites: the link is shown once; only its hash is kept. */
export const createdInviteSchema = z.object({ invite: inviteViewSchema, link: z.string() });

export const sponsorStatusSchema = z.object({
  participantId: z.string(),
  name: z.string(),
  status: z.enum(['signed', 'rejected', 'pending']),
  at: z.string().optional(),
  comment: z.string().optional(),
});

export const versionSummarySchema = z.object({
  number: z.number().int(),
  hash: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  /** Every sponsor of the workshop has signed this hash. */
  approved: z.boolean(),
  /** A newer version exists. */
  superseded: z.boolean(),
  sponsors: z.array(sponsorStatusSchema),
  findings: z.object({ error: z.number(), warning: z.number(), info: z.number() }),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;

/** POST /api/workshops/:id/versions/:number/signatures (sponsors only) */
export const signBodySchema = z.object({
  /** The hash the sponsor read; a signature binds to it, and a mismatch is refused (409). */
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'hash must be the 64-character SHA-256 of the version'),
  decision: z.enum(['signed', 'rejected']),
  comment: z.string().trim().max(2000).default(''),
}).strict().superRefine(refuseControlCharacters).refine((body) => body.decision === 'signed' || body.comment.length > 0, {
  message: 'say why when rejecting a version', path: ['comment'],
});

/** GET /api/workshops/:id/versions/diff?from=1&to=2 — field by field. */
export const fieldChangeSchema = z.object({
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const auditEventSchema = z.object({
  id: z.number(),
  kind: z.string(),
  actorName: z.string(),
  at: z.string(),
  data: z.record(z.string(), z.unknown()),
});
