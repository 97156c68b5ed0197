import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { staticWeb } from './static-web.ts';

describe('staticWeb', () => {
  const root = mkdtempSync(join(tmpdir(), 'accord-web-'));
  const script = 'export const room = 1;\n'.repeat(200);
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), `<!doctype html><title>Accord</title>${'<!-- padding -->'.repeat(100)}`);
  writeFileSync(join(root, 'assets', 'room.js'), script);
  writeFileSync(join(root, 'assets', 'room.js.br'), 'brotli bytes');
  writeFileSync(join(root, 'assets', 'room.js.gz'), 'gzip bytes');
  const served = staticWeb(root);
  if (!served) throw new Error('staticWeb found no index.html');
  const web = served;
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('sends the precompressed copy the browser accepts, brotli first', async () => {
    const brotli = await web.request('/assets/room.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('vary')).toContain('Accept-Encoding');
    expect(await brotli.text()).toBe('brotli bytes');
    const gzip = await web.request('/assets/room.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(await gzip.text()).toBe('gzip bytes');
  });

  it('sends the plain file to a client that accepts no encoding, cached for a year', async () => {
    const plain = await web.request('/assets/room.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('cache-control')).toContain('immutable');
    expect(await plain.text()).toBe(script);
  });

  it("carries a signed-in room's bootstrap in its page, escaped and private to that browser", async () => {
    const bootstrap = {
      workshop: { id: 'abc123', title: '</script><b>', template: 'blank', phase: 'scope' as const, createdAt: 'now' },
      you: { id: 'p1', name: 'Anna', role: 'facilitator' as const, joinedAt: 'now', revoked: false },
      doc: 'AAA=',
      frozen: false,
    };
    const asked: (string | undefined)[] = [];
    const withRoom = staticWeb(root, {
      bootstrap: async (path, cookie) => {
        asked.push(cookie);
        return path === '/w/abc123/recovery' && cookie === 'accord_abc123=t' ? bootstrap : undefined;
      },
    });
    const page = await withRoom?.request('/w/abc123/recovery', { headers: { cookie: 'accord_abc123=t' } });
    const html = (await page?.text()) ?? '';
    expect(page?.headers.get('cache-control')).toBe('private, no-store');
    expect(html).not.toContain('</script><b>');
    const block = /<script type="application\/json" id="accord-room">(.*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(block)).toEqual(bootstrap);
    const other = await withRoom?.request('/w/abc123/recovery');
    expect(other?.headers.get('cache-control')).toBe('no-cache');
    expect(await other?.text()).not.toContain('accord-room');
    expect(asked).toEqual(['accord_abc123=t', undefined]);
  });

  it('compresses the page a phase address answers with', async () => {
    const page = await web.request('/w/abc123/recovery', { headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await page.arrayBuffer())).toString()).toContain('<title>Accord</title>');
  });
});
