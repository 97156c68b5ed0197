import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { startAccord, type RunningAccord } from './accord-server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import { field, openContext, openPhase, screenshot } from './room-driver.ts';

/** Every way participant text could try to run: markup, handlers, script URLs, Markdown links and images. */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '<svg onload="window.__xss=3">',
  '[click](javascript:window.__xss=4)',
  '![x](javascript:window.__xss=5)',
  '"><iframe srcdoc="<script>parent.__xss=6</script>">',
];

/** Keys of free text in the requirements model: each gets a payload (ids, enums, times and paths keep their form). */
const TEXT_KEYS = new Set([
  'title',
  'service',
  'description',
  'name',
  'contact',
  'role',
  'exclusions',
  'users',
  'notes',
  'requestedBy',
  'rationale',
  'reference',
  'definition',
  'threat',
  'mitigation',
  'owner',
  'reason',
  'note',
  'proposedBy',
  'decidedBy',
  'organisation',
]);

let next = 0;
function poison(value: unknown, key = ''): unknown {
  if (Array.isArray(value))
    return value.map((item) =>
      key === 'exclusions' ? `${PAYLOADS[next++ % PAYLOADS.length]} ${String(item)}` : poison(item),
    );
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)]));
  }
  if (typeof value === 'string' && TEXT_KEYS.has(key) && key !== 'role')
    return `${PAYLOADS[next++ % PAYLOADS.length]} ${value}`.slice(0, 190);
  return value;
}

const here = dirname(fileURLToPath(import.meta.url));
const template = parse(readFileSync(resolve(here, '../../templates/messaging.yaml'), 'utf8')) as Record<
  string,
  unknown
>;
// Attendance roles and sponsor roles are enums or short labels; the rest of the text is hostile.
const hostile = stringify(poison(template));

async function assertInert(page: Page, where: string): Promise<void> {
  const state = await page.evaluate(() => ({
    flag: (globalThis as unknown as { __xss?: number }).__xss,
    images: document.querySelectorAll('img[src="x"]').length,
    svgs: document.querySelectorAll('svg[onload]').length,
    scripts: Array.from(document.scripts).filter((s) => s.textContent?.includes('__xss')).length,
    links: Array.from(document.querySelectorAll('a[href]')).filter((a) =>
      a.getAttribute('href')?.trim().toLowerCase().startsWith('javascript:'),
    ).length,
    frames: document.querySelectorAll('iframe[srcdoc]').length,
  }));
  expect(state, where).toEqual({ flag: undefined, images: 0, svgs: 0, scripts: 0, links: 0, frames: 0 });
}

describe.runIf(chromiumAvailable())('hostile text in every field', () => {
  let accord: RunningAccord;
  let browser: Browser;

  beforeAll(async () => {
    accord = await startAccord();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('stays text on every screen of the live room and in the rendered document', async () => {
    const { page } = await openContext(browser);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(accord.url);
    const created = await page.evaluate(async (requirementsText) => {
      const response = await fetch('/api/workshops', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ requirementsText, facilitatorName: '<img src=x onerror="window.__xss=7">' }),
      });
      return {
        status: response.status,
        body: (await response.json()) as { workshop?: { id: string }; error?: unknown },
      };
    }, hostile);
    expect(created.status, JSON.stringify(created.body.error)).toBe(201);
    await page.goto(`${accord.url}/w/${created.body.workshop?.id ?? ''}`);
    await page.locator('[data-testid="saved-state"]').waitFor();

    await expect(field(page, '/meta/title').inputValue()).resolves.toMatch(/^<img src=x onerror=/);
    for (const phase of ['Scope', 'Availability', 'Recovery', 'Support', 'Risks', 'Review', 'Sign-off']) {
      await openPhase(page, phase);
      await assertInert(page, phase);
    }
    await openPhase(page, 'Sign-off');
    await page.getByRole('button', { name: /^Publish version 1/ }).click();
    // With errors in the live preview, publishing asks first.
    const confirm = page.getByRole('alertdialog', { name: /^Publish version 1 with/ });
    await confirm
      .or(page.getByRole('heading', { name: 'Version 1', exact: true }))
      .first()
      .waitFor();
    if (await confirm.isVisible()) {
      await assertInert(page, 'publish confirmation');
      await confirm.getByRole('button', { name: 'Publish anyway' }).click();
    }
    const frame = page.frameLocator('iframe[title^="SLA and justification"]');
    await frame
      .locator('body')
      .getByText(/onerror/)
      .first()
      .waitFor();
    await screenshot(page, 'hostile-text-signoff');
    await assertInert(page, 'sign-off with the document');
    const inside = await page
      .frames()
      .find((f) => f.url().includes('/document.html'))
      ?.evaluate(() => ({
        flag: (globalThis as unknown as { __xss?: number }).__xss,
        images: document.querySelectorAll('img[src="x"]').length,
        scripts: document.querySelectorAll('script').length,
      }));
    expect(inside).toEqual({ flag: undefined, images: 0, scripts: 0 });
    await page.getByRole('button', { name: 'Invite & manage' }).click();
    await assertInert(page, 'tools dialog');
    expect(dialogs).toEqual([]);
  });
});
