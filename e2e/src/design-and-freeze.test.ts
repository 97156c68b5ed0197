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
  seriousAxeViolations,
  typeInto,
  waitForSaved,
  type Participant,
} from './room-driver.ts';

const TARGET = '/functions/mailbox-access/availability/targetPercent';

/**
 * The room shows the design the engine recommends beside what the design records, never one for the other;
 * and while the facilitator holds the room still for signing, every form says so and takes no edit.
 */
describe.runIf(chromiumAvailable())('the design in the room, and a frozen room', () => {
  let accord: RunningAccord;
  let browser: Browser;
  let facilitator: Participant;
  let stakeholder: Participant;
  let phone: Participant;

  beforeAll(async () => {
    accord = await startAccord();
    browser = await launchChromium();
    facilitator = await createWorkshop(browser, accord.url, 'Anna Keller');
    stakeholder = await joinByLink(browser, await inviteLink(facilitator.page, 'stakeholder'), 'Jonas Weber');
    phone = await joinByLink(browser, await inviteLink(facilitator.page, 'observer'), 'Lena Brandt', PHONE);
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('shows per function what is in place and what is recommended, with why each cheaper option falls short', async () => {
    await openPhase(stakeholder.page, 'Review');
    const views = stakeholder.page.getByTestId('design-recommendation');
    await expect.poll(() => views.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const reasons = stakeholder.page.getByTestId('falls-short');
    await expect.poll(() => reasons.count()).toBeGreaterThan(0);
    expect((await reasons.first().textContent())?.trim().length).toBeGreaterThan(10);
    // The recommendation is said to be one, and kept apart from what the design records.
    const mailbox = stakeholder.page.locator('[data-testid="design-recommendation"][data-function="mailbox-access"]');
    await expect(mailbox.getByText('In place (recorded in the design)').count()).resolves.toBe(1);
    await expect(mailbox.getByText('Recommended', { exact: true }).count()).resolves.toBe(1);
    // The SLA table's column no longer reads like a fact.
    await stakeholder.page
      .getByRole('columnheader', { name: /Recommended design/ })
      .first()
      .waitFor();
    await views.first().scrollIntoViewIfNeeded();
    await screenshot(stakeholder.page, 'design-recommendation-1280');
    expect(await seriousAxeViolations(stakeholder.page)).toEqual([]);

    // In Recovery, each function folds the same view under its design.
    await openPhase(stakeholder.page, 'Recovery');
    const fold = stakeholder.page.getByText('Recommended design and why cheaper options fall short').first();
    await fold.click();
    await stakeholder.page.getByTestId('falls-short').first().waitFor();

    await openPhase(phone.page, 'Review');
    await phone.page.getByTestId('falls-short').first().scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'design-recommendation-390');
    expect(await seriousAxeViolations(phone.page)).toEqual([]);
  });

  it('makes every form read-only with a banner while the room is frozen, and editable again once unfrozen', async () => {
    await openPhase(stakeholder.page, 'Availability');
    await expect(field(stakeholder.page, TARGET).isEnabled()).resolves.toBe(true);

    await openPhase(facilitator.page, 'Sign-off');
    await facilitator.page.getByRole('button', { name: 'Publish version 1' }).click();
    await facilitator.page.getByRole('alertdialog').getByRole('button', { name: 'Publish anyway' }).click();
    await facilitator.page.getByRole('button', { name: 'Freeze the room while sponsors sign' }).click();

    for (const page of [stakeholder.page, facilitator.page, phone.page]) {
      await expect
        .poll(() => page.getByTestId('frozen-banner').textContent(), { timeout: 15_000 })
        .toMatch(/Room frozen while sponsors sign\.\s*Anna Keller froze it/);
    }
    await expect.poll(() => field(stakeholder.page, TARGET).isDisabled()).toBe(true);
    await expect(stakeholder.page.getByRole('button', { name: /^Add a target/ }).count()).resolves.toBe(0);
    await screenshot(stakeholder.page, 'frozen-room-1280');
    await phone.page.getByTestId('frozen-pill').waitFor();
    await screenshot(phone.page, 'frozen-room-390');
    expect(await seriousAxeViolations(phone.page)).toEqual([]);

    await facilitator.page.getByRole('button', { name: 'Unfreeze the room' }).click();
    await stakeholder.page.getByTestId('frozen-banner').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => field(stakeholder.page, TARGET).isEnabled()).toBe(true);
    await typeInto(stakeholder.page, TARGET, '99.8');
    await waitForSaved(stakeholder.page);
    await openPhase(facilitator.page, 'Availability');
    await expect.poll(() => field(facilitator.page, TARGET).inputValue()).toBe('99.8');
  });

  it('has no serious or critical accessibility violations in any phase on a stakeholder’s phone at 390 px', async () => {
    const pocket = await joinByLink(browser, await inviteLink(facilitator.page, 'stakeholder'), 'Mia Schulz', PHONE);
    for (const phase of ['Scope', 'Availability', 'Recovery', 'Support', 'Risks', 'Review', 'Sign-off']) {
      await openPhase(pocket.page, phase);
      const violations = await seriousAxeViolations(pocket.page);
      expect(violations, `${phase} at 390 px: ${JSON.stringify(violations)}`).toEqual([]);
    }
    await screenshot(pocket.page, 'signoff-390-axe-checked');
  });
});
