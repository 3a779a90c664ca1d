/**
 * The live map in real headless Chromium against the real platform and the simulated fleet.
 * A visitor sees only the sign-in form. The corridor operator signs in through it and watches
 * aircraft move in Malawi and in Vanuatu, and KAS-2's breach appears as an alert banner and in
 * the alerts list. A Kasungu partner, signed in beside the operator, sees only its own aircraft
 * and alerts. Signing out, or a session ended elsewhere, brings the form back.
 * Screenshots go to test-output/ for a person to look at.
 * Runs on the embedded database (the page does not depend on which one is used).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoFleet, Fleet } from '../../simulator/index.ts';
import { hasChromium, launchChromium, TEST_OUTPUT_DIR, type LaunchedChromium } from '../support/browser.ts';
import { startHarness, type PlatformHarness } from '../support/platform-harness.ts';
import { expectMarkersMove, markerCallsigns, readDemoAccount, recordPageProblems, signInThroughForm, submitSignIn } from './live-map-page.ts';

const chromiumMissing = !(await hasChromium()) && !process.env.CI;

/** System ids of Kasungu Health Drones' aircraft (KAS-1, KAS-2, KAS-3). */
const KASUNGU_SYSTEM_IDS = ['11', '12', '13'];

describe.skipIf(chromiumMissing)('live map in Chromium', () => {
  let harness: PlatformHarness;
  /** The demo fleet in two parts, so the Vanuatu aircraft can fall silent on their own (their link-lost alerts). */
  let kasunguFleet: Fleet;
  let vanuatuFleet: Fleet;
  let browser: LaunchedChromium;
  /** The corridor operator's page, signed in for the whole file. */
  let operator: Page;
  /** Uncaught errors and CSP violations of every page; each test must leave none. */
  const pageProblems: string[] = [];
  /** A page in a new context (its own cookies): another person, or a visitor. */
  const newPage = async () => {
    const page = await (await browser.newContext()).newPage();
    recordPageProblems(page, pageProblems);
    return page;
  };
  const demoAccount = (email: string) => readDemoAccount(harness.database.dataDir, email);
  const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(TEST_OUTPUT_DIR, name) });

  beforeAll(async () => {
    harness = await startHarness('embedded');
    const isKasungu = (definition: { callsign: string }) => definition.callsign.startsWith('KAS-');
    const options = { target: `udpout:127.0.0.1:${harness.udpPort}`, timeScale: 4 };
    kasunguFleet = new Fleet(demoFleet().filter(isKasungu), options);
    vanuatuFleet = new Fleet(demoFleet().filter((definition) => !isKasungu(definition)), options);
    browser = await launchChromium();
    operator = await newPage();
    await fs.mkdir(TEST_OUTPUT_DIR, { recursive: true });
  });
  afterEach(() => {
    expect(pageProblems).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await kasunguFleet?.stop();
    await vanuatuFleet?.stop();
    await harness?.stop();
  });

  it('signs the operator in, draws the corridors and zones without map tiles and moves the Kasungu aircraft', async () => {
    await operator.goto(`${harness.baseUrl}/#malawi-kasungu`);
    await signInThroughForm(operator, await demoAccount('operator@corridor.demo'));
    expect(await operator.locator('#session-name').textContent()).toBe('Demo corridor operator');
    expect(await operator.locator('#session-roles').textContent()).toBe('operator · 3 corridors');
    // The fleet takes off only now, so KAS-2's breach (~8 s after take-off) reaches a page that
    // is already live, however long signing in took.
    await Promise.all([kasunguFleet.start(), vanuatuFleet.start()]);
    expect(await operator.locator('#corridor-select option').allTextContents()).toEqual([
      'Malawi — Kasungu humanitarian drone testing corridor',
      "Vanuatu — Epi: Vaemali to Lamen Bay",
      "Vanuatu — Erromango: Dillon's Bay to Cook's Bay",
    ]);
    // One vector path per zone (corridor boundaries included), drawn on the canvas renderer.
    expect(await operator.locator('canvas.leaflet-zoom-animated').count()).toBeGreaterThan(0);
    await expectMarkersMove(operator, 'malawi-kasungu', ['KAS-1', 'KAS-2'], 4);
  });

  it('shows the breach alert when KAS-2 enters the town centre', async () => {
    const banner = operator.locator('#alert-banner');
    await banner.waitFor({ state: 'visible', timeout: 45_000 });
    expect(await banner.textContent()).toContain('KAS-2 entered prohibited zone Kasungu town centre');
    await operator.locator('#alert-list li[data-kind="zone-breach"]').first().waitFor();
    await operator.waitForSelector('.aircraft-marker[data-status="breach"]');
    await screenshot(operator, 'live-map-kasungu-breach.png');
    // Clicking the banner centres the map on the aircraft in breach, over the zone.
    await banner.click();
    await operator.waitForTimeout(500);
    await screenshot(operator, 'live-map-kasungu-breach-closeup.png');
    const breaching = operator.locator('.aircraft-marker[data-status="breach"]');
    const box = await breaching.boundingBox();
    const map = await operator.locator('#map').boundingBox();
    expect(box && map && Math.abs(box.x + box.width / 2 - (map.x + map.width / 2))).toBeLessThan(150);
    await operator.locator('#alert-banner-dismiss').click();
    await banner.waitFor({ state: 'hidden' });
  });

  it('switches to Vanuatu and moves the Erromango aircraft there', async () => {
    const erromango = await operator.locator('#corridor-select option', { hasText: 'Erromango' }).getAttribute('value');
    await operator.selectOption('#corridor-select', erromango!);
    expect(await operator.locator('#corridor-info').textContent()).toContain('Ceiling 120 m AGL');
    await expectMarkersMove(operator, 'vanuatu-erromango', ['ERR-1'], 4);
    await expectMarkersMove(operator, 'vanuatu-epi', ['EPI-1'], 4);
    await screenshot(operator, 'live-map-erromango.png');
  });

  it("shows a visitor only the sign-in form (no map data, no aircraft) and the server's message when sign-in fails", async () => {
    const page = await newPage();
    const apiCalls: string[] = [];
    let sockets = 0;
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) apiCalls.push(`${request.method()} ${url.pathname}`);
    });
    page.on('websocket', () => sockets++);
    await page.goto(`${harness.baseUrl}/#malawi-kasungu`);
    await page.locator('#sign-in-form').waitFor();
    await page.waitForTimeout(1500); // the fleet is flying: time for anything that leaks to show
    expect(await page.locator('.aircraft-marker').count()).toBe(0);
    expect(await page.locator('#map').isVisible()).toBe(false);
    expect(await page.locator('#sign-out').isVisible()).toBe(false);
    await screenshot(page, 'live-map-sign-in.png');

    // Regulator's account: this test locks it for the throttle window, and no other test uses it.
    expect(await submitSignIn(page, 'regulator@corridor.demo', 'not-the-password')).toBe(401);
    expect(await page.locator('#sign-in-error').textContent()).toBe('Email or password is wrong');
    await screenshot(page, 'live-map-sign-in-wrong-password.png');
    // Five failures per account and address (LOGIN_MAX_FAILURES), then the server asks to wait.
    for (let attempt = 2; attempt <= 5; attempt++) expect(await submitSignIn(page, 'regulator@corridor.demo', `wrong-${attempt}`)).toBe(401);
    expect(await submitSignIn(page, 'regulator@corridor.demo', 'wrong-6')).toBe(429);
    expect(await page.locator('#sign-in-error').textContent()).toMatch(/^Too many failed sign-ins; try again in \d+ s$/);

    expect(apiCalls.filter((call) => call !== 'POST /api/auth/login')).toEqual(['GET /api/auth/session']);
    expect(sockets).toBe(0);
    expect(await page.locator('.aircraft-marker').count()).toBe(0);
  });

  it("shows a Kasungu partner only its own organisation's aircraft and alerts while the whole fleet flies", async () => {
    const page = await newPage();
    await page.goto(`${harness.baseUrl}/#malawi-kasungu`);
    await signInThroughForm(page, await demoAccount('partner@kasungu-health.demo'));
    expect(await page.locator('#session-name').textContent()).toBe('Demo partner (Kasungu Health Drones)');
    expect(await page.locator('#session-roles').textContent()).toBe('partner');
    await expectMarkersMove(page, 'malawi-kasungu', ['KAS-1', 'KAS-2'], 2);
    await page.waitForTimeout(3000); // several telemetry rounds of ERR-1 and EPI-1, which must not arrive

    // The operator, watching at the same time, does have the Vanuatu aircraft: they are flying.
    expect(await markerCallsigns(operator)).toEqual(expect.arrayContaining(['ERR-1', 'EPI-1']));
    expect(await markerCallsigns(page)).toEqual(['KAS-1', 'KAS-2']);
    expect((await page.locator('#vehicle-list li strong').allTextContents()).sort()).toEqual(['KAS-1', 'KAS-2']);
    // KAS-2's breach, loaded on sign-in. Then the Pacific partner's aircraft fall silent: the
    // operator is alerted live that their links are lost, the Kasungu partner is not.
    await page.locator('#alert-list li[data-kind="zone-breach"]').first().waitFor();
    await vanuatuFleet.stop();
    for (const systemId of ['21', '22']) await operator.locator(`#alert-list li[data-kind="link-lost"][data-system-id="${systemId}"]`).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1500); // the partner's page refreshes its panels every second
    const alertSystemIds = await page.locator('#alert-list li').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.systemId));
    expect(alertSystemIds.length).toBeGreaterThan(0);
    for (const systemId of alertSystemIds) expect(KASUNGU_SYSTEM_IDS).toContain(systemId);
    expect(await page.locator('#alert-list').textContent()).not.toMatch(/ERR-1|EPI-1/);
    expect(await markerCallsigns(page)).toEqual(['KAS-1', 'KAS-2']);
    await screenshot(page, 'live-map-partner-kasungu.png');
  });

  it('brings the sign-in form back when the session ends outside the page, and signing in again restarts the map', async () => {
    const page = await newPage();
    await page.goto(`${harness.baseUrl}/#malawi-kasungu`);
    const partner = await demoAccount('partner@kasungu-health.demo');
    await signInThroughForm(page, partner);
    // As another tab of the same browser would: sign this session out behind the page's back.
    const status = await page.evaluate(async () => {
      const { csrfToken } = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      return (await fetch('/api/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': csrfToken } })).status;
    });
    expect(status).toBe(204);
    await page.locator('#sign-in-form').waitFor({ timeout: 10_000 });
    expect(await page.locator('#sign-in-notice').textContent()).toContain('Your session has ended');
    expect(await page.locator('#map').isVisible()).toBe(false);
    await screenshot(page, 'live-map-session-ended.png');
    await signInThroughForm(page, partner);
    await page.waitForSelector('.aircraft-marker');
  });

  it('signs the operator out: the sign-in form again, no aircraft, and the API answers 401', async () => {
    await operator.locator('#sign-out').click();
    await operator.locator('#sign-in-form').waitFor();
    expect(await operator.locator('.aircraft-marker').count()).toBe(0);
    expect(await operator.evaluate(async () => (await fetch('/api/vehicles')).status)).toBe(401);
    expect(await operator.evaluate(async () => (await fetch('/api/auth/session')).status)).toBe(401);
  });
});
