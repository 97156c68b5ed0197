import type { Browser, Locator } from 'playwright-core';
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
  waitForSaved,
  type Participant,
} from './room-driver.ts';

const MAILBOX_TARGET = '/functions/mailbox-access/availability/targetPercent';
const WEBMAIL_TARGET = '/functions/webmail/availability/targetPercent';
const WEBMAIL_RTO = '/functions/webmail/recovery/component-failure/rtoSeconds';

/** Whether two boxes on screen overlap. */
async function overlap(a: Locator, b: Locator): Promise<boolean> {
  const [x, y] = await Promise.all([a.boundingBox(), b.boundingBox()]);
  if (!x || !y) throw new Error('both elements must be on screen');
  return x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
}

/** What a new user read on the way through a workshop: words and layout the tester found wrong. */
describe.runIf(chromiumAvailable())('what a new user reads', () => {
  let accord: RunningAccord;
  let browser: Browser;
  let facilitator: Participant;
  let stakeholder: Participant;
  let sponsor: Participant;

  beforeAll(async () => {
    accord = await startAccord();
    browser = await launchChromium();
    facilitator = await createWorkshop(browser, accord.url, 'Anna Keller');
    stakeholder = await joinByLink(browser, await inviteLink(facilitator.page, 'stakeholder'), 'Jonas Weber');
    sponsor = await joinByLink(browser, await inviteLink(facilitator.page, 'sponsor'), 'Karin Vogt', PHONE);
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('tells the sponsor what their role does, not that the room is read-only', async () => {
    await expect(sponsor.page.getByTestId('saved-state').textContent()).resolves.toContain(
      'Live — you review and sign',
    );
  });

  it('shows who edits a field beside its label, not over the hint under it', async () => {
    for (const p of [facilitator, stakeholder]) await openPhase(p.page, 'Availability');
    await field(stakeholder.page, MAILBOX_TARGET).click();
    const shell = facilitator.page.locator(`[data-field="${MAILBOX_TARGET}"]`);
    const badge = shell.locator('.editor', { hasText: 'Jonas Weber' });
    await badge.waitFor();
    const hint = shell.getByText(/^Allows .* of downtime a month$/);
    expect(await overlap(badge, hint)).toBe(false);
    expect(await overlap(badge, field(facilitator.page, MAILBOX_TARGET))).toBe(false);
    await shell.scrollIntoViewIfNeeded();
    await screenshot(facilitator.page, 'presence-1280');
    await stakeholder.page.keyboard.press('Tab');
  });

  it('says "None chosen: every function" only while no function is ticked, and a window’s name once', async () => {
    const sunday = facilitator.page.locator('[id="field:/maintenance/sunday-patching/appliesTo"]');
    const firmware = facilitator.page.locator('[id="field:/maintenance/quarterly-firmware/appliesTo"]');
    await sunday.getByText('None chosen: every function').waitFor();
    await expect(firmware.getByText('None chosen: every function').count()).resolves.toBe(0);
    await facilitator.page.getByText('Where the Sunday patch window comes from').waitFor();
    await expect(facilitator.page.getByText('window window').count()).resolves.toBe(0);
  });

  it('names the function in the proposal dialog’s title', async () => {
    await facilitator.page
      .locator(`[data-field="${WEBMAIL_TARGET}"]`)
      .getByRole('button', { name: /Propose a value/ })
      .click();
    const dialog = facilitator.page.getByRole('dialog', {
      name: 'Proposals: Webmail (Outlook Web Access) · availability target',
    });
    await dialog.getByText('Current value: 99.5 %').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('takes a decimal comma in durations as it does in percentages', async () => {
    await openPhase(stakeholder.page, 'Recovery');
    await typeInto(stakeholder.page, WEBMAIL_RTO, '1,5h');
    await waitForSaved(stakeholder.page);
    await openPhase(facilitator.page, 'Recovery');
    await expect.poll(() => field(facilitator.page, WEBMAIL_RTO).inputValue()).toBe('1h 30m');
  });

  it('says why a disabled button is disabled', async () => {
    const add = facilitator.page.getByRole('button', { name: 'Add backup' });
    await expect(add.isDisabled()).resolves.toBe(true);
    await expect(add.getAttribute('title')).resolves.toBe('Type a name first');
    const described = await add.evaluate(
      (button) => document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent,
    );
    expect(described).toBe('Type a name first.');
  });

  it('on a phone, puts the open proposals in Review first, with the field’s current value, and folds the findings', async () => {
    // Templates bring no proposals: a stakeholder makes one.
    await openPhase(stakeholder.page, 'Availability');
    await stakeholder.page
      .locator(`[data-field="${WEBMAIL_TARGET}"]`)
      .getByRole('button', { name: /Propose/ })
      .click();
    const proposing = stakeholder.page.getByRole('dialog');
    await proposing.getByLabel('Value').fill('99.9');
    await proposing.getByRole('button', { name: 'Propose', exact: true }).click();
    await proposing.getByRole('article', { name: /Proposal by Jonas Weber/ }).waitFor();
    await proposing.getByRole('button', { name: 'Close' }).click();
    await openPhase(sponsor.page, 'Review');
    const proposals = sponsor.page.getByRole('heading', { name: 'Open proposals' });
    const findings = sponsor.page.getByRole('heading', { name: 'Findings', exact: true });
    const [p, f] = await Promise.all([proposals.boundingBox(), findings.boundingBox()]);
    expect(p && f && p.y < f.y).toBe(true);
    const card = sponsor.page.getByRole('article', { name: /Proposal by Jonas Weber: 99.9/ });
    await card.getByText('Now: 99.5 %').waitFor();
    const box = await card.boundingBox();
    expect(box && box.y + box.height).toBeLessThan(PHONE.viewport.height * 2);
    await expect(sponsor.page.getByTestId('findings').count()).resolves.toBe(0);
    await screenshot(sponsor.page, 'review-390');
    await sponsor.page.getByRole('button', { name: 'Show the findings' }).click();
    await sponsor.page.getByTestId('findings').waitFor();
  });

  it('fits the risk matrix on a phone, numbering each threat as its heading below does', async () => {
    await openPhase(sponsor.page, 'Risks');
    const matrix = sponsor.page.getByRole('table', { name: /Risks by likelihood/ });
    const [scrollWidth, clientWidth] = await matrix.evaluate((table) => [
      table.parentElement?.scrollWidth ?? 0,
      table.parentElement?.clientWidth ?? 0,
    ]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    // The cell still names the threat to a screen reader; on screen it shows the number of the heading below.
    const cell = matrix.getByRole('cell', { name: /Mailbox server hardware failure/ });
    await expect(cell.innerText()).resolves.toMatch(/^\s*1\b/);
    await sponsor.page
      .getByRole('heading', { level: 3, name: /Mailbox server hardware failure/ })
      .getByText('1', { exact: true })
      .waitFor();
    await screenshot(sponsor.page, 'risks-390');
  });
});
