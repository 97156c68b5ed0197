import {
  apiErrorSchema, auditEventSchema, createdInviteSchema, createInviteBodySchema, createWorkshopBodySchema, fieldChangeSchema,
  invitePreviewSchema, inviteViewSchema, joinBodySchema, participantViewSchema, sessionResponseSchema, signBodySchema,
  versionSummarySchema, workshopViewSchema, createSeatBodySchema, seatViewSchema, seatLinkSchema, signingStatementSchema,
  signatureEvidenceSchema, verifyResultSchema, roomStatusSchema, auditChainSchema,
} from '@accord/protocol/api';
import { z } from 'zod';

interface Operation {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  readonly path: string;
  readonly summary: string;
  /** Who may call it: `public`, or the permission the participant's role needs. */
  readonly access: string;
  readonly body?: z.ZodType;
  readonly response?: z.ZodType;
  readonly status?: number;
}

const templateSchema = z.object({ id: z.string(), name: z.string(), description: z.string() });

const OPERATIONS: readonly Operation[] = [
  { method: 'get', path: '/api/templates', summary: 'Workshop templates', access: 'public', response: z.array(templateSchema) },
  { method: 'post', path: '/api/workshops', summary: 'Create a workshop from a template or a requirements file; you become its facilitator', access: 'public', body: createWorkshopBodySchema, response: sessionResponseSchema, status: 201 },
  { method: 'get', path: '/api/join/{invite}', summary: 'What an invite link leads to', access: 'public', response: invitePreviewSchema },
  { method: 'post', path: '/api/join', summary: 'Join a workshop with an invite link and a display name', access: 'public', body: joinBodySchema, response: sessionResponseSchema, status: 201 },
  { method: 'get', path: '/api/workshops/{id}', summary: 'The workshop and who you are in it', access: 'read', response: z.object({ workshop: workshopViewSchema, you: participantViewSchema }) },
  { method: 'get', path: '/api/workshops/{id}/invites', summary: 'Invite links (without their secrets)', access: 'invite', response: z.array(inviteViewSchema) },
  { method: 'post', path: '/api/workshops/{id}/invites', summary: 'Create an invite link for a role; the link is shown once', access: 'invite', body: createInviteBodySchema, response: createdInviteSchema, status: 201 },
  { method: 'delete', path: '/api/workshops/{id}/invites/{inviteId}', summary: 'Revoke an invite link', access: 'invite', status: 204 },
  { method: 'get', path: '/api/workshops/{id}/participants', summary: 'Participants', access: 'read', response: z.array(participantViewSchema) },
  { method: 'delete', path: '/api/workshops/{id}/participants/{participantId}', summary: 'Revoke a participant and disconnect them (?alsoRevokeInvite=1 revokes the link they joined with too)', access: 'invite', status: 204 },
  { method: 'get', path: '/api/workshops/{id}/requirements', summary: 'Export the requirements file (?format=yaml|json)', access: 'read' },
  { method: 'put', path: '/api/workshops/{id}/requirements', summary: 'Import a requirements file over the document', access: 'publish', body: z.object({ requirementsText: z.string() }), response: z.object({ functions: z.number() }) },
  { method: 'post', path: '/api/workshops/{id}/versions', summary: 'Publish the current requirements as the next version', access: 'publish', response: versionSummarySchema, status: 201 },
  { method: 'get', path: '/api/workshops/{id}/versions', summary: 'Versions with each sponsor\'s status', access: 'read', response: z.array(versionSummarySchema) },
  { method: 'get', path: '/api/workshops/{id}/versions/diff', summary: 'Field-by-field changes between two versions (?from=&to=)', access: 'read', response: z.array(fieldChangeSchema) },
  { method: 'get', path: '/api/workshops/{id}/versions/{number}', summary: 'One version: summary and the frozen record', access: 'read' },
  { method: 'get', path: '/api/workshops/{id}/versions/{number}/document.{format}', summary: 'The SLA and justification as html, pdf, md, json or openslo, or an operational export: sloth, prometheus, datadog, zabbix or ics', access: 'read' },
  { method: 'post', path: '/api/workshops/{id}/versions/{number}/signatures', summary: 'Sign or reject a version, bound to its hash', access: 'sign', body: signBodySchema, response: versionSummarySchema, status: 201 },
  { method: 'get', path: '/api/workshops/{id}/audit', summary: 'The audit trail', access: 'read', response: z.array(auditEventSchema) },
  { method: 'get', path: '/api/workshops/{id}/audit/verify', summary: 'Check the audit trail\'s hash chain', access: 'read', response: auditChainSchema },
  { method: 'get', path: '/api/workshops/{id}/seats', summary: 'Named sponsor seats', access: 'read', response: z.array(seatViewSchema) },
  { method: 'post', path: '/api/workshops/{id}/seats', summary: 'Name a sponsor who must sign; returns their personal invite (shown once, claimed once)', access: 'invite', body: createSeatBodySchema, response: seatLinkSchema, status: 201 },
  { method: 'post', path: '/api/workshops/{id}/seats/{seatId}/links', summary: 'A fresh one-time link for a seat: its invite again, or another device of its sponsor (facilitator or the seat\'s own sponsor)', access: 'read', response: seatLinkSchema, status: 201 },
  { method: 'delete', path: '/api/workshops/{id}/seats/{seatId}', summary: 'Remove a sponsor seat from versions published from now on', access: 'invite', status: 204 },
  { method: 'get', path: '/api/workshops/{id}/versions/{number}/signing-statement', summary: 'The exact statement a signature or rejection agrees to, with both hashes', access: 'sign', response: signingStatementSchema },
  { method: 'get', path: '/api/workshops/{id}/versions/{number}/signatures', summary: 'Every decision on a version with its evidence', access: 'read', response: z.array(signatureEvidenceSchema) },
  { method: 'post', path: '/api/workshops/{id}/verify', summary: 'Verify a downloaded PDF or JSON (the file as the body) against this workshop', access: 'read', response: verifyResultSchema },
  { method: 'post', path: '/api/verify', summary: 'Verify a downloaded PDF or JSON (the file as the body) against every version on this server', access: 'public', response: verifyResultSchema },
  { method: 'get', path: '/api/auth/oidc/join', summary: 'With single sign-on: log in to join a sponsor seat (?invite=); redirects to the provider', access: 'public', status: 302 },
  { method: 'get', path: '/api/auth/oidc/sign/{id}', summary: 'With single sign-on: a fresh login before signing; redirects to the provider', access: 'sign', status: 302 },
  { method: 'get', path: '/api/auth/oidc/callback', summary: 'With single sign-on: where the provider sends the browser back', access: 'public', status: 302 },
  { method: 'get', path: '/api/workshops/{id}/room-status', summary: 'Changes in the live room since the latest version, and whether it is frozen', access: 'read', response: roomStatusSchema },
  { method: 'put', path: '/api/workshops/{id}/freeze', summary: 'Freeze ({ frozen: true }) or unfreeze the room while sponsors sign', access: 'publish', body: z.object({ frozen: z.boolean() }), response: roomStatusSchema },
];

const jsonContent = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } });

/** The OpenAPI 3.1 document of the HTTP API, generated from the same zod schemas the server validates with. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const parameters = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      description: op.access === 'public' ? 'No session needed.' : `Needs a session of the workshop whose role has the "${op.access}" permission.`,
      ...(op.access === 'public' ? { security: [] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: jsonContent(op.body) } } : {}),
      responses: {
        [String(op.status ?? 200)]: { description: 'OK', ...(op.response ? { content: jsonContent(op.response) } : {}) },
        '4XX': { description: 'What was wrong, and how to fix it', content: jsonContent(apiErrorSchema) },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Accord API', version: '1', description: 'Service-level workshops: workshops, invites, participants, requirements, versions and sign-off.' },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'accord_<workshopId>' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths,
  };
}
