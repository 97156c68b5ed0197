import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer secrets (invite links, participant sessions) are `<id>.<secret>`: the id finds the row, the secret
 * proves possession. Only a SHA-256 of the secret is stored, and it is compared in constant time.
 */
export interface IssuedToken {
  readonly id: string;
  readonly token: string;
  readonly secretHash: string;
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A random id of lowercase letters and digits (no look-alikes), e.g. for workshops and participants. */
export function randomId(length = 12): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A fresh token with 256 bits of secret. */
export function issueToken(prefix: string): IssuedToken {
  const id = `${prefix}${randomId(14)}`;
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

/** Splits a presented token; undefined when it is not of the form `<id>.<secret>`. */
export function parseToken(token: string): { readonly id: string; readonly secret: string } | undefined {
  if (token.length > 200) return undefined;
  const match = /^([a-z0-9_]{4,40})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
  return match ? { id: match[1] ?? '', secret: match[2] ?? '' } : undefined;
}

/** Whether a presented secret matches a stored hash, in time independent of where they differ. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
