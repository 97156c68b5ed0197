import type { TestProject } from 'vitest/node';
import { chromium, type BrowserServer } from 'playwright-core';
import { startAccord, webClientBuilt, type RunningAccord } from './accord-server.ts';
import './shared-run.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable } from './chromium.ts';

/**
 * One Accord server and one Chromium for every e2e file (files run one after another): starting both per file
 * cost seconds each. Files connect to them through `startAccord()` and `launchChromium()`; a file that needs
 * a server configured otherwise (SSO, another origin, a restart) still starts its own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let accord: RunningAccord | undefined;
  let browser: BrowserServer | undefined;
  // Without the web client or the browser, each file reports (or skips) as it did before: nothing to share.
  if (webClientBuilt()) accord = await startAccord(SHARED_SERVER, { shared: false });
  if (chromiumAvailable({ quiet: true })) {
    browser = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  }
  project.provide('accordUrl', accord?.url ?? '');
  project.provide('chromiumEndpoint', browser?.wsEndpoint() ?? '');
  return async () => {
    await browser?.close();
    await accord?.close();
  };
}

/**
 * Every file's people come from 127.0.0.1, so the per-address rate limits of one server would add up over the
 * whole run: the shared server allows plenty (the limits themselves are tested in the server's suite).
 */
const SHARED_SERVER = { joinsPerMinute: 100_000, writesPerMinute: 100_000 } as const;
