import type { ErrorCode } from '@accord/protocol/errors';
import type { ApiProblem } from './api.ts';

/**
 * The refusals of an invite link that no longer works (unknown, used, revoked, expired, its seat gone): the
 * server's sentence for each already says whom to ask (apps/server/src/workshops/join.service.ts).
 */
const DEAD_LINK_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'invite_unknown',
  'invite_claimed',
  'invite_revoked',
  'invite_expired',
  'seat_removed',
  'seat_revoked',
]);

/**
 * Whether the problem with an invite link already tells the person whom to ask, decided on the server's
 * code, never its words: the join page adds its own advice only when it does not.
 */
export function saysWhomToAsk(problem: ApiProblem): boolean {
  return DEAD_LINK_CODES.has(problem.code);
}
