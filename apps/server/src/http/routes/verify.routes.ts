import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { VerifyService } from '../../versions/verify.service.ts';
import type { AuditRepository } from '../../workshops/audit.repository.ts';
import type { ParticipantRepository } from '../../workshops/participant.repository.ts';
import type { RoomFreeze } from '../../workshops/room-freeze.ts';
import type { AppEnv } from '../app-env.ts';
import { AccordError } from '@accord/protocol/errors';
import { MAX_BODY_BYTES, readJson } from '../request-body.ts';
import { routeAccess, successStatus } from '../route-access.ts';
import { routes } from '@accord/protocol/routes';

export interface VerifyRouteDeps {
  readonly verify: VerifyService;
  readonly freeze: RoomFreeze;
  readonly audit: AuditRepository;
  readonly participants: ParticipantRepository;
  /** Limits anonymous verification per client address, like joins. */
  readonly publicLimit: MiddlewareHandler<AppEnv>;
}

/**
 * Verifying downloaded files, checking the audit chain, and the room after publishing (changes since the
 * latest version, the freeze while sponsors sign).
 */
export function verifyRoutes(deps: VerifyRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const access = routeAccess(deps.participants);

  // A file that is no version (a changed byte is enough) is a 422 carrying the same answer: it says why.
  app.post(routes.verifyInWorkshop.path, access(routes.verifyInWorkshop), async (c) => {
    const result = await deps.verify.verify(await uploadedFile(c), c.get('participant').workshopId);
    return c.json(result, result.verdict === 'unchanged' ? successStatus(routes.verifyInWorkshop) : 422);
  });

  // Holding a file is access to what it says: anyone may ask whether it is a version published here.
  app.post(routes.verify.path, access(routes.verify), deps.publicLimit, async (c) => {
    const result = await deps.verify.verify(await uploadedFile(c));
    return c.json(result, result.verdict === 'unchanged' ? successStatus(routes.verify) : 422);
  });

  app.get(routes.auditChain.path, access(routes.auditChain), async (c) =>
    c.json(await deps.audit.verify(c.get('participant').workshopId)),
  );

  app.get(routes.roomStatus.path, access(routes.roomStatus), async (c) =>
    c.json(await deps.freeze.status(c.get('participant').workshopId)),
  );

  app.put(routes.freeze.path, access(routes.freeze), async (c) => {
    const body = await readJson(c, routes.freeze.body);
    return c.json(await deps.freeze.set(c.get('participant'), body.frozen));
  });

  return app;
}

/** The request body as bytes: a PDF or a JSON file, sent as it is (any content type). */
async function uploadedFile(c: Context<AppEnv>): Promise<Uint8Array> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0)
    throw new AccordError(
      'empty_file',
      'send the file to verify as the request body (a PDF or JSON downloaded from Accord)',
    );
  if (bytes.length > MAX_BODY_BYTES)
    throw new AccordError('file_too_large', 'the file is larger than any version Accord publishes');
  return bytes;
}
