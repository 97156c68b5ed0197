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
  typeInto,
  type Participant,
} from './room-driver.ts';

const WEBMAIL_RTO = '/functions/webmail/recovery/component-failure/rtoSeconds';

/**
 * On a phone the findings list is folded away above the phase: whoever types a value that contradicts the
 * rest must be told on the field itself, and the folded panel must say how many errors there are.
 */
describe.runIf(chromiumAvailable())('findings where people type', () => {
  let accord: RunningAccord;
  let browser: Browser;
  let stakeholder: Participant;

  beforeAll(async () => {
    accord = await startAccord();
    browser = await launchChromium();
    const facilitator = await createWorkshop(browser, accord.url, 'Anna Keller');
    stakeholder = await joinByLink(browser, await inviteLink(facilitator.page, 'stakeholder'), 'Jonas Weber', PHONE);
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('says on the folded panel how many are here and how many errors the live preview finds', async () => {
    const toggle = stakeholder.page.getByRole('button', { name: /^People and findings/ });
    await expect.poll(() => toggle.textContent()).toMatch(/2 online\s*\d+ errors?\s*\d+ warnings?/);
  });

  it('marks an RTO over the budget on the RTO field, with the fix, and clears it when the RTO fits', async () => {
    const page = stakeholder.page;
    const note = page.locator(`[data-field="${WEBMAIL_RTO}"] [data-testid="field-findings"]`);
    const overBudget = note.locator('[data-finding-code="RTO_EXCEEDS_BUDGET"]');
    await openPhase(page, 'Recovery');
    await typeInto(page, WEBMAIL_RTO, '15 min');
    await expect.poll(() => overBudget.count()).toBe(0);

    await typeInto(page, WEBMAIL_RTO, '4h');
    await expect.poll(() => overBudget.count()).toBe(1);
    await expect(note.locator('summary').textContent()).resolves.toMatch(/\d+ errors?/);
    await note.locator('summary').click();
    await expect(overBudget.isVisible()).resolves.toBe(true);
    await expect(overBudget.textContent()).resolves.toMatch(/4h.*Fix: Lower the RTO/s);
    await field(page, WEBMAIL_RTO).scrollIntoViewIfNeeded();
    await screenshot(page, 'field-findings-390');

    await typeInto(page, WEBMAIL_RTO, '15 min');
    await expect.poll(() => overBudget.count()).toBe(0);
  });

  it('marks a group of checkboxes too: the dependencies of Mail flow cap its target', async () => {
    const page = stakeholder.page;
    await openPhase(page, 'Scope');
    const note = page.locator('[id="field:/functions/mail-flow/dependsOn"] [data-testid="field-findings"]');
    await note.locator('[data-finding-code="DEPENDENCIES_CAP_AVAILABILITY"]').waitFor({ state: 'attached' });
    await expect(note.locator('summary').textContent()).resolves.toMatch(/1 error/);
  });
});
