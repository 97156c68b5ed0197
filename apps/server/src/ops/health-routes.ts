import { migrationsApplied } from '@accord/db/database';
import type { AccordDatabase } from '@accord/db/database';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { bearerMatches } from './bearer.ts';
import type { Metrics } from './metrics.ts';

export interface HealthDeps {
  readonly database: AccordDatabase;
  readonly metrics: Metrics;
  /** False once shutdown has begun: the balancer should stop sending new participants here. */
  readonly accepting: () => boolean;
  /** When set, `/metrics` wants `Authorization: Bearer <token>` (it names workshops' load and internals). */
  readonly metricsToken?: string | undefined;
}

/** `/healthz` (the process answers), `/readyz` (database reachable and migrated), `/metrics` (Prometheus). */
export function healthRoutes(deps: HealthDeps): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    if (!deps.accepting()) return c.json({ status: 'shutting-down' }, 503);
    try {
      await sql`select 1`.execute(deps.database.db);
      if (!(await migrationsApplied(deps.database))) return c.json({ status: 'migrations-pending' }, 503);
      return c.json({ status: 'ready' });
    } catch {
      return c.json({ status: 'database-unreachable' }, 503);
    }
  });
  app.get('/metrics', async (c) => {
    if (deps.metricsToken !== undefined && !bearerMatches(c.req.header('authorization'), deps.metricsToken)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      return c.json(
        { error: { code: 'unauthenticated', message: '/metrics needs Authorization: Bearer <METRICS_TOKEN>' } },
        401,
      );
    }
    c.header('Content-Type', deps.metrics.registry.contentType);
    return c.body(await deps.metrics.registry.metrics());
  });
  return app;
}
