/**
 * Debian's Chromium driven by playwright-core (no downloaded browser builds), with the
 * flags this closed network needs and a fresh profile each launch.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots and other artefacts a person can look at after a run. */
export const TEST_OUTPUT_DIR = path.resolve(import.meta.dirname, '../../test-output');

/** Whether Chromium is installed here (CI installs it; `.ci/run`). */
export async function hasChromium(): Promise<boolean> {
  return Boolean(await fs.stat(CHROMIUM_PATH).catch(() => null));
}

/** Launch headless Chromium with a fresh user-data dir; close() also removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'corridor-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await fs.rm(userDataDir, { recursive: true, force: true });
    },
  };
}
