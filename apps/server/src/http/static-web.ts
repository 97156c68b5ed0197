import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';

/**
 * Serves the built web client, so one process is the whole app. Hashed assets are cached for a year and sent
 * precompressed (the build writes `.br` and `.gz` beside each; the browser's Accept-Encoding picks); every
 * other path that is not an API or websocket path gets `index.html` (the client routes itself).
 */
export function staticWeb(root: string): Hono | undefined {
  const indexPath = join(root, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  const index = readFileSync(indexPath, 'utf8');
  const app = new Hono();
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', serveStatic({ root, precompressed: true }));
  app.get('*', compress(), (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(index);
  });
  return app;
}
