import { AccordError } from '@accord/protocol/errors';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { DocumentTooLarge } from '../sync/workshop-room.ts';
import { httpErrorHandler } from './error-status.ts';

function appThrowing(error: unknown, logged: unknown[] = []): Hono {
  const app = new Hono();
  app.onError(httpErrorHandler({ error: (entry: unknown) => logged.push(entry) }, { maxDocBytes: 1000 }));
  app.get('/', () => {
    throw error;
  });
  return app;
}

describe('the HTTP answer to a refusal', () => {
  it("gives each code its status and the refusal's words, field and file problems", async () => {
    const problems = [{ path: 'meta.title', message: 'required' }];
    const cases: [AccordError, number][] = [
      [new AccordError('invalid_requirements', 'the file has a problem', 'requirementsText', problems), 400],
      [new AccordError('not_publishable', 'cannot be published yet', undefined, problems), 422],
      [new AccordError('unauthenticated', 'not signed in'), 401],
      [new AccordError('invite_expired', 'expired'), 410],
      [new AccordError('revealed', 'voting is closed'), 409],
    ];
    for (const [error, status] of cases) {
      const response = await appThrowing(error).request('/');
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({
        error: {
          code: error.code,
          message: error.message,
          ...(error.field ? { field: error.field } : {}),
          ...(error.problems ? { problems } : {}),
        },
      });
    }
  });

  it('says a document refusal in its own code, with the limit', async () => {
    const response = await appThrowing(new DocumentTooLarge()).request('/');
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('document_too_large');
    expect(body.error.message).toContain('(the limit is 1000 bytes)');
  });

  it('logs anything else and answers 500 without its message', async () => {
    const logged: unknown[] = [];
    const response = await appThrowing(new Error('secret detail'), logged).request('/');
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain('secret detail');
    expect(logged).toHaveLength(1);
  });
});
