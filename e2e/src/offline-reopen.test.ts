import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccord, type RunningAccord } from './accord-server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import {
  createWorkshop,
  field,
  inviteLink,
  joinByLink,
  savedState,
  typeInto,
  waitForSaved,
  type Participant,
} from './room-driver.ts';

const USERS = '/functions/webmail/users';

describe.runIf(chromiumAvailable())('an edit made offline, then the tab closed', () => {
  let accord: RunningAccord;
  let browser: Browser;
  let facilitator: Participant;
  let stakeholder: Participant;

  beforeAll(async () => {
    accord = await startAccord();
    browser = await launchChromium();
    facilitator = await createWorkshop(browser, accord.url, 'Anna Keller');
    stakeholder = await joinByLink(browser, await inviteLink(facilitator.page, 'stakeholder'), 'Jonas Weber');
  });
  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('is kept on the device and reaches everyone when the room is opened again', async () => {
    const roomUrl = stakeholder.page.url();
    await stakeholder.context.setOffline(true);
    await expect.poll(() => savedState(stakeholder.page)).toBe('offline');
    await typeInto(stakeholder.page, USERS, 'Typed on the train');
    await expect.poll(() => savedState(stakeholder.page)).toBe('offline-unsaved');
    await stakeholder.page.waitForTimeout(500);
    await stakeholder.page.close({ runBeforeUnload: false });
    await expect(field(facilitator.page, USERS).inputValue()).resolves.not.toBe('Typed on the train');

    await stakeholder.context.setOffline(false);
    const reopened = await stakeholder.context.newPage();
    await reopened.goto(roomUrl);
    await waitForSaved(reopened);
    await expect.poll(() => field(reopened, USERS).inputValue()).toBe('Typed on the train');
    await expect.poll(() => field(facilitator.page, USERS).inputValue()).toBe('Typed on the train');
  });
});
