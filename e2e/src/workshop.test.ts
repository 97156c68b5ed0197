import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccord, type RunningAccord } from './accord-server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import {
  createWorkshop,
  downloadedBytes,
  field,
  inviteLink,
  joinByLink,
  openContext,
  openPhase,
  PHONE,
  screenshot,
  seatLink,
  seriousAxeViolations,
  typeInto,
  waitForSaved,
  type Participant,
} from './room-driver.ts';

const TARGET = '/functions/mailbox-access/availability/targetPercent';
const WEBMAIL_RTO = '/functions/webmail/recovery/component-failure/rtoSeconds';
const MOBILE_TARGET = '/functions/mobile-sync/availability/targetPercent';

/** The finding in the live findings list that names a field, if any. */
function finding(page: Page, code: string, path: string) {
  return page.locator(`[data-code="${code}"][data-fields~="${path}"]`).first();
}

/** Publishes the next version from Sign-off, confirming the question the live preview's errors raise. */
async function publishAnyway(page: Page, version: number): Promise<void> {
  await page.getByRole('button', { name: `Publish version ${version}` }).click();
  await page
    .getByRole('alertdialog', { name: new RegExp(`^Publish version ${version} with \\d+ errors?\\?$`) })
    .getByRole('button', { name: 'Publish anyway' })
    .click();
}

async function expectNoSeriousAxeViolations(page: Page, screen: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe.runIf(chromiumAvailable())('a whole workshop in three browsers', () => {
  let accord: RunningAccord;
  let browser: Browser;
  let facilitator: Participant & { workshopId: string };
  let stakeholder: Participant;
  let sponsor: Participant;

  beforeAll(async () => {
    accord = await startAccord();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('offers the templates and an import on the start page', async () => {
    const { context, page } = await openContext(browser);
    await page.goto(accord.url);
    await expect(page.getByRole('radio', { name: /Enterprise messaging/ }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('radio', { name: /Blank workshop/ }).isVisible()).resolves.toBe(true);
    await page.getByRole('radio', { name: /Import a requirements file/ }).check();
    await page.getByLabel('Your name (you facilitate)').fill('Someone');
    await page.getByLabel('…or paste it here').fill('formatVersion: 1\nmeta: { title: X }');
    await page.getByRole('button', { name: 'Create workshop' }).click();
    // The server's validation problems are shown, naming the path.
    await page.getByRole('alert').getByText('meta.service', { exact: true }).waitFor();
    await page.getByRole('radio', { name: /Enterprise messaging/ }).check();
    await screenshot(page, 'start');
    await expectNoSeriousAxeViolations(page, 'start page');

    // A valid file opens a workshop holding exactly what it says.
    await page.getByRole('radio', { name: /Import a requirements file/ }).check();
    await page.getByLabel('Requirements file', { exact: true }).setInputFiles({
      name: 'payroll.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(
        'formatVersion: 1\nmeta: { title: Payroll SLA, service: Payroll, timeZone: Europe/Vienna }\n',
      ),
    });
    await page.getByRole('button', { name: 'Create workshop' }).click();
    await page.waitForURL(/\/w\/[a-z0-9]+$/);
    await expect.poll(() => field(page, '/meta/title').inputValue()).toBe('Payroll SLA');
    await expect.poll(() => field(page, '/meta/timeZone').inputValue()).toBe('Europe/Vienna');
    await page.getByRole('button', { name: 'Invite stakeholders and sponsors' }).waitFor();
    await context.close();
  });

  it('lets the facilitator create the workshop and invite a stakeholder and a sponsor, who join by link', async () => {
    facilitator = await createWorkshop(browser, accord.url, 'Anna Keller');
    const stakeholderLink = await inviteLink(facilitator.page, 'stakeholder');
    const sponsorLink = await inviteLink(facilitator.page, 'sponsor');
    // The template names a second sponsor; their seat is named too, though they never join here.
    await seatLink(facilitator.page, 'Markus Brandt', 'markus.brandt@example.com');
    expect(stakeholderLink).toMatch(/\/join\//);

    const { context, page } = await openContext(browser);
    await page.goto(stakeholderLink);
    await page.getByRole('heading', { name: 'Messaging platform SLA workshop' }).waitFor();
    await expect(page.getByText('Stakeholder', { exact: true }).isVisible()).resolves.toBe(true);
    await expectNoSeriousAxeViolations(page, 'join page');
    await context.close();

    stakeholder = await joinByLink(browser, stakeholderLink, 'Jonas Weber');
    sponsor = await joinByLink(browser, sponsorLink, 'Karin Vogt', PHONE);
    // The recent list on the start page remembers the workshop on this device.
    expect(await stakeholder.page.evaluate(() => localStorage.getItem('accord.recent-workshops'))).toContain(
      facilitator.workshopId,
    );
  });

  it('shows everyone who is present, with their role', async () => {
    const roster = facilitator.page.getByTestId('roster');
    await roster.locator('[data-participant="Jonas Weber"]').getByText('Stakeholder').waitFor();
    await roster.locator('[data-participant="Karin Vogt"]').getByText('Sponsor').waitFor();
  });

  it('moves everyone to the next phase when the facilitator does', async () => {
    await facilitator.page.getByRole('button', { name: 'Next: Availability →' }).click();
    for (const p of [facilitator, stakeholder, sponsor])
      await p.page.getByRole('heading', { level: 1, name: 'Availability' }).waitFor();
  });

  it('runs a countdown everyone sees', async () => {
    await facilitator.page.getByLabel('Countdown length').fill('2 min');
    await facilitator.page.getByRole('button', { name: 'Start countdown' }).click();
    for (const p of [stakeholder, sponsor]) {
      await expect.poll(() => p.page.getByTestId('countdown').textContent()).toMatch(/(1:5\d|2:00)$/);
    }
    await facilitator.page.getByRole('button', { name: 'Stop', exact: true }).click();
    await stakeholder.page.getByTestId('countdown').waitFor({ state: 'detached' });
  });

  it('shows each edit and who is editing which field to everyone, live', async () => {
    await field(stakeholder.page, TARGET).click();
    // Presence: the facilitator sees who edits the field, on the field and in the roster.
    await facilitator.page.locator(`[data-field="${TARGET}"] .editor`, { hasText: 'Jonas Weber' }).waitFor();
    await facilitator.page.getByTestId('roster').getByText('editing Mailbox access · availability target').waitFor();
    await screenshot(facilitator.page, 'room-1280');

    await typeInto(stakeholder.page, TARGET, '99.95');
    await waitForSaved(stakeholder.page);
    await expect.poll(() => field(facilitator.page, TARGET).inputValue()).toBe('99.95');
    await expect.poll(() => field(sponsor.page, TARGET).inputValue()).toBe('99.95');
    await facilitator.page.locator(`[data-field="${TARGET}"] .editor`).waitFor({ state: 'detached' });
    // Units people use are understood, and a bad entry says what to type instead.
    await typeInto(stakeholder.page, TARGET, '100');
    await stakeholder.page.locator(`[data-field="${TARGET}"]`).getByText('a target lies between 0 and 100 %').waitFor();
    await stakeholder.page.keyboard.press('Shift+Tab');
    await stakeholder.page.keyboard.press('Escape');
    await expect.poll(() => field(facilitator.page, TARGET).inputValue()).toBe('99.95');
  });

  it('keeps the sponsor read-only on requirements (inputs disabled) on a phone', async () => {
    await expect(field(sponsor.page, TARGET).isDisabled()).resolves.toBe(true);
    await screenshot(sponsor.page, 'room-390');
    await expectNoSeriousAxeViolations(sponsor.page, 'room on a phone');
    await expectNoSeriousAxeViolations(facilitator.page, 'room at 1280 px');
  });

  it('raises RTO_EXCEEDS_BUDGET while an RTO is longer than the budget, links it to the field, and clears it when fixed', async () => {
    await openPhase(stakeholder.page, 'Recovery');
    await expect(finding(facilitator.page, 'RTO_EXCEEDS_BUDGET', WEBMAIL_RTO).count()).resolves.toBe(0);
    await typeInto(stakeholder.page, WEBMAIL_RTO, '4h');
    const raised = finding(facilitator.page, 'RTO_EXCEEDS_BUDGET', WEBMAIL_RTO);
    await raised.waitFor();
    await expect(raised.textContent()).resolves.toContain('4h');

    // The finding links to the field: the facilitator lands on the Recovery phase with the input focused.
    await raised.getByRole('button', { name: /Webmail.*RTO/ }).click();
    await facilitator.page.getByRole('heading', { level: 1, name: 'Recovery' }).waitFor();
    await expect.poll(() => facilitator.page.evaluate(() => document.activeElement?.id)).toBe(`field:${WEBMAIL_RTO}`);
    await expect.poll(() => field(facilitator.page, WEBMAIL_RTO).inputValue()).toBe('4h');
    await facilitator.page.keyboard.press('Tab');

    await typeInto(stakeholder.page, WEBMAIL_RTO, '2 h');
    await raised.waitFor({ state: 'detached' });
    await expect.poll(() => field(facilitator.page, WEBMAIL_RTO).inputValue()).toBe('2h');
  });

  it('lets a sponsor propose, people vote, and the facilitator accept; the decision is logged', async () => {
    await openPhase(sponsor.page, 'Availability');
    await sponsor.page
      .locator(`[data-field="${MOBILE_TARGET}"]`)
      .getByRole('button', { name: /Propose a value/ })
      .click();
    const dialog = sponsor.page.getByRole('dialog');
    await dialog.getByLabel('Value').fill('99,5');
    await dialog.getByLabel('Why').fill('Managers approve orders from their phones.');
    await dialog.getByRole('button', { name: 'Propose', exact: true }).click();
    const card = dialog.getByRole('article', { name: /Proposal by Karin Vogt: 99.5/ });
    await card.getByRole('button', { name: 'Vote for' }).click();
    await card.getByRole('button', { name: '✓ For' }).waitFor();
    await screenshot(sponsor.page, 'proposal-390');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await openPhase(stakeholder.page, 'Availability');
    await stakeholder.page
      .locator(`[data-field="${MOBILE_TARGET}"]`)
      .getByRole('button', { name: /1 proposal for Target/ })
      .click();
    const theirs = stakeholder.page.getByRole('dialog').getByRole('article', { name: /Proposal by Karin Vogt/ });
    await theirs.getByRole('button', { name: 'Vote for' }).click();
    await theirs.getByText('2 for').waitFor();
    await stakeholder.page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    await openPhase(facilitator.page, 'Review');
    const open = facilitator.page.getByRole('article', { name: /Proposal by Karin Vogt: 99.5/ });
    await open.getByText('2 for').waitFor();
    await open.getByLabel('Note on the decision (optional)').fill('Both voters agree; the budget still holds.');
    await open.getByRole('button', { name: 'Accept' }).click();
    await facilitator.page
      .getByTestId('decision-log')
      .getByText(/Mobile sync.*availability target/)
      .waitFor();
    await facilitator.page
      .getByTestId('decision-log')
      .getByText('Both voters agree; the budget still holds.')
      .waitFor();
    await expect.poll(() => field(stakeholder.page, MOBILE_TARGET).inputValue()).toBe('99.5');
    await facilitator.page.getByTestId('decision-log').scrollIntoViewIfNeeded();
    await screenshot(facilitator.page, 'review-1280');
    await expectNoSeriousAxeViolations(facilitator.page, 'review');
  });

  it('publishes a version that the sponsor reviews and signs on a phone, and downloads the PDF', async () => {
    await openPhase(facilitator.page, 'Sign-off');
    await publishAnyway(facilitator.page, 1);
    await facilitator.page.getByRole('heading', { name: 'Version 1', exact: true }).waitFor();

    // The sponsor, elsewhere in the agenda, is told a version waits for them and gets there in one tap.
    await sponsor.page.getByRole('button', { name: 'Review and sign' }).click();
    await sponsor.page.getByRole('heading', { level: 1, name: 'Sign-off' }).waitFor();
    await sponsor.page.getByRole('heading', { name: 'Version 1', exact: true }).waitFor();
    // On a phone the document opens full screen rather than scrolling in a frame inside the scrolling page.
    await expect(sponsor.page.locator('iframe[title^="SLA and justification"]').isVisible()).resolves.toBe(false);
    await sponsor.page.getByRole('button', { name: 'Read the document full screen' }).click();
    const reader = sponsor.page.getByRole('dialog', { name: 'SLA and justification, version 1' });
    await reader
      .frameLocator('iframe')
      .locator('body')
      .getByText(/Mailbox access/)
      .first()
      .waitFor();
    const frame = await reader.locator('iframe').boundingBox();
    expect(frame?.width).toBe(PHONE.viewport.width);
    expect(frame?.height).toBeGreaterThan(PHONE.viewport.height * 0.85);
    await screenshot(sponsor.page, 'document-390');
    await reader.getByRole('button', { name: 'Close' }).click();
    await sponsor.page.getByRole('radio', { name: /Sign — I approve/ }).check();
    await screenshot(sponsor.page, 'sponsor-390');
    await expectNoSeriousAxeViolations(sponsor.page, 'sponsor view');
    await sponsor.page.getByRole('button', { name: 'Sign version 1' }).click();
    await sponsor.page
      .getByRole('row', { name: /Karin Vogt \(you\)/ })
      .getByText('signed')
      .waitFor();
    // The facilitator's list updates on the signature event. The requirements name a second sponsor, who has
    // not joined: the version waits for them too.
    await facilitator.page
      .getByRole('listitem')
      .filter({ hasText: 'v1' })
      .getByText('awaiting signatures (1 of 2)')
      .waitFor();
    await facilitator.page
      .getByRole('row', { name: /Markus Brandt/ })
      .getByText('has not joined yet')
      .waitFor();

    const [download] = await Promise.all([
      facilitator.page.waitForEvent('download'),
      facilitator.page.getByRole('link', { name: 'PDF', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/v1\.pdf$/);
    const bytes = await downloadedBytes(download);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('shows a sponsor what changed since the version they last saw', async () => {
    await openPhase(facilitator.page, 'Availability');
    await typeInto(facilitator.page, TARGET, '99.9');
    await waitForSaved(facilitator.page);
    await openPhase(facilitator.page, 'Sign-off');
    await publishAnyway(facilitator.page, 2);
    await facilitator.page.getByRole('heading', { name: 'Version 2', exact: true }).waitFor();

    await sponsor.page.getByRole('button', { name: /^v2/ }).click();
    const changes = sponsor.page.locator('details', { hasText: 'What changed since version 1' });
    const target = changes.getByRole('row', { name: /Mailbox access · availability target 99.95 % 99.9 %/ });
    await target.waitFor();
    // Beside the number, what it means in plain words.
    await target.getByText(/^Mailbox access may be down for up to .+ in an average month\.$/).waitFor();
    await screenshot(sponsor.page, 'sponsor-changes-390');
  });

  it('shows who rejected a version in the version list, not "awaiting signatures"', async () => {
    await sponsor.page.getByRole('radio', { name: /Reject — it needs changes/ }).check();
    await sponsor.page.getByLabel('Comment (say why)').fill('Mobile sync needs a second gateway; budget it first.');
    await sponsor.page.getByRole('button', { name: 'Reject version 2' }).click();
    const v2 = facilitator.page.getByRole('listitem').filter({ hasText: 'v2' });
    await v2.getByText('rejected by Karin Vogt').waitFor();
    await expect(v2.getByText('awaiting signatures').count()).resolves.toBe(0);
    await facilitator.page
      .getByTestId('signatures')
      .getByText('Rejected by Karin Vogt; 0 of 2 sponsors have signed.')
      .waitFor();
    await screenshot(facilitator.page, 'rejected-1280');
  });

  it('asks before publishing with errors, and shows the server’s reason when it refuses', async () => {
    const errors = Number(
      /(\d+) errors?/.exec((await facilitator.page.getByTestId('findings-counts').first().textContent()) ?? '')?.[1],
    );
    expect(errors).toBeGreaterThan(0);
    await facilitator.page.getByRole('button', { name: 'Publish version 3' }).click();
    const confirm = facilitator.page.getByRole('alertdialog', { name: `Publish version 3 with ${errors} errors?` });
    await confirm.waitFor();
    await screenshot(facilitator.page, 'publish-confirm-1280');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });

    // Nothing changed since version 2: the server refuses, and says why.
    await publishAnyway(facilitator.page, 3);
    await facilitator.page
      .getByRole('alert')
      .getByText(/^Nothing has changed since version 2/)
      .waitFor();
    await expect(facilitator.page.getByRole('button', { name: /^v3/ }).count()).resolves.toBe(0);
  });

  it('has no serious accessibility violations on any phase or dialog', async () => {
    for (const phase of ['Scope', 'Availability', 'Recovery', 'Support', 'Risks', 'Review', 'Sign-off']) {
      await openPhase(facilitator.page, phase);
      // The phase is rendered once its heading is; the next frame has it laid out for the picture.
      await facilitator.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      await screenshot(facilitator.page, `phase-${phase.toLowerCase()}-1280`);
      await expectNoSeriousAxeViolations(facilitator.page, `${phase} phase`);
    }
    await facilitator.page.getByRole('button', { name: 'Invite & manage' }).click();
    await facilitator.page.getByRole('dialog', { name: 'Invite and manage' }).getByRole('table').first().waitFor();
    await screenshot(facilitator.page, 'tools-1280');
    await expectNoSeriousAxeViolations(facilitator.page, 'invite and manage dialog');
    await facilitator.page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  });
});
