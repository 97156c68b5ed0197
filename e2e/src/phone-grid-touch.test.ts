import type { Browser, CDPSession, Page } from 'playwright-core';
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
  waitForSaved,
  type Participant,
} from './room-driver.ts';

interface Point {
  readonly x: number;
  readonly y: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A finger on a 390 px touch phone, through the browser's own input pipeline (CDP touch events), so the
 * browser decides between scrolling and handing the moves to the page as it does for a real finger.
 */
class Finger {
  constructor(private readonly cdp: CDPSession) {}

  async down(at: Point): Promise<void> {
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at] });
  }

  /** Moves in even steps, a frame apart, as a finger reports them. */
  async move(from: Point, to: Point, steps: number): Promise<void> {
    for (let step = 1; step <= steps; step += 1) {
      const t = step / steps;
      const at = { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
      await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at] });
      await pause(16);
    }
  }

  async up(): Promise<void> {
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }

  /** The browser takes the touch away (as for a scroll or a system gesture): the page gets a pointercancel. */
  async cancel(): Promise<void> {
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchCancel', touchPoints: [] });
  }

  async tap(at: Point): Promise<void> {
    await this.down(at);
    await pause(60);
    await this.up();
  }
}

/** The Support phase's Service desk grid (Mon–Fri 07–19, 60 h) worked by finger on a phone. */
describe.runIf(chromiumAvailable())('the week grid under a finger', () => {
  let accord: RunningAccord;
  let browser: Browser;
  let facilitator: Participant;
  let phone: Participant;
  let finger: Finger;

  beforeAll(async () => {
    accord = await startAccord();
    browser = await launchChromium();
    facilitator = await createWorkshop(browser, accord.url, 'Anna Keller');
    phone = await joinByLink(browser, await inviteLink(facilitator.page, 'stakeholder'), 'Jonas Weber', PHONE);
    await openPhase(phone.page, 'Support');
    await openPhase(facilitator.page, 'Support');
    finger = new Finger(await phone.context.newCDPSession(phone.page));
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  const grid = (page: Page) => page.getByRole('grid', { name: /^Service desk/ });
  const cell = (page: Page, name: string) => grid(page).getByRole('gridcell', { name: new RegExp(`^${name}`) });
  const summary = (page: Page) => page.locator('.week .summary').filter({ hasText: /^Service desk/ });
  const centre = async (name: string): Promise<Point> => {
    const box = await cell(phone.page, name).boundingBox();
    if (!box) throw new Error(`no cell ${name}`);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  const gridTop = async () => (await grid(phone.page).boundingBox())?.y ?? Number.NaN;
  const selected = (name: string) => cell(phone.page, name).getAttribute('aria-selected');

  it('scrolls the page on a vertical swipe over the grid and leaves the hours as they were', async () => {
    await expect.poll(() => summary(phone.page).textContent()).toMatch(/60 h a week/);
    await cell(phone.page, 'Thursday 17:00–18:00').evaluate((element) => element.scrollIntoView({ block: 'center' }));
    const before = await gridTop();
    // The tester's swipe: up Thursday's column, from 17:00 over 07:00, hours that are all staffed.
    const from = await centre('Thursday 17:00–18:00');
    await finger.down(from);
    await finger.move(from, { x: from.x, y: from.y - 300 }, 15);
    await finger.up();
    await expect.poll(gridTop).toBeLessThan(before - 150);
    await pause(300);
    expect(await summary(phone.page).textContent()).toMatch(/60 h a week/);
    for (const hour of ['07', '12', '17']) expect(await selected(`Thursday ${hour}:00`)).toBe('true');
    expect(await summary(facilitator.page).textContent()).toMatch(/60 h a week/);
  });

  it('paints the cells a held finger drags over, down a column, without scrolling', async () => {
    await cell(phone.page, 'Saturday 11:00–12:00').evaluate((element) => element.scrollIntoView({ block: 'center' }));
    const before = await gridTop();
    const from = await centre('Saturday 09:00–10:00');
    const to = await centre('Saturday 13:00–14:00');
    await finger.down(from);
    await pause(800);
    await finger.move(from, to, 8);
    await finger.up();
    // Saturday 09–14: five hours more.
    await expect.poll(() => summary(phone.page).textContent()).toMatch(/65 h a week/);
    expect(await gridTop()).toBeCloseTo(before, 0);
    expect(await selected('Saturday 08:00')).toBe('false');
    expect(await selected('Saturday 14:00')).toBe('false');
    await expect.poll(() => summary(facilitator.page).textContent()).toMatch(/65 h a week — .*Sat 09:00–14:00/);
  });

  it('paints along a row on a sideways drag, the grid still under the finger', async () => {
    const before = await gridTop();
    const from = await centre('Monday 21:00–22:00');
    const to = await centre('Sunday 21:00–22:00');
    await finger.down(from);
    await finger.move(from, to, 10);
    await finger.up();
    // 21:00 on all seven days. The summary above the grid gains a line as the first hour is painted; it keeps
    // its height until the finger lifts, or the row would shift under the finger mid-stroke.
    await expect.poll(() => summary(phone.page).textContent()).toMatch(/72 h a week/);
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
      expect(await selected(`${day} 21:00`)).toBe('true');
      expect(await selected(`${day} 20:00`)).toBe('false');
    }
    expect(await gridTop()).toBeGreaterThan(before);
  });

  it('takes back only the hours a cancelled stroke painted, keeping what someone else painted that day', async () => {
    const hours = async (page: Page) => Number(/(\d+) h a week/.exec((await summary(page).textContent()) ?? '')?.[1]);
    const before = await hours(phone.page);
    await cell(phone.page, 'Sunday 15:00–16:00').evaluate((element) => element.scrollIntoView({ block: 'center' }));
    const from = await centre('Sunday 14:00–15:00');
    const to = await centre('Sunday 16:00–17:00');
    await finger.down(from);
    await pause(800);
    await finger.move(from, to, 6);
    await expect.poll(() => hours(phone.page)).toBe(before + 3);
    // Meanwhile the facilitator marks another hour of the same day.
    await cell(facilitator.page, 'Sunday 18:00–19:00').click();
    await expect.poll(() => selected('Sunday 18:00')).toBe('true');
    await finger.cancel();
    await expect.poll(() => hours(phone.page)).toBe(before + 1);
    for (const hour of ['14', '15', '16']) expect(await selected(`Sunday ${hour}:00`)).toBe('false');
    expect(await selected('Sunday 18:00')).toBe('true');
    await expect.poll(() => hours(facilitator.page)).toBe(before + 1);
    // Leave the day as the next test expects it.
    await cell(facilitator.page, 'Sunday 18:00–19:00').click();
    await expect.poll(() => hours(phone.page)).toBe(before);
  });

  it('toggles one cell on a tap', async () => {
    const hours = async () => Number(/(\d+) h a week/.exec((await summary(phone.page).textContent()) ?? '')?.[1]);
    const before = await hours();
    await finger.tap(await centre('Sunday 10:00–11:00'));
    await expect.poll(hours).toBe(before + 1);
    expect(await selected('Sunday 10:00')).toBe('true');
    expect(await selected('Sunday 09:00')).toBe('false');
    expect(await selected('Sunday 11:00')).toBe('false');
    await finger.tap(await centre('Sunday 10:00–11:00'));
    await expect.poll(hours).toBe(before);
    await waitForSaved(phone.page);
    await cell(phone.page, 'Monday 07:00–08:00').evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await screenshot(phone.page, 'phone-grid-touch');
  });
});
