import type { AccordDatabase } from '@accord/db/database';
import { AccordError } from '@accord/protocol/errors';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { OidcClient } from '../auth/oidc-client.ts';
import { ssoRoutes } from '../auth/sso.routes.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { backupRoutes } from '../ops/backup-route.ts';
import { healthRoutes } from '../ops/health-routes.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { Services } from '../services.ts';
import type { AppEnv } from './app-env.ts';
import { httpErrorHandler } from './error-status.ts';
import { openApiDocument } from './openapi.ts';
import { rateLimit, type LimiterFactory } from './rate-limit.ts';
import { MAX_BODY_BYTES } from './request-body.ts';
import { requirementsRoutes } from './routes/requirements.routes.ts';
import { seatRoutes } from './routes/seat.routes.ts';
import { verifyRoutes } from './routes/verify.routes.ts';
import { versionRoutes } from './routes/version.routes.ts';
import { workshopRoutes } from './routes/workshop.routes.ts';
import { roomBootstrap, type RoomBootstrapDeps } from './room-bootstrap.ts';
import { documentSecurityHeaders, securityHeaders } from './security-headers.ts';
import { staticWeb } from './static-web.ts';

export interface HttpAppDeps {
  readonly config: Config;
  readonly services: Services;
  readonly database: AccordDatabase;
  readonly limiters: LimiterFactory;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** Whether this node takes new work (false once shutdown began or the data folder was taken over). */
  readonly accepting: () => boolean;
  /** Stores every pending Yjs update (before a backup is taken). */
  readonly flush: () => Promise<void>;
  /** Where the built web client is served from. */
  readonly webDist: string;
  /** The rooms held in memory: a room's page carries its document (see `room-bootstrap.ts`). */
  readonly registry: RoomBootstrapDeps['registry'];
}

/** The HTTP side: security headers, compression, body and rate limits, every route group, then the web client. */
export function createHttpApp(deps: HttpAppDeps): Hono<AppEnv> {
  const { config, services, database, limiters, metrics, logger } = deps;
  const { participants, seats, audit } = services;
  const clientIp = (c: Context<AppEnv>): string => {
    // The right-most entry is the one our own proxy appended; anything left of it the client may have written.
    const forwarded = config.trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
    return forwarded || (getConnInfo(c).remote.address ?? 'unknown');
  };
  const secureCookies = (c: Context<AppEnv>): boolean =>
    config.trustProxy && c.req.header('x-forwarded-proto') === 'https';
  const http = new Hono<AppEnv>();
  http.onError(httpErrorHandler(logger, { maxDocBytes: config.maxDocBytes }));
  http.use('*', documentSecurityHeaders());
  http.use('*', securityHeaders());
  // JSON, HTML, Markdown and YAML answers shrink 5–10× gzipped; PDFs and precompressed assets are left alone.
  http.use('/api/*', compress());
  http.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AccordError('body_too_large', `the request body is larger than ${MAX_BODY_BYTES / 1_048_576} MiB`);
      },
    }),
  );
  const writeLimit = rateLimit(
    limiters({ name: 'api-write', points: config.writesPerMinute, windowSeconds: 60 }),
    clientIp,
    logger,
  );
  http.on(['POST', 'PUT', 'DELETE'], '/api/workshops/:id/*', writeLimit);
  http.route('/', healthRoutes({ database, metrics, accepting: deps.accepting, metricsToken: config.metricsToken }));
  http.route('/', backupRoutes({ database, logger, flush: deps.flush }));
  http.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  const joinLimit = rateLimit(
    limiters({ name: 'join', points: config.joinsPerMinute, windowSeconds: 60 }),
    clientIp,
    logger,
  );
  const { workshops, joins, membership } = services;
  http.route('/', workshopRoutes({ workshops, joins, membership, participants, secureCookies, joinLimit }));
  const sso = config.oidc
    ? ssoRoutes({ oidc: new OidcClient(config.oidc), joins, participants, seats, logger, secureCookies })
    : undefined;
  if (sso) http.route('/', sso.routes);
  http.route(
    '/',
    versionRoutes({
      service: services.versions,
      signOff: services.signOff,
      participants,
      clientIp,
      // Without single sign-on the seat's personal invite (its session) is the identity, and the evidence says so.
      signerIdentity: sso ? sso.signerIdentity : async () => ({ method: 'invite-link' as const }),
    }),
  );
  http.route('/', seatRoutes({ service: services.seatService, participants }));
  http.route(
    '/',
    verifyRoutes({ verify: services.verify, freeze: services.freeze, audit, participants, publicLimit: joinLimit }),
  );
  http.route('/', requirementsRoutes({ service: services.requirements, audit, participants }));
  http.all('/api/*', () => {
    throw new AccordError('not_found', 'no such API route; see /api/openapi.json');
  });
  const web = staticWeb(deps.webDist, {
    bootstrap: roomBootstrap({
      participants,
      workshops: services.workshops,
      registry: deps.registry,
      isFrozen: (id) => services.freeze.isFrozen(id),
    }),
  });
  if (web) http.route('/', web);
  return http;
}
