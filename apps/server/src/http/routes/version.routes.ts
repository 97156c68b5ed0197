import { documentFormatSchema } from '@accord/protocol/api';
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { SignatureEvidence } from '@accord/protocol/api';
import type { SignOffService } from '../../versions/sign-off.service.ts';
import type { VersionService } from '../../versions/version.service.ts';
import type { Participant } from '../../workshops/participant.repository.ts';
import type { ParticipantRepository } from '../../workshops/participant.repository.ts';
import type { AppEnv } from '../app-env.ts';
import { AccordError } from '@accord/protocol/errors';
import { intParam, readJson } from '../request-body.ts';
import { routeAccess, successStatus } from '../route-access.ts';
import { routes } from '@accord/protocol/routes';

/** Publishing, listing, comparing, downloading and signing versions. */
export interface VersionRouteDeps {
  readonly service: VersionService;
  readonly signOff: SignOffService;
  readonly participants: ParticipantRepository;
  readonly clientIp: (c: Context<AppEnv>) => string;
  /**
   * How the signer of this request is identified. Without single sign-on, the session of the seat's personal
   * invite is the identity; with it, a fresh login as the seat's person (refused with a 4xx otherwise).
   */
  readonly signerIdentity: (c: Context<AppEnv>, actor: Participant) => Promise<SignatureEvidence['identity']>;
}

export function versionRoutes(deps: VersionRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const access = routeAccess(deps.participants);

  app.post(routes.publish.path, access(routes.publish), async (c) =>
    c.json(await deps.service.publish(c.get('participant')), successStatus(routes.publish)),
  );

  app.get(routes.versions.path, access(routes.versions), async (c) =>
    c.json(await deps.service.list(c.get('participant').workshopId)),
  );

  app.get(routes.diff.path, access(routes.diff), async (c) => {
    const from = intParam(c.req.query('from'), 'from');
    const to = intParam(c.req.query('to'), 'to');
    return c.json(await deps.service.diff(c.get('participant').workshopId, from, to));
  });

  app.get(routes.version.path, access(routes.version), async (c) => {
    const workshopId = c.get('participant').workshopId;
    const number = intParam(c.req.param('number'), 'number');
    const [summary, { record }] = await Promise.all([
      deps.service.summary(workshopId, number),
      deps.service.record(workshopId, number),
    ]);
    return c.json({ summary, record });
  });

  app.get(routes.document.path, access(routes.document), async (c) => {
    const workshopId = c.get('participant').workshopId;
    const number = intParam(c.req.param('number'), 'number');
    const format = documentFormatSchema.safeParse(c.req.param('file').slice('document.'.length));
    if (!format.success)
      throw new AccordError(
        'invalid_parameter',
        `format must be one of ${documentFormatSchema.options.join(', ')}`,
        'format',
      );
    // The PDF is the signed file, byte for byte, with a certificate of the signatures appended after it.
    const rendered =
      format.data === 'pdf'
        ? { body: await deps.signOff.certifiedPdf(workshopId, number), mediaType: 'application/pdf', extension: 'pdf' }
        : await deps.service.document(workshopId, number, format.data);
    const inline = c.req.query('inline') === '1' && format.data === 'html';
    c.header('Content-Type', rendered.mediaType);
    const { record } = await deps.service.record(workshopId, number);
    c.header(
      'Content-Disposition',
      `${inline ? 'inline' : 'attachment'}; filename="${documentFileName(record.requirements.meta.title, number, rendered.extension)}"`,
    );
    c.header('Cache-Control', 'private, no-cache');
    const body = rendered.body;
    return c.body(typeof body === 'string' ? body : new Uint8Array(body).buffer);
  });

  app.get(routes.signingStatement.path, access(routes.signingStatement), async (c) => {
    return c.json(await deps.signOff.statement(c.get('participant'), intParam(c.req.param('number'), 'number')));
  });

  app.get(routes.signatures.path, access(routes.signatures), async (c) => {
    return c.json(
      await deps.signOff.evidence(c.get('participant').workshopId, intParam(c.req.param('number'), 'number')),
    );
  });

  app.post(routes.sign.path, access(routes.sign), async (c) => {
    const number = intParam(c.req.param('number'), 'number');
    const body = await readJson(c, routes.sign.body);
    const actor = c.get('participant');
    const identity = await deps.signerIdentity(c, actor);
    return c.json(
      await deps.signOff.sign(actor, number, body, {
        ip: deps.clientIp(c),
        userAgent: c.req.header('user-agent') ?? '',
        identity,
      }),
      successStatus(routes.sign),
    );
  });

  return app;
}

/** "Messaging platform SLA workshop", 3, "pdf" → "messaging-platform-sla-workshop-v3.pdf": readable, and safe in a header. */
export function documentFileName(title: string, number: number, extension: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'sla'}-v${number}.${extension}`;
}
