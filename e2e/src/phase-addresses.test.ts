import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccord, type RunningAccord } from './accord-server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import { createWorkshop, openPhase, waitForSaved, type Participant } from './room-driver.ts';

/** Every phase has an address: back and forward walk the phases seen, a phase link opens that phase. */
describe.runIf(chromiumAvailable())('phase addresses', () => {
  let accord: RunningAccord;
  let browser: Browser;
  let facilitator: Participant & { workshopId: string };

  beforeAll(async () => {
    accord = await startAccord();
    browser = await launchChromium();
    facilitator = await createWorkshop(browser, accord.url, 'Anna Keller');
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  const heading = (participant: Participant) => participant.page.locator('#phase-title');

  it('gives each phase opened its own address, and back and forward walk them without leaving the room', async () => {
    const { page, workshopId } = facilitator;
    await openPhase(page, 'Recovery');
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/w/${workshopId}/recovery`);
    await openPhase(page, 'Support');
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/w/${workshopId}/support`);
    await page.goBack();
    await expect.poll(() => heading(facilitator).textContent()).toBe('Recovery');
    await page.goBack();
    await expect.poll(() => heading(facilitator).textContent()).toBe('Scope');
    expect(new URL(page.url()).pathname).toBe(`/w/${workshopId}`);
    await page.goForward();
    await expect.poll(() => heading(facilitator).textContent()).toBe('Recovery');
  });

  it('opens the phase a link names, in a fresh tab', async () => {
    const page = await facilitator.context.newPage();
    await page.goto(`${accord.url}/w/${facilitator.workshopId}/review`);
    await expect.poll(() => page.locator('#phase-title').textContent()).toBe('Review');
    await page.close();
  });

  it('stops the countdown when the room moves on, and says "time is up" once, then quietly', async () => {
    const { page } = facilitator;
    // The browser's clock, not the test, lives through the countdown and the loud spell after it: installed
    // before the room loads again, it runs at the real pace until the test moves it on.
    await page.clock.install();
    await page.reload();
    await waitForSaved(page);
    await page.getByRole('button', { name: 'Back to Scope' }).click();
    await page.getByLabel('Countdown length').fill('10 s');
    await page.getByRole('button', { name: 'Start countdown' }).click();
    const countdown = page.getByTestId('countdown');
    await expect.poll(() => countdown.getAttribute('data-state')).toBe('running');
    await page.clock.fastForward('00:11');
    await expect.poll(() => countdown.getAttribute('data-state')).toBe('time-up');
    await expect(countdown.textContent()).resolves.toMatch(/Time is up/);
    // Still loud short of its 15 s, quiet after them.
    await page.clock.fastForward('00:10');
    await expect.poll(() => countdown.getAttribute('data-state')).toBe('time-up');
    await page.clock.fastForward('00:06');
    await expect.poll(() => countdown.getAttribute('data-state')).toBe('ended');
    await page.getByLabel('Countdown length').fill('5 min');
    await page.getByRole('button', { name: 'Start countdown' }).click();
    await expect.poll(() => countdown.getAttribute('data-state')).toBe('running');
    await page.getByRole('button', { name: /^Next: / }).click();
    await countdown.waitFor({ state: 'detached' });
  });
});
