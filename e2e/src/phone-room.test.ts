import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccord, type RunningAccord } from './accord-server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import {
  createWorkshop,
  field,
  inviteLink,
  joinByLink,
  openPhase,
  openWithControlsHeld,
  PHONE,
  screenshot,
  seriousAxeViolations,
  type Participant,
} from './room-driver.ts';

/** The room on a 390 px phone: a compact header, the phases always in reach, findings readable, nothing jumping. */
describe.runIf(chromiumAvailable())('the room on a phone', () => {
  let accord: RunningAccord;
  let browser: Browser;
  let facilitator: Participant;
  let phone: Participant;

  beforeAll(async () => {
    accord = await startAccord();
    browser = await launchChromium();
    facilitator = await createWorkshop(browser, accord.url, 'Anna Keller');
    phone = await joinByLink(browser, await inviteLink(facilitator.page, 'stakeholder'), 'Jonas Weber', PHONE);
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  const box = async (page: Page, selector: string) => {
    const found = await page.locator(selector).first().boundingBox();
    if (!found) throw new Error(`${selector} is not on screen`);
    return found;
  };

  it('keeps the header compact and the phases in reach while scrolling', async () => {
    const page = phone.page;
    await openPhase(page, 'Scope');
    const header = await box(page, 'header.top');
    expect(header.height).toBeLessThanOrEqual(64);
    await screenshot(page, 'phone-390-scope-top');

    await page.mouse.wheel(0, 2500);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    const agenda = await box(page, 'nav.agenda');
    expect(agenda.y).toBeGreaterThanOrEqual(-1);
    expect(agenda.y + agenda.height).toBeLessThanOrEqual(130);
    await screenshot(page, 'phone-390-scope-scrolled');
    await page
      .getByRole('navigation', { name: 'Agenda' })
      .getByRole('button', { name: /Availability/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Availability' }).waitFor();
  });

  it("shows a field's findings whole, and keeps their place while someone fixes them", async () => {
    const page = phone.page;
    await openPhase(page, 'Availability');
    // In the template, Mail flow at 99.99 % asks more than its components give; at 99 % nothing is found.
    const path = '/functions/mail-flow/availability/targetPercent';
    const input = field(page, path);
    const holder = page.locator(`[data-field="${path}"]`);
    const next = holder.locator('xpath=following-sibling::*[1]');
    await input.scrollIntoViewIfNeeded();
    await input.click();
    await input.press('ControlOrMeta+a');
    await input.pressSequentially('99.99', { delay: 20 });
    const findings = holder.getByTestId('field-findings');
    await expect.poll(() => findings.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // The preview recomputes after a pause, so the findings of a value typed half-way (99.9) may show first,
    // a line shorter or longer: wait for those of the value typed, which name it.
    await expect.poll(() => findings.first().textContent(), { timeout: 10_000 }).toMatch(/99\.99\s%/);
    await screenshot(page, 'phone-390-field-findings');
    // The first message is not cut: it wraps inside the screen instead of ending in "…".
    const first = holder.locator('.first');
    expect(
      await first.evaluate(
        (el) => el.scrollWidth <= el.clientWidth + 1 && getComputedStyle(el).textOverflow !== 'ellipsis',
      ),
    ).toBe(true);
    const box = await first.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
    // Where the next field rests once the findings for the last value typed are laid out: a barrier on the
    // layout holding still, so it reads until two reads a quarter second apart agree.
    const restingY = async (): Promise<number> => {
      let last = Number.NaN;
      for (let reads = 0; reads < 30; reads += 1) {
        const y = (await next.boundingBox())?.y ?? Number.NaN;
        if (y === last) return y;
        last = y;
        await page.waitForTimeout(250);
      }
      return last;
    };
    const during = await restingY();

    // Fixing the value while still in the field: the findings go, their place stays, nothing jumps.
    await input.press('ControlOrMeta+a');
    await input.pressSequentially('99', { delay: 20 });
    await expect.poll(() => findings.count(), { timeout: 10_000 }).toBe(0);
    await holder.getByTestId('field-findings-cleared').waitFor();
    const after = await restingY();
    if (Number.isNaN(during) || Number.isNaN(after)) throw new Error('the next field is on screen');
    expect(Math.abs(after - during)).toBeLessThanOrEqual(1);
    await screenshot(page, 'phone-390-findings-cleared');
    await input.press('Tab');
    await expect.poll(() => holder.getByTestId('field-findings-cleared').count()).toBe(0);
  });

  it('grows a text area with what is typed', async () => {
    const page = phone.page;
    await openPhase(page, 'Scope');
    const description = field(page, '/meta/description');
    await description.scrollIntoViewIfNeeded();
    const small = await description.boundingBox();
    await description.fill('Mail for every office, every shop and every phone in the company. '.repeat(4));
    const grown = await description.boundingBox();
    if (!small || !grown) throw new Error('the description is on screen');
    expect(grown.height).toBeGreaterThan(small.height + 30);
    expect(await description.evaluate((el) => el.scrollHeight <= el.clientHeight + 2)).toBe(true);
    await screenshot(page, 'phone-390-growing-text');
  });

  it('has no serious or critical accessibility violations at 390 and 1280 px', async () => {
    for (const [who, page] of [
      ['phone-390', phone.page],
      ['desktop-1280', facilitator.page],
    ] as const) {
      for (const phase of ['Scope', 'Availability', 'Recovery']) {
        await openPhase(page, phase);
        const violations = await seriousAxeViolations(page);
        expect(violations, `${who} ${phase}: ${JSON.stringify(violations)}`).toEqual([]);
      }
      await screenshot(page, `${who}-axe-checked`);
    }
  });

  it('takes back a "not connected" error once the room\'s live controls connect', async () => {
    // The facilitator opens the room again with socket.io's code held back longer than a control action waits.
    const { page, release } = await openWithControlsHeld(facilitator);
    // "Next" on the room's phase, "Move everyone to …" on another: both go through the control plane.
    await page.getByRole('button', { name: /^Next: |^Move everyone to / }).click();
    const alert = page.locator('header.phase-head').getByRole('alert');
    await alert.filter({ hasText: /not connected/ }).waitFor({ timeout: 20_000 });

    release();
    await expect.poll(() => alert.count(), { timeout: 20_000 }).toBe(0);
    await page.close();
  });
});
