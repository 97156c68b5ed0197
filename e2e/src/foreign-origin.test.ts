import { CLOSE } from '@accord/protocol/close-codes';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccord, type RunningAccord } from './accord-server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';

describe.runIf(chromiumAvailable())('a page on another origin', () => {
  let accord: RunningAccord;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    // The shared server: its origin rule is the default one, and the API and the sockets are all this needs.
    accord = await startAccord();
    url = accord.url;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it("cannot open a workshop's Yjs socket, while the server's own origin can", async () => {
    const created = await fetch(`${url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ template: 'blank', facilitatorName: 'Fay' }),
    }).then((response) => response.json() as Promise<{ token: string; workshop: { id: string } }>);
    const target = `${url.replace('http', 'ws')}/yjs/${created.workshop.id}?token=${encodeURIComponent(created.token)}`;
    const page = await browser.newPage();
    const attempt = () =>
      page.evaluate(
        (socketUrl) =>
          new Promise<{ code: number; reason: string } | 'open'>((resolve) => {
            const socket = new WebSocket(socketUrl);
            socket.onclose = (event) => resolve({ code: event.code, reason: event.reason });
            // Open and still open a moment later: let in. A negative check (the server does not close it), so a
            // fixed wait.
            socket.onopen = () =>
              setTimeout(() => {
                if (socket.readyState !== WebSocket.OPEN) return;
                socket.onclose = null;
                socket.close();
                resolve('open');
              }, 500);
          }),
        target,
      );

    // "localhost" is another origin than "127.0.0.1", served by the same process: the browser sends its own Origin.
    await page.goto(`${url.replace('127.0.0.1', 'localhost')}/healthz`);
    expect(await attempt()).toEqual({ code: CLOSE.foreignOrigin.code, reason: CLOSE.foreignOrigin.reason });
    await page.goto(`${url}/healthz`);
    expect(await attempt()).toBe('open');
    await page.close();
  }, 60_000);
});
