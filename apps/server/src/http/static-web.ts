import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { ROOM_BOOTSTRAP_ELEMENT_ID, type RoomBootstrap } from '@accord/protocol/room-bootstrap';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { RoomBootstrapSource } from './room-bootstrap.ts';

export interface StaticWebOptions {
  /** What a page request's room address carries for its signed-in browser (see `roomBootstrap`). */
  readonly bootstrap?: RoomBootstrapSource;
}

/**
 * Serves the built web client, so one process is the whole app. Hashed assets are cached for a year and sent
 * precompressed (the build writes `.br` and `.gz` beside each; the browser's Accept-Encoding picks); every
 * other path that is not an API or websocket path gets `index.html` (the client routes itself) — for a
 * room's address and a browser signed in to it, with the room's bootstrap in it, private to that browser.
 */
export function staticWeb(root: string, options: StaticWebOptions = {}): Hono | undefined {
  const indexPath = join(root, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  const index = readFileSync(indexPath, 'utf8');
  const app = new Hono();
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', serveStatic({ root, precompressed: true }));
  app.get('*', compress(), async (c) => {
    const bootstrap = await options.bootstrap?.(c.req.path, c.req.header('cookie'));
    // The same address gives another page to another session: never stored, never shared by a cache.
    c.header('Vary', 'Cookie');
    if (!bootstrap) {
      c.header('Cache-Control', 'no-cache');
      return c.html(index);
    }
    c.header('Cache-Control', 'private, no-store');
    return c.html(withBootstrap(index, bootstrap));
  });
  return app;
}

/**
 * The page with the bootstrap as a JSON data block at the end of its body, after everything the browser
 * must discover early (the scripts and preloads in the head). `<` is escaped, so no text in the workshop can
 * close the block.
 */
export function withBootstrap(html: string, bootstrap: RoomBootstrap): string {
  const json = JSON.stringify(bootstrap).replace(/</g, '\\u003c');
  const block = `<script type="application/json" id="${ROOM_BOOTSTRAP_ELEMENT_ID}">${json}</script>`;
  const end = html.lastIndexOf('</body>');
  return end === -1 ? `${html}${block}` : `${html.slice(0, end)}${block}${html.slice(end)}`;
}
