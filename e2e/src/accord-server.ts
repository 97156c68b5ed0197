import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '@accord/server/config';
import { provided } from './shared-run.ts';

/** The built web client the server serves; turbo builds it before e2e runs (`@accord/web` is a dependency). */
export const WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../apps/web/dist');

export interface RunningAccord {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  close(): Promise<void>;
}

/** Whether the web client is built where the server serves it from. */
export function webClientBuilt(): boolean {
  return existsSync(join(WEB_DIST, 'index.html'));
}

/**
 * An Accord server for a test file. With no overrides this is the one server every e2e file shares (started
 * by `global-setup.ts`; its `close` leaves it running); with overrides, or outside vitest's e2e run, the
 * whole server in this process, on port 0, over a fresh embedded database in a temp folder.
 */
export async function startAccord(
  overrides: Partial<Config> = {},
  options: { shared?: boolean } = {},
): Promise<RunningAccord> {
  const shared = options.shared !== false && Object.keys(overrides).length === 0 ? provided('accordUrl') : '';
  if (shared) return { url: shared, close: async () => undefined };
  if (!webClientBuilt()) {
    throw new Error(
      `the web client is not built at ${WEB_DIST}: run \`npm run build -w @accord/web\` (turbo does it before \`npm test\`)`,
    );
  }
  // Loaded only here: a file on the shared server never pays for importing the whole server.
  const [{ freshPgliteDir }, { createApp }, { testConfig }] = await Promise.all([
    import('@accord/db/test-databases'),
    import('@accord/server/app'),
    import('@accord/server/config'),
  ]);
  const dataDir = await freshPgliteDir('accord-e2e-');
  const app = await createApp(testConfig({ webDist: WEB_DIST, ...overrides }), {
    database: { kind: 'pglite', dataDir },
  });
  const url = await app.listen();
  return {
    url,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
