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
  savedState,
  typeInto,
  waitForSaved,
  type Participant,
} from './room-driver.ts';

/**
 * Two people editing different rows of one list at the same time both keep their edit, and two people adding
 * a row at the same time both keep their row. One of them is offline while both edit, so the edits are surely
 * concurrent; before rows had ids, the list was written whole and the later writer's list replaced the other's.
 */
describe.runIf(chromiumAvailable())('rows of lists edited at the same time', () => {
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

  it('keeps two escalation contacts edited at once, two added at once, and two sponsors added at once', async () => {
    for (const p of [facilitator, stakeholder]) await openPhase(p.page, 'Support');
    const contacts = facilitator.page.locator('[id^="field:/support/escalation/"][id$="/contact"]');
    await expect.poll(() => contacts.count()).toBeGreaterThan(1);
    const [first, second] = await Promise.all(
      [0, 1].map(async (n) => (await contacts.nth(n).getAttribute('id'))?.replace('field:', '') ?? ''),
    );
    if (!first || !second) throw new Error('the template has two escalation contacts');

    await stakeholder.context.setOffline(true);
    await expect.poll(() => savedState(stakeholder.page)).toBe('offline');
    await typeInto(facilitator.page, first, 'desk@example.com');
    await typeInto(stakeholder.page, second, 'lead@example.com');
    const addContact = async (p: Participant, name: string) => {
      await p.page.getByLabel('Name of the next escalation contact').fill(name);
      await p.page.getByRole('button', { name: 'Add level' }).click();
    };
    // The same name at once: each row has its own id, so neither replaces the other.
    await addContact(facilitator, 'Duty manager');
    await addContact(stakeholder, 'Duty manager');
    await waitForSaved(facilitator.page);

    for (const p of [facilitator, stakeholder]) await openPhase(p.page, 'Scope');
    const addSponsor = async (p: Participant, name: string) => {
      await p.page.getByLabel("Sponsor's name").fill(name);
      await p.page.locator('.sponsors form').getByRole('button').click();
    };
    await addSponsor(facilitator, 'Kim Weiss');
    await addSponsor(stakeholder, 'Ola Berg');
    await waitForSaved(facilitator.page);

    await stakeholder.context.setOffline(false);
    await waitForSaved(stakeholder.page);
    for (const p of [facilitator, stakeholder]) {
      const sponsors = p.page.locator('.sponsors li');
      await expect
        .poll(() => sponsors.allTextContents().then((texts) => texts.join(' | ')))
        .toMatch(/Kim Weiss.*Ola Berg|Ola Berg.*Kim Weiss/);
      await openPhase(p.page, 'Support');
      await expect.poll(() => field(p.page, first).inputValue()).toBe('desk@example.com');
      await expect.poll(() => field(p.page, second).inputValue()).toBe('lead@example.com');
      await expect
        .poll(() => p.page.locator('[id^="field:/support/escalation/"] h3', { hasText: 'Duty manager' }).count())
        .toBe(2);
    }
  });

  it('keeps two protections ticked at once, and two holidays added at once', async () => {
    const design = (p: Participant) => p.page.locator('[id="field:/functions/webmail/design"]');
    const holidays = (p: Participant) => p.page.locator('[id="field:/calendars/business-hours/holidays"]');
    for (const p of [facilitator, stakeholder]) await openPhase(p.page, 'Recovery');
    for (const name of [/^DAG/, /^Synchronous replication/]) {
      await expect(design(facilitator).getByRole('checkbox', { name }).isChecked()).resolves.toBe(false);
    }

    await stakeholder.context.setOffline(true);
    await expect.poll(() => savedState(stakeholder.page)).toBe('offline');
    await design(facilitator).getByRole('checkbox', { name: /^DAG/ }).check();
    await design(stakeholder)
      .getByRole('checkbox', { name: /^Synchronous replication/ })
      .check();
    await waitForSaved(facilitator.page);

    for (const p of [facilitator, stakeholder]) await openPhase(p.page, 'Availability');
    const addHoliday = async (p: Participant, date: string, name: string) => {
      const list = holidays(p);
      await list.locator('summary').click();
      await list.getByLabel('Holiday date').fill(date);
      await list.getByLabel('Holiday name').fill(name);
      await list.getByRole('button', { name: 'Add holiday' }).click();
    };
    await addHoliday(facilitator, '2027-06-01', 'Company day');
    await addHoliday(stakeholder, '2027-07-01', 'Summer day');
    await waitForSaved(facilitator.page);

    await stakeholder.context.setOffline(false);
    await waitForSaved(stakeholder.page);
    for (const p of [facilitator, stakeholder]) {
      await expect
        .poll(() =>
          holidays(p)
            .locator('li')
            .allTextContents()
            .then((texts) => texts.join(' | ')),
        )
        .toMatch(/2027-06-01 Company day.*2027-07-01 Summer day/);
      await openPhase(p.page, 'Recovery');
      for (const name of [/^DAG/, /^Synchronous replication/]) {
        await expect.poll(() => design(p).getByRole('checkbox', { name }).isChecked()).toBe(true);
      }
    }
  });
});
