import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { provided } from './shared-run.ts';

/** Debian's Chromium; these machines never download browsers. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const INSTALL_HINT =
  `Chromium is not at ${CHROMIUM_PATH}. Install Debian's package: apt-get update && apt-get install -y chromium ` +
  '(or set CHROMIUM_PATH). `bash .ci/run` installs it for you.';

/** Whether the browser tests can run here; with E2E_REQUIRED=1 (CI) a missing browser is a failure, not a skip. */
export function chromiumAvailable(options: { quiet?: boolean } = {}): boolean {
  const present = existsSync(CHROMIUM_PATH);
  if (options.quiet) return present;
  if (!present && process.env.E2E_REQUIRED === '1') throw new Error(INSTALL_HINT);
  if (!present) console.warn(`[e2e] skipped: ${INSTALL_HINT}`);
  return present;
}

/**
 * A browser for a test file: a connection to the Chromium every e2e file shares (launched by
 * `global-setup.ts`), or, outside that run, a Chromium of its own. Either way `close()` ends what the file
 * opened: a connection's contexts and pages go with it, the shared browser keeps running.
 */
export function launchChromium(): Promise<Browser> {
  const endpoint = provided('chromiumEndpoint');
  if (endpoint) return chromium.connect(endpoint);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
