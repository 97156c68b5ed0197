import type { TestDialect } from '@accord/db/test-databases';
import { TEST_DIALECTS } from '@accord/db/test-databases';
import { createApp, type AccordApp } from '../app.ts';
import { testConfig, type Config } from '../config.ts';

/** The real PostgreSQL and Redis the scale-out tests need; `.ci/run` sets both. */
export const SCALE_OUT_URLS = {
  database: process.env.TEST_DATABASE_URL,
  redis: process.env.TEST_REDIS_URL,
};

/** Whether scale-out tests can run here; in CI their absence is a failure, not a skip. */
export function scaleOutAvailable(): boolean {
  const present = Boolean(SCALE_OUT_URLS.database && SCALE_OUT_URLS.redis);
  if (!present && process.env.CI)
    throw new Error('scale-out tests need TEST_DATABASE_URL and TEST_REDIS_URL (bash .ci/run sets them)');
  return present;
}

export interface Cluster {
  readonly nodes: readonly { readonly app: AccordApp; readonly url: string; readonly yjsUrl: string }[];
  close(): Promise<void>;
}

/** Several in-process nodes on one fresh PostgreSQL schema and one Redis, under a prefix of their own. */
export async function startCluster(count: number, overrides: Partial<Config> = {}): Promise<Cluster> {
  const postgres = TEST_DIALECTS.find((d): d is TestDialect => d.name === 'postgres');
  if (!postgres || !SCALE_OUT_URLS.redis) throw new Error('no PostgreSQL or Redis for scale-out tests');
  const prepared = await postgres.prepare();
  const prefix = `accord-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const nodes: { app: AccordApp; url: string; yjsUrl: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const config = testConfig({
      redisUrl: SCALE_OUT_URLS.redis,
      redisPrefix: prefix,
      nodeId: `node-${i}`,
      ...overrides,
    });
    const app = await createApp(config, { database: prepared.options });
    const url = await app.listen();
    nodes.push({ app, url, yjsUrl: `${url.replace('http', 'ws')}/yjs` });
  }
  return {
    nodes,
    close: async () => {
      for (const node of nodes) await node.app.close();
      await prepared.cleanup();
    },
  };
}
