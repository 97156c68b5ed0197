import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccord, type RunningAccord } from './accord-server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import { createWorkshop, inviteLink, joinByLink, openPhase, PHONE, screenshot, type Participant } from './room-driver.ts';

const SITE_RTO = '/functions/mailbox-access/recovery/site-loss/rtoSeconds';

/**
 * The facilitator learns a proposal came in, and whoever proposed a value learns what the facilitator decided,
 * on a phone too, where the activity list is folded away.
 */
describe.runIf(chromiumAvailable())('the outcome of your proposal', () => {
  let accord: RunningAccord;
  let browser: Browser;
  let facilitator: Participant;
  let stakeholder: Participant;

  beforeAll(async () => {
    accord = await startAccord();
    browser = await launchChromium();
    facilitator = await createWorkshop(browser, accord.url, 'Anna Keller');
    stakeholder = await joinByLink(browser, await inviteLink(facilitator.page, 'stakeholder'), 'Jonas Weber', PHONE);
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('tells the proposer in the bar that stays on screen, and links to the field', async () => {
    const page = stakeholder.page;
    await openPhase(page, 'Recovery');
    await page.locator(`[data-field="${SITE_RTO}"]`).getByRole('button', { name: /Propose/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Value').fill('4 hours');
    await dialog.getByLabel('Why').fill('The second site takes time to bring up.');
    await dialog.getByRole('button', { name: 'Propose', exact: true }).click();
    await dialog.getByRole('article', { name: /Proposal by Jonas Weber: 4h/ }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await openPhase(page, 'Support');
    await expect(page.getByTestId('notice').count()).resolves.toBe(0);

    // The facilitator's activity list says a proposal came in, with its value in words and a link to the field.
    await facilitator.page.getByRole('complementary').getByRole('listitem').filter({ hasText: 'Jonas Weber proposed 4h for' })
      .getByRole('button', { name: 'Mailbox access · site loss · RTO' }).waitFor();

    await openPhase(facilitator.page, 'Review');
    await facilitator.page.getByRole('article', { name: /Proposal by Jonas Weber/ }).getByRole('button', { name: 'Reject' }).click();
    // The facilitator decided it: they are not told about their own decision.
    const notice = page.getByRole('banner').getByTestId('notice');
    await expect.poll(() => notice.textContent()).toMatch(/Anna Keller rejected your proposal for\s*Mailbox access · site loss · RTO/);
    const box = await notice.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= PHONE.viewport.height).toBe(true);
    await expect(facilitator.page.getByTestId('notice').count()).resolves.toBe(0);
    await screenshot(page, 'proposal-outcome-390');

    await notice.getByRole('button', { name: /site loss · RTO/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Recovery' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`field:${SITE_RTO}`);
    await expect(notice.count()).resolves.toBe(0);
  });
});
