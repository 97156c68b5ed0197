import { z } from 'zod';
import {
  apiErrorSchema, auditEventSchema, createdInviteSchema, fieldChangeSchema, invitePreviewSchema, inviteViewSchema,
  participantViewSchema, sessionResponseSchema, versionSummarySchema, workshopViewSchema,
  seatViewSchema, seatLinkSchema, signingStatementSchema, signatureEvidenceSchema, verifyResultSchema, roomStatusSchema, auditChainSchema,
  type CreateSeatBody, type CreateWorkshopBody, type DocumentFormat, type VerifyResult,
} from '@accord/protocol/api';
import type { InviteRole } from '@accord/protocol/roles';

/** What went wrong with a request, in the server's words (`{ error: { code, message, … } }`). */
export interface ApiProblem {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly problems?: readonly { readonly path: string; readonly message: string }[];
}

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: ApiProblem };

const templateSchema = z.object({ id: z.string(), name: z.string(), description: z.string() });
export type TemplateView = z.infer<typeof templateSchema>;

async function request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<ApiResult<z.infer<S>>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, problem: { status: 0, code: 'network', message: 'Accord cannot reach the server; check the network and try again' } };
  }
  const data: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(data);
    if (parsed.success) return { ok: false, problem: { status: response.status, ...parsed.data.error } };
    return { ok: false, problem: { status: response.status, code: `http-${response.status}`, message: `the server answered ${response.status} ${response.statusText}` } };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, problem: { status: response.status, code: 'unexpected-response', message: `the server's answer to ${method} ${path} has an unexpected shape` } };
  }
  return { ok: true, value: parsed.data };
}

const nothing = z.unknown();
const base = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}`;

/** The HTTP API of `packages/protocol/src/api.ts`; every call resolves to a result, never throws. */
export const api = {
  templates: () => request('GET', '/api/templates', z.array(templateSchema)),
  createWorkshop: (body: CreateWorkshopBody) => request('POST', '/api/workshops', sessionResponseSchema, body),
  invitePreview: (invite: string) => request('GET', `/api/join/${encodeURIComponent(invite)}`, invitePreviewSchema),
  join: (invite: string, name: string) => request('POST', '/api/join', sessionResponseSchema, { invite, name }),
  workshop: (id: string) => request('GET', base(id), z.object({ workshop: workshopViewSchema, you: participantViewSchema })),
  invites: (id: string) => request('GET', `${base(id)}/invites`, z.array(inviteViewSchema)),
  createInvite: (id: string, body: { role: InviteRole; expiresInHours: number; label: string }) =>
    request('POST', `${base(id)}/invites`, createdInviteSchema, body),
  revokeInvite: (id: string, inviteId: string) => request('DELETE', `${base(id)}/invites/${encodeURIComponent(inviteId)}`, nothing),
  participants: (id: string) => request('GET', `${base(id)}/participants`, z.array(participantViewSchema)),
  /** `alsoRevokeInvite`: the link they joined with stops working too (people who already joined by it stay in). */
  revokeParticipant: (id: string, participantId: string, options: { alsoRevokeInvite?: boolean } = {}) =>
    request('DELETE', `${base(id)}/participants/${encodeURIComponent(participantId)}${options.alsoRevokeInvite ? '?alsoRevokeInvite=1' : ''}`, nothing),
  importRequirements: (id: string, requirementsText: string) => request('PUT', `${base(id)}/requirements`, nothing, { requirementsText }),
  publish: (id: string) => request('POST', `${base(id)}/versions`, versionSummarySchema),
  versions: (id: string) => request('GET', `${base(id)}/versions`, z.array(versionSummarySchema)),
  diff: (id: string, from: number, to: number) => request('GET', `${base(id)}/versions/diff?from=${from}&to=${to}`, z.array(fieldChangeSchema)),
  sign: (id: string, version: number, body: { hash: string; decision: 'signed' | 'rejected'; comment: string; statement?: string }) =>
    request('POST', `${base(id)}/versions/${version}/signatures`, versionSummarySchema, body),
  signingStatement: (id: string, version: number) => request('GET', `${base(id)}/versions/${version}/signing-statement`, signingStatementSchema),
  signatures: (id: string, version: number) => request('GET', `${base(id)}/versions/${version}/signatures`, z.array(signatureEvidenceSchema)),
  seats: (id: string) => request('GET', `${base(id)}/seats`, z.array(seatViewSchema)),
  createSeat: (id: string, body: CreateSeatBody) => request('POST', `${base(id)}/seats`, seatLinkSchema, body),
  seatLink: (id: string, seatId: string) => request('POST', `${base(id)}/seats/${encodeURIComponent(seatId)}/links`, seatLinkSchema),
  removeSeat: (id: string, seatId: string) => request('DELETE', `${base(id)}/seats/${encodeURIComponent(seatId)}`, nothing),
  roomStatus: (id: string) => request('GET', `${base(id)}/room-status`, roomStatusSchema),
  freeze: (id: string, frozen: boolean) => request('PUT', `${base(id)}/freeze`, roomStatusSchema, { frozen }),
  auditChain: (id: string) => request('GET', `${base(id)}/audit/verify`, auditChainSchema),
  audit: (id: string) => request('GET', `${base(id)}/audit`, z.array(auditEventSchema)),
};

/** Sends a downloaded file to the workshop's verify endpoint: which version it is, unchanged or not, who signed. */
export async function verifyFile(workshopId: string, file: Blob): Promise<ApiResult<VerifyResult>> {
  let response: Response;
  try {
    response = await fetch(`${base(workshopId)}/verify`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream' }, body: file });
  } catch {
    return { ok: false, problem: { status: 0, code: 'network', message: 'Accord cannot reach the server; check the network and try again' } };
  }
  const data: unknown = await response.json().catch(() => null);
  // 422 is the server's answer for a file that is no version: the same result, with its verdict.
  const verdict = verifyResultSchema.safeParse(data);
  if (verdict.success && (response.ok || response.status === 422)) return { ok: true, value: verdict.data };
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(data);
    return { ok: false, problem: parsed.success ? { status: response.status, ...parsed.data.error } : { status: response.status, code: `http-${response.status}`, message: `the server answered ${response.status}` } };
  }
  const parsed = verifyResultSchema.safeParse(data);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: { status: response.status, code: 'unexpected-response', message: 'the server\'s answer has an unexpected shape' } };
}

/** Where a version's document downloads from (the server sends it as an attachment). */
export function documentUrl(workshopId: string, version: number, format: DocumentFormat): string {
  return `${base(workshopId)}/versions/${version}/document.${format}`;
}

/** The requirements file export. */
export function requirementsUrl(workshopId: string, format: 'yaml' | 'json'): string {
  return `${base(workshopId)}/requirements?format=${format}`;
}

/**
 * One sentence for a failed call. When the answer lists file problems, the sentence only introduces the
 * list (`ProblemList` shows each): the server's message quotes the first problem, which would show twice.
 */
export function describeProblem(problem: ApiProblem): string {
  const count = problem.problems?.length ?? 0;
  if (count > 0) {
    const many = `${count >= 100 ? `${count} or more` : count} problem${count === 1 ? '' : 's'}`;
    switch (problem.code) {
      case 'invalid_requirements': return `The requirements file has ${many}:`;
      case 'not_publishable': return `The requirements cannot be published yet; ${many} to fix:`;
      default: return `${many.charAt(0).toUpperCase()}${many.slice(1)}:`;
    }
  }
  return problem.message.charAt(0).toUpperCase() + problem.message.slice(1);
}
