import { z } from 'zod';
import {
  auditChainSchema,
  auditEventSchema,
  createdInviteSchema,
  createInviteBodySchema,
  createSeatBodySchema,
  createWorkshopBodySchema,
  fieldChangeSchema,
  invitePreviewSchema,
  inviteViewSchema,
  joinBodySchema,
  participantViewSchema,
  requirementsTextSchema,
  roomStatusSchema,
  seatLinkSchema,
  seatViewSchema,
  sessionResponseSchema,
  signatureEvidenceSchema,
  signBodySchema,
  signingStatementSchema,
  verifyResultSchema,
  versionSummarySchema,
  workshopViewSchema,
} from './api.ts';
import type { Permission } from './roles.ts';

/**
 * Every route of the HTTP API, declared once: the server registers each at its `path` and validates its
 * `body`, `/api/openapi.json` is generated from this table, and the web client calls the same paths.
 * Paths are Hono's (`:id`); `openApiPath` is given only where Hono's pattern has no OpenAPI spelling.
 */
export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly openApiPath?: string;
  readonly summary: string;
  /** Who may call it: `public`, or the permission the participant's role needs. */
  readonly access: 'public' | Permission;
  readonly body?: z.ZodType;
  /** The query parameters the route reads, each described; a parameter that may be left out is optional. */
  readonly query?: z.ZodObject;
  readonly response?: z.ZodType;
  /** The success status when it is not 200. */
  readonly status?: 201 | 204 | 302;
}

export const templateSchema = z.object({ id: z.string(), name: z.string(), description: z.string() });
export type TemplateView = z.infer<typeof templateSchema>;

export const importRequirementsBodySchema = z
  .object({
    requirementsText: requirementsTextSchema,
  })
  .strict();
export const freezeBodySchema = z.object({ frozen: z.boolean() }).strict();

/** A version number as a query parameter. */
const versionNumberParam = (description: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/)
    .describe(description);

const W = '/api/workshops/:id';
const VERSION = `${W}/versions/:number`;

export const routes = {
  templates: {
    method: 'GET',
    path: '/api/templates',
    summary: 'Workshop templates',
    access: 'public',
    response: z.array(templateSchema),
  },
  createWorkshop: {
    method: 'POST',
    path: '/api/workshops',
    summary: 'Create a workshop from a template or a requirements file; you become its facilitator',
    access: 'public',
    body: createWorkshopBodySchema,
    response: sessionResponseSchema,
    status: 201,
  },
  invitePreview: {
    method: 'GET',
    path: '/api/join/:invite',
    summary: 'What an invite link leads to',
    access: 'public',
    response: invitePreviewSchema,
  },
  join: {
    method: 'POST',
    path: '/api/join',
    summary: 'Join a workshop with an invite link and a display name',
    access: 'public',
    body: joinBodySchema,
    response: sessionResponseSchema,
    status: 201,
  },
  workshop: {
    method: 'GET',
    path: W,
    summary: 'The workshop and who you are in it',
    access: 'read',
    response: z.object({ workshop: workshopViewSchema, you: participantViewSchema }),
  },
  invites: {
    method: 'GET',
    path: `${W}/invites`,
    summary: 'Invite links (without their secrets)',
    access: 'invite',
    response: z.array(inviteViewSchema),
  },
  createInvite: {
    method: 'POST',
    path: `${W}/invites`,
    summary: 'Create an invite link for a role; the link is shown once',
    access: 'invite',
    body: createInviteBodySchema,
    response: createdInviteSchema,
    status: 201,
  },
  revokeInvite: {
    method: 'DELETE',
    path: `${W}/invites/:inviteId`,
    summary: 'Revoke an invite link',
    access: 'invite',
    status: 204,
  },
  participants: {
    method: 'GET',
    path: `${W}/participants`,
    summary: 'Participants',
    access: 'read',
    response: z.array(participantViewSchema),
  },
  revokeParticipant: {
    method: 'DELETE',
    path: `${W}/participants/:participantId`,
    summary: 'Revoke a participant and disconnect them (?alsoRevokeInvite=1 revokes the link they joined with too)',
    access: 'invite',
    query: z.object({
      alsoRevokeInvite: z.literal('1').optional().describe('1: also revoke the invite link they joined with'),
    }),
    status: 204,
  },
  exportRequirements: {
    method: 'GET',
    path: `${W}/requirements`,
    summary: 'Export the requirements file (?format=yaml|json)',
    access: 'read',
    query: z.object({
      format: z.enum(['yaml', 'json']).optional().describe('The file format: yaml (the default) or json'),
    }),
  },
  importRequirements: {
    method: 'PUT',
    path: `${W}/requirements`,
    summary: 'Import a requirements file over the document',
    access: 'publish',
    body: importRequirementsBodySchema,
    response: z.object({ functions: z.number() }),
  },
  publish: {
    method: 'POST',
    path: `${W}/versions`,
    summary: 'Publish the current requirements as the next version',
    access: 'publish',
    response: versionSummarySchema,
    status: 201,
  },
  versions: {
    method: 'GET',
    path: `${W}/versions`,
    summary: "Versions with each sponsor's status",
    access: 'read',
    response: z.array(versionSummarySchema),
  },
  diff: {
    method: 'GET',
    path: `${W}/versions/diff`,
    summary: 'Field-by-field changes between two versions (?from=&to=)',
    access: 'read',
    query: z.object({
      from: versionNumberParam('The version compared from'),
      to: versionNumberParam('The version compared to'),
    }),
    response: z.array(fieldChangeSchema),
  },
  version: { method: 'GET', path: VERSION, summary: 'One version: summary and the frozen record', access: 'read' },
  document: {
    method: 'GET',
    path: `${VERSION}/:file{document\\.[a-z]+}`,
    openApiPath: `${VERSION}/document.{format}`,
    access: 'read',
    query: z.object({
      inline: z.literal('1').optional().describe('1 with the html format: shown in the browser, not downloaded'),
    }),
    summary:
      'The SLA and justification as html, pdf, md, json or openslo, or an operational export: sloth, prometheus, datadog, zabbix or ics',
  },
  sign: {
    method: 'POST',
    path: `${VERSION}/signatures`,
    summary: 'Sign or reject a version, bound to its hash',
    access: 'sign',
    body: signBodySchema,
    response: versionSummarySchema,
    status: 201,
  },
  signingStatement: {
    method: 'GET',
    path: `${VERSION}/signing-statement`,
    summary: 'The exact statement a signature or rejection agrees to, with both hashes',
    access: 'sign',
    response: signingStatementSchema,
  },
  signatures: {
    method: 'GET',
    path: `${VERSION}/signatures`,
    summary: 'Every decision on a version with its evidence',
    access: 'read',
    response: z.array(signatureEvidenceSchema),
  },
  audit: {
    method: 'GET',
    path: `${W}/audit`,
    summary: 'The audit trail',
    access: 'read',
    response: z.array(auditEventSchema),
  },
  auditChain: {
    method: 'GET',
    path: `${W}/audit/verify`,
    summary: "Check the audit trail's hash chain",
    access: 'read',
    response: auditChainSchema,
  },
  seats: {
    method: 'GET',
    path: `${W}/seats`,
    summary: 'Named sponsor seats',
    access: 'read',
    response: z.array(seatViewSchema),
  },
  createSeat: {
    method: 'POST',
    path: `${W}/seats`,
    summary: 'Name a sponsor who must sign; returns their personal invite (shown once, claimed once)',
    access: 'invite',
    body: createSeatBodySchema,
    response: seatLinkSchema,
    status: 201,
  },
  seatLink: {
    method: 'POST',
    path: `${W}/seats/:seatId/links`,
    summary:
      "A fresh one-time link for a seat: its invite again, or another device of its sponsor (facilitator or the seat's own sponsor)",
    access: 'read',
    response: seatLinkSchema,
    status: 201,
  },
  removeSeat: {
    method: 'DELETE',
    path: `${W}/seats/:seatId`,
    summary: 'Remove a sponsor seat from versions published from now on',
    access: 'invite',
    status: 204,
  },
  verifyInWorkshop: {
    method: 'POST',
    path: `${W}/verify`,
    summary: 'Verify a downloaded PDF or JSON (the file as the body) against this workshop',
    access: 'read',
    response: verifyResultSchema,
  },
  verify: {
    method: 'POST',
    path: '/api/verify',
    summary: 'Verify a downloaded PDF or JSON (the file as the body) against every version on this server',
    access: 'public',
    response: verifyResultSchema,
  },
  roomStatus: {
    method: 'GET',
    path: `${W}/room-status`,
    summary: 'Changes in the live room since the latest version, and whether it is frozen',
    access: 'read',
    response: roomStatusSchema,
  },
  freeze: {
    method: 'PUT',
    path: `${W}/freeze`,
    summary: 'Freeze ({ frozen: true }) or unfreeze the room while sponsors sign',
    access: 'publish',
    body: freezeBodySchema,
    response: roomStatusSchema,
  },
  oidcJoin: {
    method: 'GET',
    path: '/api/auth/oidc/join',
    summary: 'With single sign-on: log in to join a sponsor seat (?invite=); redirects to the provider',
    access: 'public',
    query: z.object({ invite: z.string().describe("The sponsor seat's personal invite") }),
    status: 302,
  },
  oidcSign: {
    method: 'GET',
    path: '/api/auth/oidc/sign/:id',
    summary: 'With single sign-on: a fresh login before signing; redirects to the provider',
    access: 'sign',
    status: 302,
  },
  oidcCallback: {
    method: 'GET',
    path: '/api/auth/oidc/callback',
    summary: 'With single sign-on: where the provider sends the browser back',
    access: 'public',
    status: 302,
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;

/** The path parameters a route's path names (`:id` → `id`). */
type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** A route's path with its parameters filled in, each URI-encoded: `routeUrl(routes.seats, { id })`. */
export function routeUrl<P extends string>(
  route: { readonly path: P },
  params: Record<ParamsOf<P>, string | number>,
): string {
  return route.path.replace(/:(\w+)/g, (_match, name: string) =>
    encodeURIComponent(String((params as Record<string, string | number>)[name])),
  );
}
