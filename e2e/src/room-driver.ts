import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Download, Locator, Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = resolve(here, '../test-results/screenshots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const DESKTOP = { viewport: { width: 1280, height: 800 } } as const;
export const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
} as const;

export interface Participant {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly name: string;
}

export async function openContext(
  browser: Browser,
  options: typeof DESKTOP | typeof PHONE = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    ...options,
    acceptDownloads: true,
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Creates a workshop from the start page as its facilitator and waits until the room has loaded. */
export async function createWorkshop(
  browser: Browser,
  url: string,
  name: string,
  template = 'Enterprise messaging',
): Promise<Participant & { workshopId: string }> {
  const { context, page } = await openContext(browser);
  await page.goto(url);
  await page.getByLabel('Your name (you facilitate)').fill(name);
  await page.getByRole('radio', { name: new RegExp(template) }).check();
  await page.getByRole('button', { name: 'Create workshop' }).click();
  await page.waitForURL(/\/w\/[a-z0-9]+$/);
  await waitForSaved(page);
  const workshopId = new URL(page.url()).pathname.split('/').pop() ?? '';
  return { context, page, name, workshopId };
}

/** Creates an invite link for a role through the facilitator's tools dialog. */
export async function inviteLink(
  facilitator: Page,
  role: 'stakeholder' | 'sponsor' | 'observer',
  sponsorName = 'Karin Vogt',
): Promise<string> {
  // Sponsors sign, so there is no sponsor role link: the facilitator names the sponsor's seat instead.
  if (role === 'sponsor')
    return seatLink(facilitator, sponsorName, `${sponsorName.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`);
  await facilitator.getByRole('button', { name: 'Invite & manage' }).click();
  const dialog = facilitator.getByRole('dialog', { name: 'Invite and manage' });
  await dialog.getByLabel('Role').selectOption(role);
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const field = dialog.getByLabel(new RegExp(`^${role} link`, 'i')).first();
  const link = await field.inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return link;
}

/** Names a sponsor who must sign and returns their personal invite (works once). */
export async function seatLink(facilitator: Page, name: string, email: string, title = ''): Promise<string> {
  await facilitator.getByRole('button', { name: 'Invite & manage' }).click();
  const dialog = facilitator.getByRole('dialog', { name: 'Invite and manage' });
  await dialog.getByLabel('Name, as it should appear').fill(name);
  await dialog.getByLabel('E-mail').fill(email);
  await dialog.getByLabel('Title (optional)').fill(title);
  await dialog.getByRole('button', { name: 'Name sponsor' }).click();
  const link = await dialog.getByLabel(`Personal invite for ${name} (shown once, works once)`).inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return link;
}

/** Opens an invite link in a new context, joins under a name (a seat's invite joins under the seat's), and waits for the room. */
export async function joinByLink(
  browser: Browser,
  link: string,
  name: string,
  options: typeof DESKTOP | typeof PHONE = DESKTOP,
): Promise<Participant> {
  const { context, page } = await openContext(browser, options);
  await page.goto(link);
  await page.getByRole('button', { name: 'Join the workshop' }).waitFor();
  if ((await page.getByTestId('seat-invite').count()) === 0)
    await page.getByLabel('Your name, as the others will see it').fill(name);
  await page.getByRole('button', { name: 'Join the workshop' }).click();
  await page.waitForURL(/\/w\/[a-z0-9]+$/);
  await page.getByTestId('saved-state').and(page.locator('[data-state="saved"], [data-state="read-only"]')).waitFor();
  return { context, page, name };
}

/** Waits until the header says every local change is stored on the server. */
export async function waitForSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="saved-state"][data-state="saved"]').waitFor({ timeout: 20_000 });
}

/**
 * The room opened again in a new page of `participant`'s browser, with socket.io's code (the live controls'
 * chunk) held back until `release` is called: the room paints without it, as on a slow phone.
 */
export async function openWithControlsHeld(participant: Participant): Promise<{ page: Page; release: () => void }> {
  const page = await participant.context.newPage();
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/assets/socket-io-*.js', async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(participant.page.url());
  return { page, release };
}

/** What the header's saved indicator says (`saved`, `saving`, `offline`, `offline-unsaved`, `read-only` …). */
export async function savedState(page: Page): Promise<string | null> {
  return page.getByTestId('saved-state').getAttribute('data-state');
}

/** The input of a field path (the forms give every input the id `field:<path>`). */
export function field(page: Page, path: string): Locator {
  return page.locator(`[id="field:${path}"]`);
}

/** Opens a phase locally from the agenda. */
export async function openPhase(page: Page, title: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Agenda' })
    .getByRole('button', { name: new RegExp(`^\\d?\\s*${title}`) })
    .click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** Types into a field as a person would: select what is there, type, leave the field. */
export async function typeInto(page: Page, path: string, text: string): Promise<void> {
  const input = field(page, path);
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.pressSequentially(text, { delay: 15 });
  await input.press('Tab');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/**
 * Runs axe-core in the page (evaluated over the debugging protocol, so the app's CSP stays as it is) and
 * returns the serious and critical violations.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Half a megabyte of script: sent and parsed once per document, not once per check of the same page.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A finished download's bytes (streamed: the browser may run in another process, where `path()` is not available). */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
