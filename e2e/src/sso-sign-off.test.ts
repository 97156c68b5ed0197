import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAccord, type RunningAccord } from './accord-server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import { createWorkshop, openContext, openPhase, seatLink, type Participant } from './room-driver.ts';

const CLIENT_SECRET = 'accord-e2e-client-secret-0123456789';
/** Short enough to wait out in a test, long enough for a loaded machine to sign after logging in. */
const SIGN_MAX_AGE_S = 40;
/** The provider's address, known once it listens. */
let issuer = '';

/** Logs in at the provider's own login page (its development interactions) as `login`, and consents. */
async function providerLogin(page: Page, login: string): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // The provider asks for consent the first time only: wait for whichever comes, the browser sent back or the
  // question, and answer the question, until the browser is back.
  const consent = page.getByRole('button', { name: 'Continue' });
  const back = page.waitForURL((url) => !url.href.startsWith(issuer), { timeout: 30_000 }).then(() => 'back' as const);
  // A question that never comes leaves the answer to `back` (which fails once its 30 s are up).
  const asked = () =>
    consent.waitFor().then(
      () => 'asked' as const,
      () => back,
    );
  while ((await Promise.race([back, asked()])) === 'asked') {
    await consent.click();
    await Promise.race([back, consent.waitFor({ state: 'detached' })]);
  }
}

/**
 * Single sign-on against a real OpenID provider (oidc-provider) on loopback: the authorization-code flow with
 * PKCE in Chromium binds a seat to its person, another person's login is refused for that seat, a stale login
 * does not sign, a fresh one does and the evidence names the provider's identity.
 */
describe.runIf(chromiumAvailable())('single sign-on for sponsor seats', () => {
  let providerServer: Server;
  let accord: RunningAccord;
  let browser: Browser;
  let facilitator: Participant & { workshopId: string };
  let karinLink = '';

  beforeAll(async () => {
    providerServer = createServer();
    await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
    accord = await startAccord({
      oidc: { issuer, clientId: 'accord', clientSecret: CLIENT_SECRET, signMaxAgeSeconds: SIGN_MAX_AGE_S },
    });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'accord',
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${accord.url}/api/auth/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      findAccount: (_ctx, id) => ({
        accountId: id,
        claims: () => ({ sub: id, email: `${id}@example.com`, email_verified: true }),
      }),
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
    });
    providerServer.on('request', provider.callback());
    browser = await launchChromium();
    facilitator = await createWorkshop(browser, accord.url, 'Anna Keller');
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.close();
    await new Promise((resolve) => providerServer?.close(resolve));
  });

  it("refuses another person's login for a seat, and binds the seat to its own person's login", async () => {
    karinLink = await seatLink(facilitator.page, 'Dr. Karin Vogt', 'karin.vogt@example.com', 'CIO');
    await seatLink(facilitator.page, 'Markus Brandt', 'markus.brandt@example.com');

    const markus = await openContext(browser);
    await markus.page.goto(karinLink);
    await markus.page.getByRole('link', { name: 'Log in to join' }).click();
    await providerLogin(markus.page, 'markus.brandt');
    await markus.page.getByText(/identity_mismatch/).waitFor();
    await expect(markus.page.textContent('body')).resolves.toMatch(
      /this seat is for Dr\. Karin Vogt \(karin\.vogt@example\.com\); you are logged in as markus\.brandt@example\.com/,
    );
    await markus.context.close();
  });

  it("joins, refuses a stale login for signing, and signs after a fresh login with the provider's identity", async () => {
    const karin = await openContext(browser);
    await karin.page.goto(karinLink);
    await karin.page.getByRole('link', { name: 'Log in to join' }).click();
    await providerLogin(karin.page, 'karin.vogt');
    await karin.page.waitForURL(/\/w\/[a-z0-9]+$/, { timeout: 30_000 });
    await karin.page.getByTestId('saved-state').waitFor();

    await openPhase(facilitator.page, 'Sign-off');
    await facilitator.page.getByRole('button', { name: 'Publish version 1' }).click();
    await facilitator.page.getByRole('alertdialog').getByRole('button', { name: 'Publish anyway' }).click();
    await facilitator.page.getByRole('heading', { name: 'Version 1', exact: true }).waitFor();

    // The login that joined is not a signature: signing asks for a fresh one, and an old one is refused.
    await openPhase(karin.page, 'Sign-off');
    await karin.page.getByRole('link', { name: 'Log in again to sign' }).click();
    await providerLogin(karin.page, 'karin.vogt');
    await karin.page.waitForURL(/\/w\/[a-z0-9]+\?signed-in=1$/, { timeout: 30_000 });
    // The server runs in this process: its clock moves past the login's age instead of the test waiting it out
    // (the browser still holds the cookie, so the server's own age check is what refuses).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + (SIGN_MAX_AGE_S + 2) * 1000);
    const stale = await karin.page
      .evaluate(async (url) => {
        const versions = (await (await fetch(`${url}/versions`)).json()) as { hash: string }[];
        const response = await fetch(`${url}/versions/1/signatures`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ hash: versions[0]?.hash, decision: 'signed' }),
        });
        return { status: response.status, body: await response.text() };
      }, `${accord.url}/api/workshops/${facilitator.workshopId}`)
      .finally(() => vi.useRealTimers());
    expect(stale.status).toBe(401);
    expect(stale.body).toMatch(/fresh_login_required/);

    await openPhase(karin.page, 'Sign-off');
    await karin.page.getByRole('link', { name: 'Log in again to sign' }).click();
    await providerLogin(karin.page, 'karin.vogt');
    await karin.page.waitForURL(/\?signed-in=1$/, { timeout: 30_000 });
    await openPhase(karin.page, 'Sign-off');
    await karin.page.getByRole('radio', { name: /Sign — I approve/ }).check();
    await karin.page.getByRole('main').getByRole('button', { name: 'Sign version 1' }).click();
    await karin.page.getByTestId('sign-confirmation').waitFor();
    const evidence = (await karin.page.evaluate(
      async (url) => (await fetch(`${url}/versions/1/signatures`)).json(),
      `${accord.url}/api/workshops/${facilitator.workshopId}`,
    )) as { identity: Record<string, string>; name: string }[];
    expect(evidence).toHaveLength(1);
    expect(evidence[0]?.name).toBe('Dr. Karin Vogt');
    expect(evidence[0]?.identity).toMatchObject({
      method: 'single-sign-on',
      subject: 'karin.vogt',
      email: 'karin.vogt@example.com',
    });
    expect(evidence[0]?.identity.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await karin.context.close();
  });
});
