/**
 * Debian's Chromium driven by playwright-core (no downloaded browser builds), with the
 * flags this closed network needs. Each context is a fresh, isolated profile (its own cookies),
 * so one test file can have several people signed in at once.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots and other artefacts a person can look at after a run. */
export const TEST_OUTPUT_DIR = path.resolve(import.meta.dirname, '../../test-output');

/** Whether Chromium is installed here (CI installs it; `.ci/run`). */
export async function hasChromium(): Promise<boolean> {
  return Boolean(await fs.stat(CHROMIUM_PATH).catch(() => null));
}

export interface LaunchedChromium {
  /** A new isolated context (own cookies and storage) with the standard 1400×900 viewport. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Launch headless Chromium; close() ends every context (Playwright removes its temporary profile). */
export async function launchChromium(): Promise<LaunchedChromium> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    newContext: () => browser.newContext({ viewport: { width: 1400, height: 900 } }),
    close: () => browser.close(),
  };
}
