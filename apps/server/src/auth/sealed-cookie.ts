import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Small state kept in the browser between two requests (a login flow's PKCE verifier, a fresh login's
 * identity), sealed with an HMAC so the browser can carry it but not forge or alter it. The key comes from
 * configuration every node shares, so any node can open what another sealed.
 */
export class CookieSeal {
  private readonly key: Buffer;

  constructor(secret: string, purpose: string) {
    this.key = createHash('sha256').update(`accord-seal\n${purpose}\n${secret}`, 'utf8').digest();
  }

  seal(value: unknown): string {
    const payload = Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The sealed value, or undefined when the text was not sealed with this key (or was changed). */
  open(text: string | undefined): unknown {
    if (!text || text.length > 4096) return undefined;
    const [payload, mac] = text.split('.');
    if (!payload || !mac) return undefined;
    const expected = Buffer.from(this.mac(payload), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
