/**
 * The live map in real headless Chromium against the real platform and the simulated fleet, told
 * as one control-room shift (tests run in order and share the platform, the fleet and the signed-in
 * operator — hence one file over 200 lines). A visitor sees only the sign-in form. The corridor
 * operator signs in and watches aircraft move on the canvas in Malawi and Vanuatu; KAS-2's breach
 * raises a banner, a beep and an alert, which they select (the map goes to the aircraft and
 * outlines the zone) and acknowledge with a comment — stored with who, and audited. They open an
 * aircraft's panel and follow it. A Kasungu partner sees only its own aircraft and cannot
 * acknowledge or command. The Vanuatu aircraft fall silent and stay on the map marked lost; a
 * command to one is refused with the server's reason. The network drops: the page says stale, an
 * alert raised meanwhile is caught up on reconnect. A Loiter command shows the aircraft's
 * COMMAND_ACK. Signing out, or a session ended elsewhere, brings the form back.
 * Screenshots go to test-output/ for a person to look at. Runs on the embedded database.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page, WebSocketRoute } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView, AuditEntryView, Page as ApiPage } from '../../server/contracts/index.ts';
import { demoFleet, Fleet } from '../../simulator/index.ts';
import { hasChromium, launchChromium, TEST_OUTPUT_DIR, type LaunchedChromium } from '../support/browser.ts';
import { MavlinkSender } from '../support/mavlink-sender.ts';
import { eventually, startHarness, type PlatformHarness } from '../support/platform-harness.ts';
import { aircraftItem, drawnAircraft, expectMarkersMove, markerCallsigns, readDemoAccount, recordPageProblems, signInThroughForm, submitSignIn } from './live-map-page.ts';

const chromiumMissing = !(await hasChromium()) && !process.env.CI;

/** System ids of Kasungu Health Drones' aircraft (KAS-1, KAS-2, KAS-3). */
const KASUNGU_SYSTEM_IDS = ['11', '12', '13'];
const ACK_COMMENT = 'Called the KAS-2 pilot: turned west out of the town centre, landing at base.';

describe.skipIf(chromiumMissing)('live map in Chromium', () => {
  let harness: PlatformHarness;
  /** The demo fleet in two parts, so the Vanuatu aircraft can fall silent on their own (their link-lost alerts). */
  let kasunguFleet: Fleet;
  let vanuatuFleet: Fleet;
  let browser: LaunchedChromium;
  /** The corridor operator's page, signed in for the whole file. */
  let operator: Page;
  /** KAS-2's breach alert, as the server stored it. */
  let breach: AlertView;
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
  /** Where the map is centred (web/map-view.ts writes it on #map), and where the list has `callsign`. */
  const mapCentre = async (page: Page): Promise<[number, number]> => page.$eval('#map', (map): [number, number] => [Number((map as HTMLElement).dataset.centreLon), Number((map as HTMLElement).dataset.centreLat)]);
  const listedAt = async (page: Page, callsign: string): Promise<[number, number]> =>
    aircraftItem(page, callsign).evaluate((item): [number, number] => [Number((item as HTMLElement).dataset.lon), Number((item as HTMLElement).dataset.lat)]);
  const audit = (action: string, resourceId: string) => harness.api.getJson<ApiPage<AuditEntryView>>(`/api/audit?action=${action}&resourceId=${encodeURIComponent(resourceId)}`);

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

  it('signs the operator in, draws the corridor, zones and booked volumes without map tiles and moves the Kasungu aircraft on the canvas', async () => {
    await operator.goto(`${harness.baseUrl}/#malawi-kasungu`);
    const mapConfig = operator.waitForResponse((response) => new URL(response.url()).pathname === '/api/map-config');
    await signInThroughForm(operator, await demoAccount('operator@corridor.demo'));
    expect(await (await mapConfig).json()).toEqual({ tileUrl: null, tileAttribution: null });
    expect(await operator.locator('#session-name').textContent()).toBe('Demo corridor operator');
    expect(await operator.locator('#session-roles').textContent()).toBe('operator · 3 corridors');
    // The fleet takes off only now, so KAS-2's breach (~8 s after take-off) reaches a page that
    // is already live, however long signing in took.
    await Promise.all([kasunguFleet.start(), vanuatuFleet.start()]);
    expect(await operator.locator('#corridor-select option').allTextContents()).toEqual([
      'Malawi — Kasungu humanitarian drone testing corridor',
      'Vanuatu — Epi: Vaemali to Lamen Bay',
      "Vanuatu — Erromango: Dillon's Bay to Cook's Bay",
    ]);
    // No tile server configured: no tile layer at all, only vector layers on canvases.
    expect(await operator.locator('.leaflet-tile-pane img').count()).toBe(0);
    expect(await operator.locator('canvas.leaflet-zoom-animated').count()).toBeGreaterThan(0);
    expect(await operator.locator('.map-corridor-label').textContent()).toBe('Kasungu humanitarian drone testing corridorCeiling 400 m AGL');
    // The demo partner's whole-corridor booking covers today and is active.
    await operator.locator('#corridor-info', { hasText: '1 booked volume today (1 active)' }).waitFor();
    await expectMarkersMove(operator, 'malawi-kasungu', ['KAS-1', 'KAS-2'], 4);
    expect((await drawnAircraft(operator)).drawn).toBeGreaterThanOrEqual(2);
    await screenshot(operator, 'live-map-kasungu.png');
  });

  it('announces KAS-2 entering the town centre with a banner, a beep and an alert, and goes to it when the banner is clicked', async () => {
    const banner = operator.locator('#alert-banner');
    await banner.waitFor({ state: 'visible', timeout: 45_000 });
    expect(await banner.textContent()).toContain('KAS-2 entered prohibited zone Kasungu town centre');
    await operator.locator('#alert-list li[data-kind="zone-breach"]').first().waitFor();
    await aircraftItem(operator, 'KAS-2').and(operator.locator('[data-status="breach"]')).waitFor();
    expect(Number(await operator.locator('#alert-sound').getAttribute('data-cues'))).toBeGreaterThanOrEqual(1);
    breach = (await harness.api.getJson<ApiPage<AlertView>>('/api/alerts?limit=50')).items.find((alert) => alert.kind === 'zone-breach')!;
    expect(breach.zoneId).not.toBeNull();
    await screenshot(operator, 'live-map-kasungu-breach.png');

    // The banner selects the alert: KAS-2 centred and selected, its zone outlined.
    await banner.click();
    await operator.waitForTimeout(700); // the zoom animation
    await operator.locator('#aircraft-panel[data-vehicle-id]', { hasText: 'KAS-2' }).waitFor();
    expect(await operator.locator('#map').getAttribute('data-highlighted-zone-id')).toBe(breach.zoneId);
    const [[centreLon, centreLat], [lon, lat]] = [await mapCentre(operator), await listedAt(operator, 'KAS-2')];
    expect(Math.hypot(centreLon - lon, centreLat - lat)).toBeLessThan(0.01); // ~1 km: it flies 100 m/s at 4× speed
    await screenshot(operator, 'live-map-kasungu-breach-closeup.png');
    await operator.locator('#alert-banner-dismiss').click();
    await banner.waitFor({ state: 'hidden' });

    // The cue can be muted, and the choice is remembered for the next visit.
    await operator.locator('#alert-sound').click();
    expect(await operator.locator('#alert-sound').getAttribute('aria-pressed')).toBe('true');
    expect(await operator.evaluate(() => localStorage.getItem('corridor-ops:alert-sound-muted'))).toBe('true');
    await operator.locator('#alert-sound').click();
    expect(await operator.locator('#alert-sound').getAttribute('aria-pressed')).toBe('false');
  });

  it('acknowledges the breach with a comment: shown with who and when, stored, sent live and audited', async () => {
    const item = operator.locator(`#alert-list li[data-alert-id="${breach.id}"]`);
    await item.locator('.alert-message').click();
    expect(await item.getAttribute('aria-selected')).toBe('true');
    await item.locator('.ack-open').click();
    await item.locator('.ack-submit').click(); // no comment yet: the page asks for one
    expect(await item.locator('.ack-error').textContent()).toContain('Say what was done');
    await item.locator('.ack-comment').fill(ACK_COMMENT);
    await item.locator('.ack-submit').click();
    await operator.locator(`#alert-list li[data-alert-id="${breach.id}"][data-acknowledged="true"]`).waitFor();
    expect(await item.locator('.alert-ack').textContent()).toMatch(new RegExp(`^Acknowledged by operator@corridor\\.demo at .+: “${ACK_COMMENT.replace(/[.:]/g, '\\$&')}”$`));
    await screenshot(operator, 'live-map-breach-acknowledged.png');

    const stored = (await harness.api.getJson<ApiPage<AlertView>>('/api/alerts?limit=50')).items.find((alert) => alert.id === breach.id)!;
    expect(stored).toMatchObject({ acknowledgedBy: 'operator@corridor.demo', acknowledgementComment: ACK_COMMENT });
    expect(stored.acknowledgedAtMs).toBeGreaterThan(breach.raisedAtMs);
    const entries = (await audit('alert.acknowledge', breach.id)).items;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'operator@corridor.demo', resourceType: 'alert', after: { acknowledgementComment: ACK_COMMENT } });
    // A second acknowledgement is refused, naming who did it first.
    const again = await harness.api.fetch(`/api/alerts/${breach.id}/ack`, { method: 'POST', json: { comment: 'again' } });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toContain('operator@corridor.demo');
  });

  it("shows the selected aircraft's flight data in the side panel and follows it until the map is dragged", async () => {
    await aircraftItem(operator, 'KAS-1').click();
    const panel = operator.locator('#aircraft-panel');
    await panel.locator('#aircraft-callsign', { hasText: 'KAS-1' }).waitFor();
    const field = (name: string) => panel.locator(`dd[data-field="${name}"]`).textContent();
    await operator.waitForTimeout(1200); // a second's worth of telemetry fills every field
    expect(await field('partner')).toBe('Kasungu Health Drones (demo)');
    expect(await field('booking')).toBe('flying within its booking');
    expect(await field('altitude-agl')).toMatch(/^\d+ m$/);
    expect(await field('altitude-msl')).toMatch(/^1\d{3} m$/); // home is 1,050 m above sea level
    expect(await field('ground-speed')).toMatch(/^\d+\.\d m\/s$/);
    expect(await field('climb-rate')).toMatch(/^-?\d+\.\d m\/s$/);
    expect(await field('heading')).toMatch(/^\d+°$/);
    expect(await field('battery')).toMatch(/^\d+ % · \d+\.\d V$/);
    expect(await field('gps')).toMatch(/^3D fix · \d+ satellites$/);
    expect(await field('mode')).toBe('AUTO');
    expect(await field('armed')).toBe('armed');
    expect(await field('link-quality')).toMatch(/^\d+ %$/);
    expect(await field('last-heard')).toMatch(/^[01] s ago$/);
    expect(await panel.locator('.aircraft-commands').isVisible()).toBe(true);

    await operator.locator('#aircraft-follow').click();
    await operator.waitForTimeout(2500); // KAS-1 flies ~200 m meanwhile at 4× speed
    const [[centreLon, centreLat], [lon, lat]] = [await mapCentre(operator), await listedAt(operator, 'KAS-1')];
    expect(Math.hypot(centreLon - lon, centreLat - lat)).toBeLessThan(0.003);
    await screenshot(operator, 'live-map-aircraft-panel.png');
    const map = (await operator.locator('#map').boundingBox())!;
    await operator.mouse.move(map.x + map.width / 2, map.y + map.height / 2);
    await operator.mouse.down();
    await operator.mouse.move(map.x + map.width / 2 + 120, map.y + map.height / 2 + 40, { steps: 5 });
    await operator.mouse.up();
    expect(await operator.locator('#aircraft-follow').getAttribute('aria-pressed')).toBe('false');
  });

  it('switches to Vanuatu and moves the Erromango aircraft there', async () => {
    const erromango = await operator.locator('#corridor-select option', { hasText: 'Erromango' }).getAttribute('value');
    await operator.selectOption('#corridor-select', erromango!);
    expect(await operator.locator('#corridor-info').textContent()).toContain('Ceiling 120 m AGL');
    await expectMarkersMove(operator, 'vanuatu-erromango', ['ERR-1'], 4);
    await expectMarkersMove(operator, 'vanuatu-epi', ['EPI-1'], 4);
    expect((await drawnAircraft(operator)).drawn).toBeGreaterThanOrEqual(1);
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
    expect(await markerCallsigns(page)).toEqual([]);
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
    expect(await markerCallsigns(page)).toEqual([]);
  });

  it("shows a Kasungu partner only its own organisation's aircraft and alerts while the whole fleet flies, with no acknowledging or commanding", async () => {
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
    // KAS-2's breach, loaded on sign-in, already acknowledged; a partner acknowledges nothing.
    await page.locator(`#alert-list li[data-alert-id="${breach.id}"][data-acknowledged="true"]`).waitFor();
    expect(await page.locator('#alert-list .ack-open').count()).toBe(0);
    await aircraftItem(page, 'KAS-1').click();
    await page.locator('#aircraft-panel #aircraft-callsign', { hasText: 'KAS-1' }).waitFor();
    expect(await page.locator('#aircraft-panel .aircraft-commands').isVisible()).toBe(false);
    // Then the Pacific partner's aircraft fall silent: the operator is alerted live that their
    // links are lost, the Kasungu partner is not.
    await vanuatuFleet.stop();
    for (const systemId of ['21', '22']) await operator.locator(`#alert-list li[data-kind="link-lost"][data-system-id="${systemId}"]`).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1500);
    const alertSystemIds = await page.locator('#alert-list li').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.systemId));
    expect(alertSystemIds.length).toBeGreaterThan(0);
    for (const systemId of alertSystemIds) expect(KASUNGU_SYSTEM_IDS).toContain(systemId);
    expect(await page.locator('#alert-list').textContent()).not.toMatch(/ERR-1|EPI-1/);
    expect(await markerCallsigns(page)).toEqual(['KAS-1', 'KAS-2']);
    await screenshot(page, 'live-map-partner-kasungu.png');
  });

  it('keeps a lost-link aircraft on the map at its last position, marked lost with the time since last heard, and refuses commands to it', async () => {
    const erromango = aircraftItem(operator, 'ERR-1');
    await operator.locator('#vehicle-list li[data-callsign="ERR-1"][data-link="lost"]').waitFor();
    await erromango.click(); // selects it and brings the map to Erromango
    const lostFor = async () => Number(/lost (\d+) s ago/.exec((await erromango.locator('.meta').textContent())!)?.[1]);
    const [firstLon, firstLat] = await listedAt(operator, 'ERR-1');
    const first = await lostFor();
    await operator.waitForTimeout(2500);
    expect(await lostFor()).toBeGreaterThan(first);
    expect(await listedAt(operator, 'ERR-1')).toEqual([firstLon, firstLat]); // where it was last heard
    expect(await drawnAircraft(operator)).toEqual({ drawn: 1, lost: 1 }); // drawn, marked lost
    const panel = operator.locator('#aircraft-panel');
    expect(await panel.getAttribute('data-state')).toBe('lost');
    expect(await panel.locator('dd[data-field="status"]').textContent()).toMatch(/^LINK LOST/);
    expect(await panel.locator('dd[data-field="last-heard"]').textContent()).toMatch(/^\d+ s ago$/);
    await screenshot(operator, 'live-map-link-lost.png');

    await panel.locator('button[data-command="rtl"]').click();
    expect(await operator.locator('#command-confirm').textContent()).toContain('Send RTL (return to launch) to ERR-1?');
    await operator.locator('#command-confirm .command-send').click();
    await operator.locator('#command-result[data-result="error"]').waitFor();
    expect(await operator.locator('#command-result').textContent()).toBe("RTL to ERR-1 failed: ERR-1's link is lost: a command cannot reach it (HTTP 409)");
  });

  it('shows a stale state while the network is down and, back online, catches up on an alert raised meanwhile', async () => {
    await operator.selectOption('#corridor-select', { label: 'Malawi — Kasungu humanitarian drone testing corridor' });
    const alertRequests: string[] = [];
    operator.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/alerts') alertRequests.push(request.url());
    });
    await operator.context().setOffline(true);
    await operator.locator('#connection-state[data-state="stale"]').waitFor();
    await operator.locator('.map-stale').waitFor();
    expect(await operator.locator('#connection-state').textContent()).toMatch(/^stale \d+ s — offline$/);
    expect(await operator.locator('.map-stale').textContent()).toMatch(/^Disconnected for \d+ s: aircraft are shown where they were last heard; offline — will reconnect when the network is back$/);
    expect(await operator.evaluate(() => document.body.dataset.live)).toBe('stale');

    // An aircraft no partner registered starts talking while the page is offline: its alert is raised now.
    const stranger = new MavlinkSender(harness.udpPort, 77);
    const heartbeats = setInterval(() => void stranger.heartbeat({ armed: false }), 1000);
    try {
      await stranger.heartbeat({ armed: false });
      const raised = await eventually(async () => (await harness.api.getJson<ApiPage<AlertView>>('/api/alerts?limit=20')).items.find((alert) => alert.systemId === 77), 'the unregistered aircraft alert');
      await operator.waitForTimeout(1500);
      expect(await operator.locator(`#alert-list li[data-alert-id="${raised.id}"]`).count()).toBe(0); // missed while offline
      await screenshot(operator, 'live-map-stale.png');

      await operator.context().setOffline(false);
      await operator.locator('#connection-state[data-state="live"]').waitFor({ timeout: 15_000 });
      await operator.locator(`#alert-list li[data-alert-id="${raised.id}"][data-kind="unregistered-aircraft"]`).waitFor();
      expect(await operator.locator('.map-stale').isVisible()).toBe(false);
      expect(alertRequests.some((url) => new URL(url).searchParams.has('since'))).toBe(true);
      await operator.locator('#vehicle-list li[data-registered="false"]').waitFor(); // the vehicles were fetched again
      await expectMarkersMove(operator, 'malawi-kasungu', ['KAS-1', 'KAS-2'], 5); // positions resume
      await screenshot(operator, 'live-map-reconnected.png');
    } finally {
      clearInterval(heartbeats);
      stranger.close();
    }
  });

  it('reconnects by itself when the connection drops without the browser noticing, and catches up on what was raised meanwhile', async () => {
    // Playwright stands between a second operator page and the server's WebSocket (its route is
    // set before the page loads, as it patches the page's WebSocket): while `isDown`, every
    // connection attempt is closed at once, as a dead route would; then the live one is cut.
    const page = await newPage();
    let isDown = false;
    const open: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/socket\.io\//, (socket) => {
      if (isDown) return void socket.close();
      socket.connectToServer();
      open.push(socket);
    });
    await page.goto(`${harness.baseUrl}/#malawi-kasungu`);
    await signInThroughForm(page, await demoAccount('operator@corridor.demo'));
    expect(open.length).toBe(1);

    isDown = true;
    await open[0]!.close();
    await page.locator('#connection-state[data-state="stale"][data-reason="reconnecting"]').waitFor();
    await page.locator('#connection-state', { hasText: /^stale \d+ s — reconnecting$/ }).waitFor();
    const stranger = new MavlinkSender(harness.udpPort, 78);
    try {
      await stranger.heartbeat({ armed: false });
      const raised = await eventually(async () => (await harness.api.getJson<ApiPage<AlertView>>('/api/alerts?limit=20')).items.find((alert) => alert.systemId === 78), 'the second unregistered aircraft alert');
      await page.locator('.map-stale', { hasText: /reconnecting \(attempt \d+\)…$/ }).waitFor({ timeout: 10_000 });
      expect(await page.locator(`#alert-list li[data-alert-id="${raised.id}"]`).count()).toBe(0);
      await screenshot(page, 'live-map-reconnecting.png');
      // The next attempt gets through: within the page's 5 s connect timeout and Socket.IO's back-off of up to 5 s.
      isDown = false;
      await page.locator('#connection-state[data-state="live"]').waitFor({ timeout: 20_000 });
      await page.locator(`#alert-list li[data-alert-id="${raised.id}"]`).waitFor();
      expect(open.length).toBe(2);
    } finally {
      stranger.close();
      await page.context().close();
    }
  });

  it("sends Loiter to KAS-1 behind a confirmation and shows the aircraft's COMMAND_ACK; Cancel sends nothing", async () => {
    await aircraftItem(operator, 'KAS-1').click();
    const panel = operator.locator('#aircraft-panel');
    await panel.locator('#aircraft-callsign', { hasText: 'KAS-1' }).waitFor();
    await panel.locator('button[data-command="rtl"]').click();
    await operator.locator('#command-confirm .command-cancel').click();
    expect(await operator.locator('#command-confirm').isVisible()).toBe(false);
    expect((await audit('vehicle.command', (await aircraftItem(operator, 'KAS-1').getAttribute('data-vehicle-id'))!)).items).toEqual([]);

    await panel.locator('button[data-command="loiter"]').click();
    expect(await operator.locator('#command-confirm').textContent()).toContain('Send Loiter (hold position) to KAS-1?');
    await operator.locator('#command-confirm .command-send').click();
    await operator.locator('#command-result:not([data-result="pending"])').waitFor({ timeout: 10_000 });
    expect(await operator.locator('#command-result').getAttribute('data-result')).toBe('ACCEPTED');
    expect(await operator.locator('#command-result').textContent()).toMatch(/^KAS-1 answered Loiter: ACCEPTED \(in (\d+ ms|\d+\.\d s)\)$/);
    await panel.locator('dd[data-field="mode"]', { hasText: 'LOITER' }).waitFor();
    await screenshot(operator, 'live-map-command-ack.png');
    const vehicleId = (await aircraftItem(operator, 'KAS-1').getAttribute('data-vehicle-id'))!;
    expect((await audit('vehicle.command', vehicleId)).items[0]).toMatchObject({ actor: 'operator@corridor.demo', after: { command: 'loiter', result: 'ACCEPTED' } });
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
    await aircraftItem(page, 'KAS-1').waitFor();
  });

  it('signs the operator out: the sign-in form again, no aircraft, and the API answers 401', async () => {
    await operator.locator('#sign-out').click();
    await operator.locator('#sign-in-form').waitFor();
    expect(await markerCallsigns(operator)).toEqual([]);
    expect(await operator.evaluate(async () => (await fetch('/api/vehicles')).status)).toBe(401);
    expect(await operator.evaluate(async () => (await fetch('/api/auth/session')).status)).toBe(401);
  });
});
