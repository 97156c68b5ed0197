import { z } from 'zod';
import { phaseSchema } from './phases.ts';
import { refuseControlCharacters } from './plain-text.ts';
import { inviteRoleSchema, roleSchema } from './roles.ts';

/**
 * The HTTP API's request and response shapes, shared by the server (which validates requests with these
 * schemas) and the web client. Every route lives under `/api`; errors are `ApiError` with a 4xx/5xx status.
 * The OpenAPI document at `/api/openapi.json` is generated from the same schemas.
 */

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(80, 'name must be at most 80 characters')
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'name must not contain control characters');

/** The documents of a version and its operational exports (Sloth, Prometheus rules, Datadog, Zabbix, iCalendar). */
export const documentFormatSchema = z.enum([
  'html',
  'pdf',
  'md',
  'json',
  'openslo',
  'sloth',
  'prometheus',
  'datadog',
  'zabbix',
  'ics',
]);
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

/** A requirements file (YAML or JSON text), as creating a workshop and importing over one take it. */
export const requirementsTextSchema = z.string().min(1, 'requirementsText must not be empty').max(2_000_000);

/** POST /api/workshops — from a template, or from an imported requirements file (YAML or JSON text). */
export const createWorkshopBodySchema = z
  .object({
    template: z.enum(['messaging', 'blank']).optional(),
    requirementsText: requirementsTextSchema.optional(),
    facilitatorName: displayNameSchema,
  })
  .strict()
  .superRefine(refuseControlCharacters)
  .refine((body) => (body.template === undefined) !== (body.requirementsText === undefined), {
    message: 'give either a template ("messaging" or "blank") or requirementsText, not both',
    path: ['template'],
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
  /** A sponsor seat's personal invite: who it is for, as the facilitator wrote it (the name cannot be changed). */
  seat: z.object({ name: z.string(), title: z.string(), device: z.boolean(), loginRequired: z.boolean() }).optional(),
});
export type InvitePreview = z.infer<typeof invitePreviewSchema>;

/** POST /api/join */
export const joinBodySchema = z.object({ invite: z.string().min(1).max(200), name: displayNameSchema }).strict();

/** POST /api/workshops/:id/invites (facilitator) */
export const createInviteBodySchema = z
  .object({
    role: inviteRoleSchema,
    /** Hours until the link stops working; default 72, at most 30 days. */
    expiresInHours: z.number().int().min(1).max(720).default(72),
    label: z.string().trim().max(120).default(''),
  })
  .strict()
  .superRefine(refuseControlCharacters);

export const inviteViewSchema = z.object({
  id: z.string(),
  role: roleSchema,
  label: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revoked: z.boolean(),
  uses: z.number(),
  /** The sponsor seat a personal invite is for; null for a role link. */
  seatId: z.string().nullable().optional(),
  /** A personal invite is claimed once. */
  claimed: z.boolean().optional(),
});
export type InviteView = z.infer<typeof inviteViewSchema>;

/** 201 of POST /api/workshops/:id/invites: the link is shown once; only its hash is kept. */
export const createdInviteSchema = z.object({ invite: inviteViewSchema, link: z.string() });

export const sponsorStatusSchema = z.object({
  participantId: z.string(),
  /** The seat of a named approver (versions published before seats have none). */
  seatId: z.string().optional(),
  name: z.string(),
  /** The seat's title, as the facilitator wrote it ("CIO"). */
  title: z.string().optional(),
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
export const signBodySchema = z
  .object({
    /** The hash the sponsor read; a signature binds to it, and a mismatch is refused (409). */
    hash: z.string().regex(/^[0-9a-f]{64}$/, 'hash must be the 64-character SHA-256 of the version'),
    decision: z.enum(['signed', 'rejected']),
    comment: z.string().trim().max(2000).default(''),
    /** The statement the signer was shown (GET …/signing-statement); when given it must be the server's, word for word. */
    statement: z.string().max(2000).optional(),
  })
  .strict()
  .superRefine(refuseControlCharacters)
  .refine((body) => body.decision === 'signed' || body.comment.length > 0, {
    message: 'say why when rejecting a version',
    path: ['comment'],
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
  prevHash: z.string(),
  hash: z.string(),
});

/** POST /api/workshops/:id/seats (facilitator): a sponsor who must sign, named as they should appear everywhere. */
export const createSeatBodySchema = z
  .object({
    name: displayNameSchema,
    email: z
      .string()
      .trim()
      .max(254)
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'email must be an e-mail address, e.g. karin.vogt@example.com'),
    title: z.string().trim().max(120).default(''),
    /** Hours until the personal invite stops working; default 7 days, at most 30. */
    expiresInHours: z.number().int().min(1).max(720).default(168),
  })
  .strict();
export type CreateSeatBody = z.input<typeof createSeatBodySchema>;

export const seatViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  title: z.string(),
  /** Someone joined by the seat's personal invite. */
  claimed: z.boolean(),
  /** The seat is bound to a single sign-on identity. */
  boundToLogin: z.boolean(),
  removed: z.boolean(),
});
export type SeatView = z.infer<typeof seatViewSchema>;

/** 201 of POST …/seats and of POST …/seats/:seatId/links: a one-time personal link, shown once. */
export const seatLinkSchema = z.object({ seat: seatViewSchema, link: z.string(), device: z.boolean() });
export type SeatLink = z.infer<typeof seatLinkSchema>;

/** GET …/versions/:number/signing-statement (approvers): the exact sentence a signature agrees to. */
export const signingStatementSchema = z.object({
  statement: z.string(),
  rejectStatement: z.string(),
  hash: z.string(),
  pdfSha256: z.string(),
  /** How the signer is identified: by a fresh single sign-on login, or by holding the personal invite link. */
  identification: z.enum(['single-sign-on', 'invite-link']),
});
export type SigningStatement = z.infer<typeof signingStatementSchema>;

/** The evidence kept with a signature. */
export const signatureEvidenceSchema = z.object({
  versionNumber: z.number(),
  decision: z.enum(['signed', 'rejected']),
  name: z.string(),
  title: z.string(),
  email: z.string(),
  at: z.string(),
  statement: z.string(),
  comment: z.string(),
  hash: z.string(),
  pdfSha256: z.string(),
  ip: z.string(),
  userAgent: z.string(),
  identity: z.object({
    method: z.enum(['single-sign-on', 'invite-link']),
    issuer: z.string().optional(),
    subject: z.string().optional(),
    email: z.string().optional(),
    authTime: z.string().optional(),
  }),
});
export type SignatureEvidence = z.infer<typeof signatureEvidenceSchema>;

/** POST /api/workshops/:id/verify (anyone in the workshop): what an uploaded PDF or JSON file is. */
export const verifyResultSchema = z.object({
  /** `unchanged`: the bytes are those of a version (a PDF may carry a certificate appended after them). */
  verdict: z.enum(['unchanged', 'not-a-version']),
  kind: z.enum(['pdf', 'json']),
  sha256: z.string(),
  message: z.string(),
  workshopId: z.string().optional(),
  workshopTitle: z.string().optional(),
  versionNumber: z.number().optional(),
  versionHash: z.string().optional(),
  superseded: z.boolean().optional(),
  approved: z.boolean().optional(),
  signatures: z.array(signatureEvidenceSchema).optional(),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

/** GET /api/workshops/:id/room-status: how far the live room has moved from the last version, and the freeze. */
export const roomStatusSchema = z.object({
  latestVersion: z.number().nullable(),
  /** Fields that differ between the live room and the latest version (null without a version, or unreadable). */
  changesSinceLatest: z.number().nullable(),
  /** The first of those changes, field by field (latest version → live room). */
  changes: z.array(fieldChangeSchema),
  frozen: z.object({ at: z.string(), by: z.string() }).nullable(),
});
export type RoomStatus = z.infer<typeof roomStatusSchema>;

/** GET /api/workshops/:id/audit/verify: whether the hash chain of the audit trail is whole. */
export const auditChainSchema = z.object({
  ok: z.boolean(),
  entries: z.number(),
  head: z.string().optional(),
  brokenAt: z.number().optional(),
  reason: z.string().optional(),
});
export type AuditChain = z.infer<typeof auditChainSchema>;
