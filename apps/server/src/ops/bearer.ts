import { createHash, timingSafeEqual } from 'node:crypto';

/** Whether an Authorization header carries exactly `Bearer <secret>`, compared in constant time. */
export function bearerMatches(header: string | undefined, secret: string): boolean {
  if (!header || secret === '') return false;
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(header), digest(`Bearer ${secret}`));
}
