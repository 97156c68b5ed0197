import { isAbsolute, resolve } from 'node:path';

/** The embedded database's folder when DATA_DIR is not set: `data` in the directory Accord was started from. */
export const DEFAULT_DATA_DIR = './data';

/**
 * The absolute data folder for a DATA_DIR value. A relative path is taken from the directory the command was
 * typed in: npm runs a workspace's script inside that workspace (so `./data` would silently become
 * `apps/server/data` or `db/data`), but records where it was invoked as INIT_CWD, which is used first.
 * Every entry point (server, `npm run db:migrate`, `accord backup`/`restore`) resolves through here, so
 * they all agree on one folder.
 */
export function resolveDataDir(value: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const dir = value && value !== '' ? value : DEFAULT_DATA_DIR;
  if (dir.startsWith('memory://') || isAbsolute(dir)) return dir;
  return resolve(env.INIT_CWD || process.cwd(), dir);
}
