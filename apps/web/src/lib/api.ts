import { z } from 'zod';
import {
  apiErrorSchema,
  verifyResultSchema,
  type CreateSeatBody,
  type CreateWorkshopBody,
  type DocumentFormat,
  type VerifyResult,
} from '@accord/protocol/api';
import { routes, routeUrl } from '@accord/protocol/routes';
import type { InviteRole } from '@accord/protocol/roles';

/** What went wrong with a request, in the server's words (`{ error: { code, message, … } }`). */
export interface ApiProblem {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly problems?: readonly { readonly path: string; readonly message: string }[];
}

export type ApiResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: ApiProblem };

export type { TemplateView } from '@accord/protocol/routes';

async function request<S extends z.ZodType>(
  method: string,
  path: string,
  schema: S,
  body?: unknown,
): Promise<ApiResult<z.infer<S>>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { 'content-type': 'application/json', accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return {
      ok: false,
      problem: {
        status: 0,
        code: 'network',
        message: 'Accord cannot reach the server; check the network and try again',
      },
    };
  }
  const data: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(data);
    if (parsed.success) return { ok: false, problem: { status: response.status, ...parsed.data.error } };
    return {
      ok: false,
      problem: {
        status: response.status,
        code: `http-${response.status}`,
        message: `the server answered ${response.status} ${response.statusText}`,
      },
    };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      problem: {
        status: response.status,
        code: 'unexpected-response',
        message: `the server's answer to ${method} ${path} has an unexpected shape`,
      },
    };
  }
  return { ok: true, value: parsed.data };
}

const nothing = z.unknown();

/** The HTTP API of `packages/protocol/src/routes.ts`, at its declared paths; every call resolves to a result, never throws. */
export const api = {
  templates: () => request(routes.templates.method, routes.templates.path, routes.templates.response),
  createWorkshop: (body: CreateWorkshopBody) =>
    request(routes.createWorkshop.method, routes.createWorkshop.path, routes.createWorkshop.response, body),
  invitePreview: (invite: string) =>
    request(routes.invitePreview.method, routeUrl(routes.invitePreview, { invite }), routes.invitePreview.response),
  join: (invite: string, name: string) =>
    request(routes.join.method, routes.join.path, routes.join.response, { invite, name }),
  workshop: (id: string) =>
    request(routes.workshop.method, routeUrl(routes.workshop, { id }), routes.workshop.response),
  invites: (id: string) => request(routes.invites.method, routeUrl(routes.invites, { id }), routes.invites.response),
  createInvite: (id: string, body: { role: InviteRole; expiresInHours: number; label: string }) =>
    request(routes.createInvite.method, routeUrl(routes.createInvite, { id }), routes.createInvite.response, body),
  revokeInvite: (id: string, inviteId: string) =>
    request(routes.revokeInvite.method, routeUrl(routes.revokeInvite, { id, inviteId }), nothing),
  participants: (id: string) =>
    request(routes.participants.method, routeUrl(routes.participants, { id }), routes.participants.response),
  /** `alsoRevokeInvite`: the link they joined with stops working too (people who already joined by it stay in). */
  revokeParticipant: (id: string, participantId: string, options: { alsoRevokeInvite?: boolean } = {}) =>
    request(
      routes.revokeParticipant.method,
      `${routeUrl(routes.revokeParticipant, { id, participantId })}${options.alsoRevokeInvite ? '?alsoRevokeInvite=1' : ''}`,
      nothing,
    ),
  importRequirements: (id: string, requirementsText: string) =>
    request(
      routes.importRequirements.method,
      routeUrl(routes.importRequirements, { id }),
      routes.importRequirements.response,
      { requirementsText },
    ),
  publish: (id: string) => request(routes.publish.method, routeUrl(routes.publish, { id }), routes.publish.response),
  versions: (id: string) =>
    request(routes.versions.method, routeUrl(routes.versions, { id }), routes.versions.response),
  diff: (id: string, from: number, to: number) =>
    request(routes.diff.method, `${routeUrl(routes.diff, { id })}?from=${from}&to=${to}`, routes.diff.response),
  sign: (
    id: string,
    version: number,
    body: { hash: string; decision: 'signed' | 'rejected'; comment: string; statement?: string },
  ) => request(routes.sign.method, routeUrl(routes.sign, { id, number: version }), routes.sign.response, body),
  signingStatement: (id: string, version: number) =>
    request(
      routes.signingStatement.method,
      routeUrl(routes.signingStatement, { id, number: version }),
      routes.signingStatement.response,
    ),
  signatures: (id: string, version: number) =>
    request(routes.signatures.method, routeUrl(routes.signatures, { id, number: version }), routes.signatures.response),
  seats: (id: string) => request(routes.seats.method, routeUrl(routes.seats, { id }), routes.seats.response),
  createSeat: (id: string, body: CreateSeatBody) =>
    request(routes.createSeat.method, routeUrl(routes.createSeat, { id }), routes.createSeat.response, body),
  seatLink: (id: string, seatId: string) =>
    request(routes.seatLink.method, routeUrl(routes.seatLink, { id, seatId }), routes.seatLink.response),
  removeSeat: (id: string, seatId: string) =>
    request(routes.removeSeat.method, routeUrl(routes.removeSeat, { id, seatId }), nothing),
  roomStatus: (id: string) =>
    request(routes.roomStatus.method, routeUrl(routes.roomStatus, { id }), routes.roomStatus.response),
  freeze: (id: string, frozen: boolean) =>
    request(routes.freeze.method, routeUrl(routes.freeze, { id }), routes.freeze.response, { frozen }),
  auditChain: (id: string) =>
    request(routes.auditChain.method, routeUrl(routes.auditChain, { id }), routes.auditChain.response),
  audit: (id: string) => request(routes.audit.method, routeUrl(routes.audit, { id }), routes.audit.response),
};

/** Sends a downloaded file to the workshop's verify endpoint: which version it is, unchanged or not, who signed. */
export async function verifyFile(workshopId: string, file: Blob): Promise<ApiResult<VerifyResult>> {
  let response: Response;
  try {
    response = await fetch(routeUrl(routes.verifyInWorkshop, { id: workshopId }), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/octet-stream' },
      body: file,
    });
  } catch {
    return {
      ok: false,
      problem: {
        status: 0,
        code: 'network',
        message: 'Accord cannot reach the server; check the network and try again',
      },
    };
  }
  const data: unknown = await response.json().catch(() => null);
  // 422 is the server's answer for a file that is no version: the same result, with its verdict.
  const verdict = verifyResultSchema.safeParse(data);
  if (verdict.success && (response.ok || response.status === 422)) return { ok: true, value: verdict.data };
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(data);
    return {
      ok: false,
      problem: parsed.success
        ? { status: response.status, ...parsed.data.error }
        : {
            status: response.status,
            code: `http-${response.status}`,
            message: `the server answered ${response.status}`,
          },
    };
  }
  const parsed = verifyResultSchema.safeParse(data);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : {
        ok: false,
        problem: {
          status: response.status,
          code: 'unexpected-response',
          message: "the server's answer has an unexpected shape",
        },
      };
}

/** Where a version's document downloads from (the server sends it as an attachment). */
export function documentUrl(workshopId: string, version: number, format: DocumentFormat): string {
  return `${routeUrl(routes.version, { id: workshopId, number: version })}/document.${format}`;
}

/** The requirements file export. */
export function requirementsUrl(workshopId: string, format: 'yaml' | 'json'): string {
  return `${routeUrl(routes.exportRequirements, { id: workshopId })}?format=${format}`;
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
      case 'invalid_requirements':
        return `The requirements file has ${many}:`;
      case 'not_publishable':
        return `The requirements cannot be published yet; ${many} to fix:`;
      default:
        return `${many.charAt(0).toUpperCase()}${many.slice(1)}:`;
    }
  }
  return problem.message.charAt(0).toUpperCase() + problem.message.slice(1);
}
