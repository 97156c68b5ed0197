import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccord, type RunningAccord } from './accord-server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import {
  createWorkshop,
  field,
  joinByLink,
  openContext,
  PHONE,
  savedState,
  screenshot,
  type Participant,
} from './room-driver.ts';

const BROKEN = 'formatVersion: 1\nmeta:\n  title: "unterminated\n';
const FIXED = 'formatVersion: 1\nmeta: { title: Payroll SLA, service: Payroll, timeZone: Europe/Vienna }\n';

describe.runIf(chromiumAvailable())('invite and manage', () => {
  let accord: RunningAccord;
  let browser: Browser;
  let facilitator: Participant;
  let dialog: Locator;
  let salesLink: string;
  let jonas: Participant;
  let lena: Participant;
  /** Uncaught errors in the facilitator's page: none may happen. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    accord = await startAccord();
    browser = await launchChromium();
    facilitator = await createWorkshop(browser, accord.url, 'Anna Keller');
    facilitator.page.on('pageerror', (error) => pageErrors.push(error.message));
    dialog = facilitator.page.getByRole('dialog', { name: 'Invite and manage' });
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('lists people and counts the uses of each link as they join, while the dialog stays open', async () => {
    await facilitator.page.getByRole('button', { name: 'Invite & manage' }).click();
    await dialog.getByLabel('Label (optional)').fill('Sales team');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    salesLink = await dialog
      .getByLabel(/^Stakeholder link/)
      .first()
      .inputValue();
    const uses = dialog
      .getByRole('row', { name: /Sales team/ })
      .getByRole('cell')
      .nth(2);
    await expect.poll(() => uses.textContent()).toBe('0');

    jonas = await joinByLink(browser, salesLink, 'Jonas Weber');
    await dialog.getByRole('row', { name: /Jonas Weber/ }).waitFor();
    await expect.poll(() => uses.textContent()).toBe('1');
    lena = await joinByLink(browser, salesLink, 'Lena Roth');
    await dialog.getByRole('row', { name: /Lena Roth/ }).waitFor();
    await expect.poll(() => uses.textContent()).toBe('2');
  });

  it('asks before removing someone, then locks them out of the link they used while the others who joined by it stay', async () => {
    await dialog.getByRole('button', { name: 'Remove Jonas Weber from the workshop' }).click();
    const confirm = facilitator.page.getByRole('alertdialog', { name: 'Remove Jonas Weber?' });
    await confirm
      .getByText(
        'is disconnected at once and the link they joined with stops working; people who already joined by that link stay in',
      )
      .waitFor();
    await screenshot(facilitator.page, 'remove-confirm-1280');
    // Cancelling removes nobody.
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect(savedState(jonas.page)).resolves.toBe('saved');

    await dialog.getByRole('button', { name: 'Remove Jonas Weber from the workshop' }).click();
    await confirm.getByRole('button', { name: 'Remove and revoke the link' }).click();
    await jonas.page
      .getByRole('alert')
      .getByText(/revoked/)
      .waitFor();
    await dialog
      .getByRole('row', { name: /Jonas Weber/ })
      .getByText('removed')
      .waitFor();
    await dialog
      .getByRole('row', { name: /Sales team/ })
      .getByText('revoked')
      .waitFor();
    // Lena joined by the same link and stays in.
    await expect(savedState(lena.page)).resolves.toBe('saved');
    await expect(dialog.getByRole('button', { name: 'Remove Lena Roth from the workshop' }).isVisible()).resolves.toBe(
      true,
    );

    // The link no longer lets Jonas back in, and the page says whom to ask once.
    await jonas.page.goto(salesLink);
    await jonas.page.getByRole('heading', { name: 'This invite link does not work' }).waitFor();
    await expect(jonas.page.getByText(/ask the facilitator for a new one/i).count()).resolves.toBe(1);
    await screenshot(jonas.page, 'revoked-link-1280');
  });

  it('imports a file, says once what is wrong with a broken one, and takes the same file again once it is fixed', async () => {
    const input = dialog.getByLabel('Replace the requirements with a file');
    await input.setInputFiles({ name: 'payroll.yaml', mimeType: 'text/yaml', buffer: Buffer.from(BROKEN) });
    const alert = dialog.getByRole('alert');
    await alert.getByText('The requirements file has 1 problem:').waitFor();
    await expect(alert.getByText(/Missing closing/).count()).resolves.toBe(1);
    await expect(alert.textContent()).resolves.not.toContain('(file)');
    // Emptied after each choice: picking the same file again (now fixed) is a new choice.
    await expect(input.inputValue()).resolves.toBe('');
    await alert.scrollIntoViewIfNeeded();
    await screenshot(facilitator.page, 'import-broken-1280');

    await input.setInputFiles({ name: 'payroll.yaml', mimeType: 'text/yaml', buffer: Buffer.from(FIXED) });
    await dialog.getByRole('status').getByText('Imported payroll.yaml.').waitFor();
    await expect(alert.count()).resolves.toBe(0);
    await expect(input.inputValue()).resolves.toBe('');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => field(facilitator.page, '/meta/title').inputValue()).toBe('Payroll SLA');
    expect(pageErrors).toEqual([]);
  });

  it('shows the join page of an unknown link with one piece of advice', async () => {
    const { context, page } = await openContext(browser);
    await page.goto(`${accord.url}/join/not-a-real-link`);
    await page.getByRole('heading', { name: 'This invite link does not work' }).waitFor();
    await expect(page.getByText(/ask the facilitator for a new one/i).count()).resolves.toBe(1);
    await context.close();
  });

  it('fits the dialog on a phone: no sideways scrolling, Close and Copy in view', async () => {
    await facilitator.page.setViewportSize(PHONE.viewport);
    await facilitator.page.getByRole('button', { name: 'Invite & manage' }).click();
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const copy = dialog.getByRole('button', { name: 'Copy' }).last();
    await copy.waitFor();
    const [scrollWidth, clientWidth] = await dialog.evaluate((d) => [d.scrollWidth, d.clientWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    for (const button of [dialog.getByRole('button', { name: 'Close' }), copy]) {
      const box = await button.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= PHONE.viewport.width).toBe(true);
    }
    await screenshot(facilitator.page, 'invite-390');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });
});
