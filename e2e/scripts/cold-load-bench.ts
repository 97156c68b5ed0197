/**
 * Cold load of the workshop room on an emulated phone network: Chrome DevTools' "Fast 3G" profile
 * (562.5 ms round trip, 1.44 Mbit/s down, 675 kbit/s up) and a CPU slowed 4×, empty cache, the messaging
 * template. Measures from navigation until the room says "All changes saved" (the document is loaded and
 * the forms are filled), side by side with the same load when the browser accepts no compression.
 *
 *   npm run build -w @accord/web && npm run bench -w @accord/e2e
 *
 * Target (issue 16): median under 2 500 ms with compression.
 */
import type { CDPSession, Page } from 'playwright-core';
import { startAccord } from '../src/accord-server.ts';
import { chromiumAvailable, launchChromium } from '../src/chromium.ts';

const RUNS = Number(process.env.COLD_LOAD_RUNS ?? 5);
const TARGET_MS = 2500;
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};

interface Sample {
  readonly ms: number;
  readonly transferredBytes: number;
}

async function throttle(page: Page, identity: boolean): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  if (identity) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  return cdp;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

if (!chromiumAvailable()) process.exit(0);
const accord = await startAccord();
const browser = await launchChromium();
try {
  const created = await fetch(`${accord.url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ template: 'messaging', facilitatorName: 'Bench Facilitator' }),
  });
  const session = (await created.json()) as { token: string; workshop: { id: string } };
  const roomUrl = `${accord.url}/w/${session.workshop.id}`;

  const load = async (identity: boolean): Promise<Sample> => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await context.addCookies([{ name: `accord_${session.workshop.id}`, value: session.token, url: accord.url }]);
    const page = await context.newPage();
    const cdp = await throttle(page, identity);
    let transferredBytes = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      transferredBytes += event.encodedDataLength;
    });
    const started = performance.now();
    await page.goto(roomUrl);
    await page.locator('[data-testid="saved-state"][data-state="saved"]').waitFor({ timeout: 60_000 });
    const ms = performance.now() - started;
    await context.close();
    return { ms, transferredBytes };
  };

  await load(false); // warms the server (workshop loaded, index cached), not the browser
  const rows: Record<string, string | number>[] = [];
  const samples: Record<'compressed' | 'identity', Sample[]> = { compressed: [], identity: [] };
  for (let run = 0; run < RUNS; run += 1) {
    // Interleaved, so a noisy moment on a shared machine hits both alike.
    samples.compressed.push(await load(false));
    samples.identity.push(await load(true));
  }
  for (const [variant, list] of Object.entries(samples)) {
    const ms = median(list.map((s) => s.ms));
    rows.push({
      variant,
      runs: list.length,
      'median ms': Math.round(ms),
      'min ms': Math.round(Math.min(...list.map((s) => s.ms))),
      'max ms': Math.round(Math.max(...list.map((s) => s.ms))),
      'transferred KB': (median(list.map((s) => s.transferredBytes)) / 1024).toFixed(1),
      target: variant === 'compressed' ? (ms <= TARGET_MS ? `met (≤ ${TARGET_MS})` : `MISSED (> ${TARGET_MS})`) : '—',
    });
  }
  console.log('cold room load, Fast 3G + 4× CPU, 390 px, empty cache');
  console.table(rows);
} finally {
  await browser.close();
  await accord.close();
}
