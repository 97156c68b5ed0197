import { Hono } from 'hono';
import type { AuditRepository } from '../../workshops/audit.repository.ts';
import type { ParticipantRepository } from '../../workshops/participant.repository.ts';
import type { RequirementsService } from '../../workshops/requirements.service.ts';
import type { AppEnv } from '../app-env.ts';
import { AccordError } from '@accord/protocol/errors';
import { readJson } from '../request-body.ts';
import { routeAccess } from '../route-access.ts';
import { routes } from '@accord/protocol/routes';

/** The requirements file (export and import) and the audit trail. */
export function requirementsRoutes(deps: {
  readonly service: RequirementsService;
  readonly audit: AuditRepository;
  readonly participants: ParticipantRepository;
}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const access = routeAccess(deps.participants);

  app.get(routes.exportRequirements.path, access(routes.exportRequirements), async (c) => {
    const format = c.req.query('format') ?? 'yaml';
    if (format !== 'yaml' && format !== 'json')
      throw new AccordError('invalid_parameter', 'format must be yaml or json', 'format');
    const workshopId = c.get('participant').workshopId;
    const text = await deps.service.export(workshopId, format);
    c.header('Content-Type', format === 'json' ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="accord-${workshopId}-requirements.${format}"`);
    return c.body(text);
  });

  app.put(routes.importRequirements.path, access(routes.importRequirements), async (c) => {
    const body = await readJson(c, routes.importRequirements.body);
    return c.json(await deps.service.import(c.get('participant'), body.requirementsText));
  });

  app.get(routes.audit.path, access(routes.audit), async (c) =>
    c.json(await deps.audit.list(c.get('participant').workshopId)),
  );

  return app;
}
