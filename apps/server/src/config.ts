import { DEFAULT_DATA_DIR, resolveDataDir } from '@accord/db/data-dir';
import { z } from 'zod';

const number = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .nonnegative('must not be negative')
    .default(fallback);

const envSchema = z
  .object({
    PORT: number(3000).refine((p) => p <= 65_535, 'must be a TCP port (0–65535)'),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MAX_MESSAGE_BYTES: number(1_048_576),
    MAX_DOC_BYTES: number(5 * 1_048_576),
    MAX_PARTICIPANTS: number(50),
    MAX_CONNECTIONS_PER_PARTICIPANT: number(4).refine((n) => n >= 1, 'must be at least 1'),
    ALLOWED_ORIGINS: z
      .string()
      .optional()
      .refine(
        (list) =>
          !list ||
          list
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean)
            .every((o) => {
              try {
                const url = new URL(o);
                return (
                  (url.protocol === 'http:' || url.protocol === 'https:') &&
                  url.origin === o.replace(/\/$/, '').toLowerCase()
                );
              } catch {
                return false;
              }
            }),
        'must be a comma-separated list of origins such as https://accord.example.org (scheme, host and port; no path)',
      ),
    IDLE_UNLOAD_MS: number(60_000),
    COMPACT_AFTER_UPDATES: number(500),
    WEB_DIST: z.string().optional(),
    TRUST_PROXY: z
      .enum(['0', '1', 'true', 'false'])
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
    RATE_LIMIT_JOINS_PER_MINUTE: number(30),
    RATE_LIMIT_WRITES_PER_MINUTE: number(120),
    RATE_LIMIT_EVENTS_PER_10S: number(50),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, "_" or "-"')
      .default('accord'),
    WS_PING_MS: number(25_000),
    REVOCATION_CHECK_MS: number(5_000).refine((ms) => ms >= 100, 'must be at least 100'),
    PRESENCE_HEARTBEAT_MS: number(1_000).refine((ms) => ms >= 100 && ms <= 60_000, 'must be between 100 and 60000'),
    SHUTDOWN_DRAIN_MS: number(0).refine((ms) => ms <= 300_000, 'must be at most 300000 (five minutes)'),
    SHUTDOWN_GRACE_MS: number(2_000).refine((ms) => ms <= 60_000, 'must be at most 60000 (one minute)'),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (it guards /metrics)').optional(),
    NODE_ID: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, ".", "_" or "-"')
      .optional(),
    OIDC_ISSUER: z.url({ error: 'must be the issuer URL of an OpenID provider' }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(16, 'must be at least 16 characters (it also seals login cookies)').optional(),
    OIDC_SIGN_MAX_AGE_S: number(300),
  })
  .refine(
    (e) =>
      [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].every((v) => v === undefined) ||
      [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].every((v) => v !== undefined),
    {
      message: 'single sign-on needs all three of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (or none)',
      path: ['OIDC_ISSUER'],
    },
  )
  .refine((e) => !e.REDIS_URL || e.DATABASE_URL, {
    message:
      'REDIS_URL (several nodes) needs DATABASE_URL: nodes share one PostgreSQL; the embedded database serves one node only',
    path: ['REDIS_URL'],
  });

export interface Config {
  /** TCP port; 0 picks a free one (tests). */
  readonly port: number;
  readonly host: string;
  /**
   * Where the embedded PGlite database lives when no `databaseUrl` is given: an absolute path (a relative
   * DATA_DIR is taken from the directory the command was typed in; see `resolveDataDir`).
   */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Largest websocket message accepted, bytes. */
  readonly maxMessageBytes: number;
  /** Largest stored document (snapshot plus tail), bytes. */
  readonly maxDocBytes: number;
  /** Most simultaneous Yjs connections to one workshop on this node (facilitators are let in beyond it). */
  readonly maxParticipants: number;
  /** Most simultaneous Yjs connections of one participant (tabs, devices), so nobody takes the others' seats. */
  readonly maxConnectionsPerParticipant: number;
  /**
   * Origins besides the server's own from which pages may open the Yjs and socket.io connections
   * (lower case, `scheme://host[:port]`).
   */
  readonly allowedOrigins: readonly string[];
  /** A workshop with no connection for this long is flushed and unloaded from memory. */
  readonly idleUnloadMs: number;
  /** Compact a workshop's log once its tail holds this many updates. */
  readonly compactAfterUpdates: number;
  /** Folder of the built web client; defaults to apps/web/dist. */
  readonly webDist: string | undefined;
  /**
   * Behind a load balancer: take the client address from X-Forwarded-For and TLS from X-Forwarded-Proto
   * (rate limits key on the address; cookies are Secure over TLS). Never set it when clients reach the
   * process directly, or they could choose their own address.
   */
  readonly trustProxy: boolean;
  /** Workshop creations, invite look-ups and joins one client address may make per minute (invite guessing). */
  readonly joinsPerMinute: number;
  /** Writes (POST, PUT, DELETE) to a workshop one client address may make per minute. */
  readonly writesPerMinute: number;
  /** socket.io actions (phase, timer, proposals, votes) one participant may send per 10 seconds. */
  readonly eventsPerTenSeconds: number;
  /** Prefix of every Redis key and channel, so deployments can share a Redis. */
  readonly redisPrefix: string;
  /** How often the Yjs endpoint pings each connection; one unanswered ping ends it, ms (0: off). */
  readonly wsPingMs: number;
  /**
   * With several nodes: how often each node re-reads revocations from PostgreSQL, so a participant revoked
   * elsewhere is cut here even if the Redis message was lost, ms (also done whenever Redis comes back).
   */
  readonly revocationCheckMs: number;
  /**
   * With several nodes: how often each node announces who is present through it in each loaded workshop,
   * ms. A node silent for three of these is taken for dead and its participants leave the others' rooms.
   */
  readonly presenceHeartbeatMs: number;
  /**
   * On shutdown, how long `/readyz` answers 503 while everything else is still served, ms, so a balancer
   * that polls it stops sending new work before the listener closes (0: close at once, for a single node).
   */
  readonly shutdownDrainMs: number;
  /**
   * On shutdown, how long requests in flight (a PDF, a publish) may take to finish, and how long connections that ignore their close frame (an unresponsive socket.io or Yjs
   * client) may keep the process waiting before they are cut, ms.
   */
  readonly shutdownGraceMs: number;
  /** When set, `/metrics` answers only requests that carry `Authorization: Bearer <token>`. */
  readonly metricsToken: string | undefined;
  /** This node's name in logs and Redis; random when unset. */
  readonly nodeId: string | undefined;
  /**
   * Single sign-on (OpenID Connect) for sponsor seats, when configured: joining a seat binds it to the
   * identity the provider asserts, and signing needs a login no older than `signMaxAgeSeconds`. Without it,
   * a seat's personal invite link is the identity.
   */
  readonly oidc:
    | {
        readonly issuer: string;
        readonly clientId: string;
        readonly clientSecret: string;
        readonly signMaxAgeSeconds: number;
      }
    | undefined;
}

export type ConfigResult =
  { readonly ok: true; readonly config: Config } | { readonly ok: false; readonly error: string };

/** Reads and validates the environment once; the message names each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    return { ok: false, error: `invalid configuration:\n${lines.join('\n')}` };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: Object.freeze({
      port: e.PORT,
      host: e.HOST,
      dataDir: resolveDataDir(e.DATA_DIR, env),
      databaseUrl: e.DATABASE_URL,
      redisUrl: e.REDIS_URL,
      logLevel: e.LOG_LEVEL,
      maxMessageBytes: e.MAX_MESSAGE_BYTES,
      maxDocBytes: e.MAX_DOC_BYTES,
      maxParticipants: e.MAX_PARTICIPANTS,
      maxConnectionsPerParticipant: e.MAX_CONNECTIONS_PER_PARTICIPANT,
      allowedOrigins: (e.ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim().replace(/\/$/, '').toLowerCase())
        .filter(Boolean),
      idleUnloadMs: e.IDLE_UNLOAD_MS,
      compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
      webDist: e.WEB_DIST,
      trustProxy: e.TRUST_PROXY,
      redisPrefix: e.REDIS_PREFIX,
      nodeId: e.NODE_ID,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
      shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
      revocationCheckMs: e.REVOCATION_CHECK_MS,
      presenceHeartbeatMs: e.PRESENCE_HEARTBEAT_MS,
      wsPingMs: e.WS_PING_MS,
      metricsToken: e.METRICS_TOKEN,
      oidc:
        e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
          ? Object.freeze({
              issuer: e.OIDC_ISSUER,
              clientId: e.OIDC_CLIENT_ID,
              clientSecret: e.OIDC_CLIENT_SECRET,
              signMaxAgeSeconds: e.OIDC_SIGN_MAX_AGE_S,
            })
          : undefined,
      joinsPerMinute: e.RATE_LIMIT_JOINS_PER_MINUTE,
      writesPerMinute: e.RATE_LIMIT_WRITES_PER_MINUTE,
      eventsPerTenSeconds: e.RATE_LIMIT_EVENTS_PER_10S,
    }),
  };
}

/** A config for tests: port 0, in-memory-quiet logs, overrides applied. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ PORT: '0', LOG_LEVEL: 'silent' });
  if (!base.ok) throw new Error(base.error);
  return Object.freeze({ ...base.config, ...overrides });
}
