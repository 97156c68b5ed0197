import { describe, expect, it } from 'vitest';
import { saysWhomToAsk } from './invite-problem.ts';

describe('saysWhomToAsk', () => {
  it('decides on the code of a dead invite link, whatever its words', () => {
    for (const code of ['invite_unknown', 'invite_claimed', 'invite_revoked', 'invite_expired', 'seat_removed'])
      expect(saysWhomToAsk({ status: 410, code, message: 'this invite link does not work' })).toBe(true);
  });

  it('leaves the advice to the page for anything else, even when its words name the facilitator', () => {
    expect(saysWhomToAsk({ status: 0, code: 'network', message: 'Accord cannot reach the server' })).toBe(false);
    expect(saysWhomToAsk({ status: 429, code: 'rate_limited', message: 'ask the facilitator later' })).toBe(false);
    expect(saysWhomToAsk({ status: 500, code: 'http-500', message: 'the facilitator server answered 500' })).toBe(
      false,
    );
  });
});
