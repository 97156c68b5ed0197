import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '@accord/server/app';
import { testConfig, type Config } from '@accord/server/config';

/** The built web client the server serves; turbo builds it before e2e runs (`@accord/web` is a dependency). */
export const WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../apps/web/dist');

export interface RunningAccord {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  close(): Promise<void>;
}

/** The whole Accord server in this process, on port 0, over a fresh embedded database in a temp folder. */
export async function startAccord(overrides: Partial<Config> = {}): Promise<RunningAccord> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`the web client is not built at ${WEB_DIST}: run \`npm run build -w @accord/web\` (turbo does it before \`npm test\`)`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'accord-e2e-'));
  const app = await createApp(testConfig({ webDist: WEB_DIST, ...overrides }), { database: { kind: 'pglite', dataDir } });
  const url = await app.listen();
  return {
    url,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
