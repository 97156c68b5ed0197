import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPdfText } from '../../packages/render/src/render/test-support/pdf-text-extract.ts';
import { startAccord, type RunningAccord } from './accord-server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import { createWorkshop, joinByLink, openContext, openPhase, seatLink, type Participant } from './room-driver.ts';

/**
 * Sign-off that proves who signed what: named seats whose invites work once, a signature recorded with its
 * statement and hashes, the PDF's certificate page, and verifying the downloaded file (and a tampered one).
 */
describe.runIf(chromiumAvailable())('sign-off evidence', () => {
  let accord: RunningAccord;
  let browser: Browser;
  let facilitator: Participant & { workshopId: string };
  let karin: Participant;
  let karinLink = '';
  let pdf = new Uint8Array();

  beforeAll(async () => {
    accord = await startAccord();
    browser = await launchChromium();
    facilitator = await createWorkshop(browser, accord.url, 'Anna Keller');
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('joins a named sponsor under the name the facilitator wrote, and a forwarded link adds nobody', async () => {
    karinLink = await seatLink(facilitator.page, 'Dr. Karin Vogt', 'karin.vogt@example.com', 'CIO');
    await seatLink(facilitator.page, 'Markus Brandt', 'markus.brandt@example.com', 'Head of Sales Operations');
    karin = await joinByLink(browser, karinLink, 'ignored');
    await facilitator.page.locator('[data-participant="Dr. Karin Vogt"]').first().waitFor({ state: 'attached' });
    const { context, page } = await openContext(browser);
    await page.goto(karinLink);
    await page.getByText(/already been used, and it works only once/).waitFor();
    await expect(page.getByRole('button', { name: 'Join the workshop' }).count()).resolves.toBe(0);
    await context.close();
  });

  it('signs with the exact statement, confirms who, what, when and the hash, and refreshes the document', async () => {
    await openPhase(facilitator.page, 'Sign-off');
    await facilitator.page.getByRole('button', { name: 'Publish version 1' }).click();
    await facilitator.page.getByRole('alertdialog').getByRole('button', { name: 'Publish anyway' }).click();
    await facilitator.page.getByRole('heading', { name: 'Version 1', exact: true }).waitFor();
    await expect(facilitator.page.getByTestId('signatures').textContent()).resolves.toMatch(/0 of 2/);

    await openPhase(karin.page, 'Sign-off');
    await karin.page.getByRole('heading', { name: 'Version 1', exact: true }).waitFor();
    const frame = karin.page.frameLocator('iframe.inline');
    await frame.getByText('awaiting sign-off: 0 of 2 sponsors signed', { exact: false }).first().waitFor();
    await karin.page.getByRole('radio', { name: /Sign — I approve/ }).check();
    await expect(karin.page.getByTestId('sign-statement').textContent()).resolves.toMatch(
      /^I, Dr\. Karin Vogt, CIO, approve version 1 of ".*" \(SHA-256 of its JSON [0-9a-f]{64}; SHA-256 of its PDF [0-9a-f]{64}\)/,
    );
    await karin.page.getByLabel(/Comment/).fill('Agreed for the 2027 budget.');
    await karin.page.getByRole('main').getByRole('button', { name: 'Sign version 1' }).click();
    const confirmation = karin.page.getByTestId('sign-confirmation');
    await confirmation.waitFor();
    // As read on screen: the markup's line breaks are spaces there, not part of the sentence.
    await expect(confirmation.innerText()).resolves.toMatch(
      /Recorded: Dr\. Karin Vogt signed version 1[\s\S]*Version SHA-256 [0-9a-f]{64}[\s\S]*Agreed for the 2027 budget\./,
    );
    await karin.page
      .getByRole('row', { name: /Dr\. Karin Vogt \(you\)/ })
      .getByText('Agreed for the 2027 budget.')
      .waitFor();
    // The embedded document reloads with the signature: it no longer says nobody signed.
    await frame.getByText('1 of 2 sponsors signed', { exact: false }).first().waitFor();
  });

  it('gives the PDF a certificate page listing the signature, after pages that are unchanged', async () => {
    const url = `${accord.url}/api/workshops/${facilitator.workshopId}/versions/1/document.pdf`;
    const response = await karin.context.request.get(url);
    expect(response.status()).toBe(200);
    pdf = new Uint8Array(await response.body());
    const text = extractPdfText(pdf);
    expect(text).toContain('Certificate of signatures');
    expect(text).toContain('1. Dr. Karin Vogt, CIO: signed');
    expect(text).toContain('Identity: holder of the personal invite link');
    expect(text).toContain('Still to decide: Markus Brandt');
  });

  it('verifies the downloaded PDF as unchanged and signed, and a PDF with one byte changed as no version', async () => {
    const input = karin.page.getByLabel('File to verify');
    await input.setInputFiles({ name: 'sla-v1.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
    const result = karin.page.getByTestId('verify-result');
    await expect
      .poll(() => result.textContent(), { timeout: 20_000 })
      .toMatch(/Unchanged: version 1 of ".*", signed by Dr\. Karin Vogt at /);
    const tampered = Buffer.from(pdf);
    tampered[1500] = (tampered[1500] ?? 0) ^ 0x20;
    await input.setInputFiles({ name: 'sla-v1-edited.pdf', mimeType: 'application/pdf', buffer: tampered });
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toMatch(/Not a version of this workshop/);
  });
});
