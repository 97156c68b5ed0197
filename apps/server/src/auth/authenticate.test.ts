import { describe, expect, it } from 'vitest';
import { authenticate, presentedToken } from './authenticate.ts';

const WORKSHOP = 'w1';

describe('the session token a request presents', () => {
  it("takes an outright token first, then a bearer header, then the workshop's own cookie", () => {
    const all = { token: 'given', authorization: 'Bearer header', cookie: 'accord_w1=cookie' };
    expect(presentedToken(all, WORKSHOP)).toBe('given');
    expect(presentedToken({ ...all, token: null }, WORKSHOP)).toBe('header');
    expect(presentedToken({ ...all, token: '', authorization: undefined }, WORKSHOP)).toBe('cookie');
  });

  it('reads only the cookie of the workshop asked about, among other cookies', () => {
    const cookie = 'theme=dark; accord_w2=other; accord_w1=p1.secret%2Fpart; accord_w10=longer';
    expect(presentedToken({ cookie }, WORKSHOP)).toBe('p1.secret/part');
    expect(presentedToken({ cookie }, 'w3')).toBeUndefined();
  });

  it('presents nothing for an empty bearer, an empty cookie or an oversized Cookie header', () => {
    expect(presentedToken({ authorization: 'Bearer   ' }, WORKSHOP)).toBeUndefined();
    expect(presentedToken({ authorization: 'Basic abc' }, WORKSHOP)).toBeUndefined();
    expect(presentedToken({ cookie: 'accord_w1=' }, WORKSHOP)).toBeUndefined();
    expect(presentedToken({ cookie: `pad=${'x'.repeat(9000)}; accord_w1=t` }, WORKSHOP)).toBeUndefined();
  });

  it('asks the participants only when a token is presented', async () => {
    const asked: string[] = [];
    const participants = {
      authenticate: (workshopId: string, token: string) => {
        asked.push(`${workshopId}:${token}`);
        return Promise.resolve(undefined);
      },
    };
    expect(await authenticate(participants, WORKSHOP, {})).toBeUndefined();
    expect(asked).toEqual([]);
    await authenticate(participants, WORKSHOP, { cookie: 'accord_w1=t1' });
    expect(asked).toEqual(['w1:t1']);
  });
});
