import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccord, type RunningAccord } from './accord-server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import {
  createWorkshop,
  field,
  inviteLink,
  joinByLink,
  openPhase,
  PHONE,
  screenshot,
  type Participant,
} from './room-driver.ts';

const MOBILE_COST = '/functions/mobile-sync/availability/downtimeCostPerHour';

/** A sponsor reading a long phase on a phone must learn that a version waits for them, and stop being told once they decided. */
describe.runIf(chromiumAvailable())('the sponsor’s prompt to sign', () => {
  let accord: RunningAccord;
  let browser: Browser;
  let facilitator: Participant;
  let sponsor: Participant;

  beforeAll(async () => {
    accord = await startAccord();
    browser = await launchChromium();
    facilitator = await createWorkshop(browser, accord.url, 'Anna Keller');
    sponsor = await joinByLink(browser, await inviteLink(facilitator.page, 'sponsor'), 'Karin Vogt', PHONE);
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('shows “Sign version 1” in the bar that stays on screen, even deep in a phase', async () => {
    await openPhase(sponsor.page, 'Availability');
    await field(sponsor.page, MOBILE_COST).scrollIntoViewIfNeeded();

    await openPhase(facilitator.page, 'Sign-off');
    await facilitator.page.getByRole('button', { name: 'Publish version 1' }).click();
    await facilitator.page.getByRole('alertdialog').getByRole('button', { name: 'Publish anyway' }).click();

    const prompt = sponsor.page.getByRole('banner').getByRole('button', { name: 'Sign version 1' });
    await prompt.waitFor();
    const box = await prompt.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= PHONE.viewport.height).toBe(true);
    await screenshot(sponsor.page, 'sponsor-prompt-390');
    await prompt.click();
    await sponsor.page.getByRole('heading', { level: 1, name: 'Sign-off' }).waitFor();
  });

  it('stops asking once the sponsor has signed', async () => {
    // Nothing is chosen for the sponsor: the form waits for sign or reject.
    const main = sponsor.page.getByRole('main');
    await expect(main.getByRole('radio', { name: /Sign — I approve/ }).isChecked()).resolves.toBe(false);
    await expect(main.getByRole('radio', { name: /Reject — it needs changes/ }).isChecked()).resolves.toBe(false);
    await expect(main.getByRole('button', { name: 'Choose sign or reject for version 1' }).isDisabled()).resolves.toBe(
      true,
    );
    await sponsor.page.getByRole('radio', { name: /Sign — I approve/ }).check();
    // The template is published with errors: the sponsor is told before approving it as it stands.
    await expect(sponsor.page.getByTestId('sign-errors').textContent()).resolves.toMatch(
      /published with \d+ errors? the room did not resolve/,
    );
    await sponsor.page.getByRole('main').getByRole('button', { name: 'Sign version 1' }).click();
    await sponsor.page
      .getByRole('row', { name: /Karin Vogt \(you\)/ })
      .getByText('signed')
      .waitFor();
    await openPhase(sponsor.page, 'Availability');
    await expect(sponsor.page.getByRole('button', { name: 'Sign version 1' }).count()).resolves.toBe(0);
    await expect(sponsor.page.getByText('waits for your signature').count()).resolves.toBe(0);
  });
});
