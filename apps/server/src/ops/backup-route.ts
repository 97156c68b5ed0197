import type { AccordDatabase } from '@accord/db/database';
import { Hono } from 'hono';
import type { Logger } from '../logger.ts';
import { bearerMatches } from './bearer.ts';

export interface BackupDeps {
  readonly database: AccordDatabase;
  /** Stores every update acknowledged so far, so the snapshot holds what participants were told is saved. */
  readonly flush: () => Promise<void>;
  readonly logger: Logger;
}

/**
 * `GET /admin/backup`: a consistent snapshot of the embedded database while the server runs (a gzipped tar
 * of the data folder, taken between transactions). `accord backup` calls it with the secret the server wrote
 * into the folder's lock file, so only someone who can read the data folder can take a copy of it.
 */
export function backupRoutes(deps: BackupDeps): Hono {
  const app = new Hono();
  app.get('/admin/backup', async (c) => {
    const { lock, dumpDataDir } = deps.database;
    if (!lock || !dumpDataDir) {
      return c.json(
        {
          error: {
            code: 'not_embedded',
            message: 'this server stores its data in PostgreSQL: back it up with pg_dump (see docs/operations.md)',
          },
        },
        404,
      );
    }
    if (!bearerMatches(c.req.header('authorization'), lock.holder.backupToken)) {
      return c.json(
        {
          error: {
            code: 'unauthenticated',
            message: "a backup needs the secret from the data folder's accord.lock; use `accord backup`",
          },
        },
        401,
      );
    }
    const started = performance.now();
    await deps.flush();
    const archive = await dumpDataDir();
    deps.logger.info({ bytes: archive.byteLength, ms: Math.round(performance.now() - started) }, 'backup taken');
    c.header('Content-Type', 'application/gzip');
    c.header('Content-Disposition', 'attachment; filename="accord-backup.tar.gz"');
    c.header('Cache-Control', 'no-store');
    return c.body(archive.buffer.slice(archive.byteOffset, archive.byteOffset + archive.byteLength) as ArrayBuffer);
  });
  return app;
}
