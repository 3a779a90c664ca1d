/**
 * What the browser tests do on the live-map page as a person would: read the demo accounts the
 * platform wrote, sign in through the form, and read where the page has drawn the aircraft.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** One entry of DATA_DIR/demo-accounts.json (written by the platform under SEED_DEMO). */
export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  role: string;
}

/** The demo account with `email`, from the platform's data folder; throws when it is missing. */
export async function readDemoAccount(dataDir: string, email: string): Promise<DemoAccount> {
  const accounts = JSON.parse(await fs.readFile(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
  const account = accounts.find((candidate) => candidate.email === email);
  if (!account) throw new Error(`demo-accounts.json has no account '${email}' (it has ${accounts.map((a) => a.email).join(', ')})`);
  return account;
}

/**
 * Collect the page's uncaught errors and Content-Security-Policy violations into `problems`
 * (the server's CSP forbids inline scripts and handlers; a violation is a broken page).
 */
export function recordPageProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
}

/** Type into the sign-in form and press the button; resolves with the login answer's HTTP status once the form is ready again or gone. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<number> {
  await page.fill('#sign-in-email', email);
  await page.fill('#sign-in-password', password);
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => new URL(candidate.url()).pathname === '/api/auth/login'),
    page.click('#sign-in-submit'),
  ]);
  await page.waitForFunction(() => {
    const button = document.querySelector<HTMLButtonElement>('#sign-in-submit');
    return !button || !button.disabled;
  });
  return response.status();
}

/** Sign in through the form as `account` and wait until the map is live. */
export async function signInThroughForm(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.locator('#sign-in-form').waitFor();
  expect(await submitSignIn(page, account.email, account.password)).toBe(200);
  await page.waitForSelector('#connection-state[data-state="live"]');
}

/** Callsigns of every aircraft marker on the page (markers are never removed, so this is all ever drawn). */
export const markerCallsigns = (page: Page): Promise<string[]> =>
  page.$$eval('.aircraft-marker .label', (labels) => labels.map((label) => label.textContent!.split(' ')[0]!).sort());

/** Where the page has drawn a corridor's aircraft markers: callsign label → [lon, lat]. */
export const markerPositions = (page: Page, corridorSlug: string): Promise<Record<string, [number, number]>> =>
  page.evaluate(async (slug) => {
    const corridors = (await (await fetch('/api/corridors')).json()).items as Array<{ id: string; slug: string }>;
    const id = corridors.find((corridor) => corridor.slug === slug)!.id;
    const markers = [...document.querySelectorAll<HTMLElement>(`.aircraft-marker[data-corridor-id="${id}"]`)];
    return Object.fromEntries(markers.map((marker) => [marker.querySelector('.label')!.textContent!.split(' ')[0], [Number(marker.dataset.lon), Number(marker.dataset.lat)]]));
  }, corridorSlug);

/** Wait for at least `minMarkers` markers, then check that exactly `callsigns` are in the corridor and all of them move. */
export async function expectMarkersMove(page: Page, corridorSlug: string, callsigns: string[], minMarkers: number): Promise<void> {
  await page.waitForFunction((count) => document.querySelectorAll('.aircraft-marker').length >= count, minMarkers, { timeout: 30_000 });
  const before = await markerPositions(page, corridorSlug);
  expect(Object.keys(before).sort()).toEqual(callsigns);
  await page.waitForTimeout(1500);
  const after = await markerPositions(page, corridorSlug);
  for (const callsign of callsigns) expect(after[callsign], callsign).not.toEqual(before[callsign]);
}
