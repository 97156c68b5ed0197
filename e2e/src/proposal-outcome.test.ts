import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccord, type RunningAccord } from './accord-server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import {
  createWorkshop,
  inviteLink,
  joinByLink,
  openPhase,
  openWithControlsHeld,
  PHONE,
  screenshot,
  type Participant,
} from './room-driver.ts';

const SITE_RTO = '/functions/mailbox-access/recovery/site-loss/rtoSeconds';
const MOBILE_TARGET = '/functions/mobile-sync/availability/targetPercent';

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
    await page
      .locator(`[data-field="${SITE_RTO}"]`)
      .getByRole('button', { name: /Propose/ })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Value').fill('4 hours');
    await dialog.getByLabel('Why').fill('The second site takes time to bring up.');
    await dialog.getByRole('button', { name: 'Propose', exact: true }).click();
    await dialog.getByRole('article', { name: /Proposal by Jonas Weber: 4h/ }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await openPhase(page, 'Support');
    await expect(page.getByTestId('notice').count()).resolves.toBe(0);

    // The facilitator's activity list says a proposal came in, with its value in words and a link to the field.
    await facilitator.page
      .getByRole('complementary')
      .getByRole('listitem')
      .filter({ hasText: 'Jonas Weber proposed 4h for' })
      .getByRole('button', { name: 'Mailbox access · site loss · RTO' })
      .waitFor();

    await openPhase(facilitator.page, 'Review');
    await facilitator.page
      .getByRole('article', { name: /Proposal by Jonas Weber/ })
      .getByRole('button', { name: 'Reject' })
      .click();
    // The facilitator decided it: they are not told about their own decision.
    const notice = page.getByRole('banner').getByTestId('notice');
    await expect
      .poll(() => notice.textContent())
      .toMatch(/Anna Keller rejected your proposal for\s*Mailbox access · site loss · RTO/);
    const box = await notice.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= PHONE.viewport.height).toBe(true);
    await expect(facilitator.page.getByTestId('notice').count()).resolves.toBe(0);
    await screenshot(page, 'proposal-outcome-390');

    await notice.getByRole('button', { name: /site loss · RTO/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Recovery' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`field:${SITE_RTO}`);
    await expect(notice.count()).resolves.toBe(0);
  });

  it('runs a blind vote: the facilitator sees only a count until revealing, each voter sees their own vote', async () => {
    await openPhase(facilitator.page, 'Availability');
    await facilitator.page
      .locator(`[data-field="${MOBILE_TARGET}"]`)
      .getByRole('button', { name: /Propose/ })
      .click();
    const dialog = facilitator.page.getByRole('dialog');
    await dialog.getByLabel('Value').fill('99,5');
    await dialog.getByLabel('Why').fill('Managers approve orders from their phones.');
    await dialog.getByLabel(/Blind vote/).check();
    await dialog.getByRole('button', { name: 'Propose', exact: true }).click();
    const mine = dialog.getByRole('article', { name: /Proposal by Anna Keller: 99.5/ });
    await mine.getByText('Blind vote', { exact: true }).waitFor();
    await mine.getByText('0 votes cast, hidden until reveal').waitFor();

    const page = stakeholder.page;
    await openPhase(page, 'Review');
    const theirs = page.getByRole('article', { name: /Proposal by Anna Keller: 99.5/ });
    await theirs.getByRole('button', { name: 'Vote against' }).click();
    await theirs.getByText('your vote: against').waitFor();
    await theirs.getByText('1 vote cast, hidden until reveal').waitFor();

    // The facilitator learns that a vote was cast, never whose or which way, until revealing.
    await mine.getByText('1 vote cast, hidden until reveal').waitFor();
    await expect(mine.getByTestId('proposal-votes').textContent()).resolves.not.toMatch(/Jonas|against/);
    await expect(mine.getByRole('button', { name: /Make the vote/ }).count()).resolves.toBe(0);
    await screenshot(facilitator.page, 'blind-vote-1280');
    await mine.getByRole('button', { name: 'Reveal votes' }).click();
    await mine.getByText('Blind vote, revealed').waitFor();
    await mine.getByText('(Jonas Weber: against)').waitFor();
    await theirs.getByText('(Jonas Weber: against)').waitFor();
    // A revealed ballot takes no more votes.
    await expect(theirs.getByRole('button', { name: /Vote for|Vote against|✓/ }).count()).resolves.toBe(0);
  });

  it('says the votes and the people are loading, not zero, until the control plane has sent its state', async () => {
    // The facilitator opens the room again while socket.io's code is held back: the room paints without it.
    const { page, release } = await openWithControlsHeld(facilitator);
    await openPhase(page, 'Review');
    const card = page.getByRole('article', { name: /Proposal by Anna Keller: 99.5/ });
    await card.getByText('Loading votes…').waitFor();
    await expect(card.getByTestId('proposal-votes').textContent()).resolves.not.toMatch(/\d+ (for|votes? cast)/);
    await expect(
      card.getByRole('button', { name: /Make the vote|Reveal votes|Vote for|Vote against/ }).count(),
    ).resolves.toBe(0);
    const people = page.getByRole('heading', { name: /In the room/ });
    await expect(people.textContent()).resolves.toMatch(/connecting…/);
    await expect(people.textContent()).resolves.not.toMatch(/online/);

    release();
    await card.getByText('(Jonas Weber: against)').waitFor();
    await expect.poll(() => people.textContent()).toMatch(/[1-9] online/);
    await page.close();
  });
});
