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

/**
 * The aircraft are drawn on a canvas, which tests cannot read; the side panel's aircraft list
 * mirrors it item by item (web/live-aircraft-list.ts), so that is what these helpers read. The
 * canvas says how many aircraft it drew in view (data-drawn, data-drawn-lost).
 */
const AIRCRAFT_ITEMS = '#vehicle-list li[data-vehicle-id]';

/** Callsigns of every aircraft the page lists (aircraft are never removed, so this is all ever seen). */
export const markerCallsigns = (page: Page): Promise<string[]> =>
  page.$$eval(AIRCRAFT_ITEMS, (items) => items.map((item) => (item as HTMLElement).dataset.callsign!).sort());

/** How many aircraft the canvas drew in the map's view (and how many of them are marked lost) in its latest frame. */
export const drawnAircraft = (page: Page): Promise<{ drawn: number; lost: number }> =>
  page.$eval('canvas.aircraft-canvas', (canvas) => ({ drawn: Number((canvas as HTMLElement).dataset.drawn ?? 0), lost: Number((canvas as HTMLElement).dataset.drawnLost ?? 0) }));

/** Where the page has a corridor's aircraft: callsign → [lon, lat]. */
export const markerPositions = (page: Page, corridorSlug: string): Promise<Record<string, [number, number]>> =>
  page.evaluate(async ([slug, selector]) => {
    const corridors = (await (await fetch('/api/corridors')).json()).items as Array<{ id: string; slug: string }>;
    const id = corridors.find((corridor) => corridor.slug === slug)!.id;
    const items = [...document.querySelectorAll<HTMLElement>(selector!)].filter((item) => item.dataset.corridorId === id);
    return Object.fromEntries(items.map((item) => [item.dataset.callsign, [Number(item.dataset.lon), Number(item.dataset.lat)]]));
  }, [corridorSlug, AIRCRAFT_ITEMS]);

/** Wait for at least `minMarkers` aircraft, then check that exactly `callsigns` are in the corridor and all of them move. */
export async function expectMarkersMove(page: Page, corridorSlug: string, callsigns: string[], minMarkers: number): Promise<void> {
  await page.waitForFunction(([selector, count]) => document.querySelectorAll(selector as string).length >= (count as number), [AIRCRAFT_ITEMS, minMarkers] as const, { timeout: 30_000 });
  const before = await markerPositions(page, corridorSlug);
  expect(Object.keys(before).sort()).toEqual(callsigns);
  await page.waitForTimeout(2000); // the list refreshes once a second; positions come twice a second
  const after = await markerPositions(page, corridorSlug);
  for (const callsign of callsigns) expect(after[callsign], callsign).not.toEqual(before[callsign]);
}

/** The list item of the aircraft `callsign`. */
export const aircraftItem = (page: Page, callsign: string) => page.locator(`${AIRCRAFT_ITEMS}[data-callsign="${callsign}"]`);
