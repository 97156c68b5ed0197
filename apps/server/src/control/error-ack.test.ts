import { AccordError } from '@accord/protocol/errors';
import { describe, expect, it } from 'vitest';
import { DocumentTooLarge } from '../sync/workshop-room.ts';
import { failureAck, handshakeRefusal } from './error-ack.ts';

describe('the socket answer to a refusal', () => {
  it('acknowledges a refusal with its code and words, as the HTTP door would say them', () => {
    expect(failureAck(new AccordError('revealed', 'voting is closed'))).toEqual({
      ack: { ok: false, code: 'revealed', error: 'voting is closed' },
      unexpected: false,
    });
    expect(failureAck(new DocumentTooLarge()).ack).toMatchObject({ ok: false, code: 'document_too_large' });
  });

  it('answers anything else as internal, without its message, and marks it for the log', () => {
    const { ack, unexpected } = failureAck(new Error('secret detail'));
    expect(unexpected).toBe(true);
    expect(ack).toMatchObject({ ok: false, code: 'internal' });
    expect(JSON.stringify(ack)).not.toContain('secret detail');
  });

  it("refuses a handshake with the refusal's code, and an unexpected failure as internal, without its message", () => {
    const refused = handshakeRefusal(new AccordError('invalid_handshake', 'connect with auth: { workshopId }'));
    expect([refused.message, refused.data.code]).toEqual(['connect with auth: { workshopId }', 'invalid_handshake']);
    // The client stops the room (and drops its copy) on `unauthenticated`: a database failure is not one.
    const failed = handshakeRefusal(new Error('database down'));
    expect(failed.data.code).toBe('internal');
    expect(failed.message).not.toContain('database down');
  });
});
