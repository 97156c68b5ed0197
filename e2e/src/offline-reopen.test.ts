import type { Browser, Page } from 'playwright-core';
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

/**
 * Resolves once the page's local copy of its workshop (y-indexeddb's `updates` store in the database the web
 * client names `accord-workshop-<id>`) holds every update made so far: y-indexeddb opens a write transaction
 * as each update happens, and IndexedDB runs a later read-only transaction over the same store only after
 * every earlier write transaction there has finished.
 */
async function localCopyWritten(page: Page): Promise<void> {
  const name = `accord-workshop-${new URL(page.url()).pathname.split('/').pop() ?? ''}`;
  await page.evaluate(async (database) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(database);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error(`cannot open ${database}`));
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction('updates', 'readonly');
        transaction.objectStore('updates').count();
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error ?? new Error('the read of the local copy failed'));
      });
    } finally {
      db.close();
    }
  }, name);
}

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
    await localCopyWritten(stakeholder.page);
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
