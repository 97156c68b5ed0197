import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccord, type RunningAccord } from './accord-server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import {
  createWorkshop,
  inviteLink,
  joinByLink,
  openPhase,
  PHONE,
  screenshot,
  seriousAxeViolations,
  waitForSaved,
  type Participant,
} from './room-driver.ts';

/** Service hours painted on a 390 px phone: presets, whole strokes, cells a finger can hit. */
describe.runIf(chromiumAvailable())('the week grid on a phone', () => {
  let accord: RunningAccord;
  let browser: Browser;
  let facilitator: Participant;
  let phone: Participant;

  beforeAll(async () => {
    accord = await startAccord();
    browser = await launchChromium();
    facilitator = await createWorkshop(browser, accord.url, 'Anna Keller');
    phone = await joinByLink(browser, await inviteLink(facilitator.page, 'stakeholder'), 'Jonas Weber', PHONE);
    await openPhase(phone.page, 'Availability');
    await openPhase(facilitator.page, 'Availability');
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  const grid = (page: Page) => page.getByRole('grid', { name: /^Business hours/ });
  const cell = (page: Page, name: string) => grid(page).getByRole('gridcell', { name: new RegExp(`^${name}`) });
  const WEEK = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
  const summary = (page: Page) => page.locator('.week .summary').filter({ hasText: /^Business hours/ });

  it('sets Mon–Fri 08–18 with one tap, for everyone', async () => {
    await phone.page.getByRole('button', { name: 'Set Business hours to Mon–Fri 08–18' }).click();
    await expect.poll(() => summary(phone.page).textContent()).toMatch(/50 h a week/);
    await expect.poll(() => summary(facilitator.page).textContent()).toMatch(/50 h a week — Mon 08:00–18:00; Tue/);
    await waitForSaved(phone.page);
  });

  it('gives every cell at least 24 px and keeps the hour labels clear of the cells', async () => {
    const first = await cell(phone.page, 'Monday 00:00–01:00').boundingBox();
    const label = await grid(phone.page).getByRole('rowheader', { name: '00:00' }).boundingBox();
    expect(first && label).toBeTruthy();
    if (!first || !label) return;
    expect(first.width).toBeGreaterThanOrEqual(24);
    expect(first.height).toBeGreaterThanOrEqual(24);
    expect(label.x + label.width).toBeLessThanOrEqual(first.x + 0.5);
  });

  it('paints every hour a fast stroke crosses, down a whole day and across a whole row', async () => {
    const page = phone.page;
    const centre = async (name: string) => {
      const box = await cell(page, name).boundingBox();
      if (!box) throw new Error(`no cell ${name}`);
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    };
    // Twelve hours of Saturday, both ends on screen below the sticky header.
    await cell(page, 'Saturday 11:00–12:00').evaluate((element) => element.scrollIntoView({ block: 'center' }));
    const top = await centre('Saturday 06:00–07:00');
    const bottom = await centre('Saturday 17:00–18:00');
    await page.mouse.move(top.x, top.y);
    await page.mouse.down();
    // Three move events for twelve cells: the stroke must fill in what the finger went over.
    await page.mouse.move(bottom.x, bottom.y, { steps: 3 });
    await page.mouse.up();
    await expect.poll(() => summary(page).textContent()).toMatch(/62 h a week/);
    // Across the 20:00 row, which nothing has painted yet: every one of its seven hours is new, so a stroke
    // that painted only the cells its move events landed on would leave some of them off.
    const row = WEEK.map((day) => `${day} 20:00–21:00`);
    await cell(page, row[0] ?? '').evaluate((element) => element.scrollIntoView({ block: 'center' }));
    const monday = await centre(row[0] ?? '');
    const sunday = await centre(row[6] ?? '');
    await page.mouse.move(monday.x, monday.y);
    await page.mouse.down();
    await page.mouse.move(sunday.x, sunday.y, { steps: 2 });
    await page.mouse.up();
    await expect.poll(() => summary(page).textContent()).toMatch(/69 h a week/);
    for (const name of row) {
      await expect(cell(page, name).getAttribute('aria-selected')).resolves.toBe('true');
      await expect.poll(() => cell(facilitator.page, name).getAttribute('aria-selected')).toBe('true');
    }
    await waitForSaved(page);
    await screenshot(page, 'phone-week-grid');
  });

  it('copies one day onto the weekdays', async () => {
    await phone.page.getByLabel('Business hours: day to copy').selectOption('sat');
    await phone.page
      .getByRole('group', { name: 'Business hours: quick fill' })
      .getByRole('button', { name: 'to Mon–Fri', exact: true })
      .click();
    // Saturday 06–18 and 20–21 onto the five weekdays, Saturday itself, Sunday 20–21.
    await expect
      .poll(() => summary(facilitator.page).textContent())
      .toMatch(/79 h a week — Mon 06:00–18:00, 20:00–21:00/);
  });

  it('has no serious or critical accessibility violations at 390 px', async () => {
    expect(await seriousAxeViolations(phone.page)).toEqual([]);
  });
});
