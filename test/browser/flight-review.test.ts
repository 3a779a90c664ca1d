/**
 * Flight review in real headless Chromium against the real platform (issue 8). Two simulated
 * Kasungu aircraft fly a short mission each and land, which closes and seals their flights: KAS-2
 * straight through the Kasungu town centre exclusion zone, KAS-1 clear of every zone. Then the
 * regulator finds the flight with a violation in the Flights view, opens it (track over the zones
 * of the time, altitude profile, violations with evidence, booking), replays it and jumps to the
 * violation, downloads every export (each with the seal's X-Flight-Hash), verifies the flight and
 * the corridor, replays both flights together, and can change nothing — no controls, and the
 * server refuses (403) a change sent from the page. An operator imports a ground station's .tlog
 * from the same view, and a partner its own aircraft's log (another's is refused, the reason shown). Screenshots go to test-output/ for a person to look at.
 * Longer than 200 lines: one investigation, told in order, reads best in one file.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FlightView, Page as ListPage, ViolationView } from '../../server/contracts/index.ts';
import { Fleet, type AircraftDefinition } from '../../simulator/index.ts';
import { hasChromium, launchChromium, TEST_OUTPUT_DIR, type LaunchedChromium } from '../support/browser.ts';
import { groundStationLog } from '../support/ground-station-log.ts';
import { eventually, startHarness, type ApiClient, type PlatformHarness } from '../support/platform-harness.ts';
import { readDemoAccount, recordPageProblems, submitSignIn } from './live-map-page.ts';

const chromiumMissing = !(await hasChromium()) && !process.env.CI;
const FIXTURE = path.resolve(import.meta.dirname, '../../../shared/fixtures/arduplane-sitl-vtol.tlog');

/** Kasungu's ground height (simulator/scenarios.ts). */
const KASUNGU_HOME_MSL_M = 1050;
/** Simulated seconds per real second: each mission (~3.5 min simulated) takes about 25 s. */
const TIME_SCALE = 8;
/** KAS-2 from east of the town centre to west of it at 100 m, then it lands and disarms: one breach of the exclusion zone. */
const THROUGH_TOWN: AircraftDefinition = {
  systemId: 12, callsign: 'KAS-2', kind: 'copter', speedMps: 25, loop: false, homeAltitudeMslM: KASUNGU_HOME_MSL_M, batteryFailsafePct: 0,
  route: [[33.5, -13.036, 100], [33.462, -13.036, 100]],
};
/** KAS-1 west of the aerodrome, clear of every zone, at 80 m. */
const CLEAR_OF_ZONES: AircraftDefinition = {
  systemId: 11, callsign: 'KAS-1', kind: 'copter', speedMps: 20, loop: false, homeAltitudeMslM: KASUNGU_HOME_MSL_M, batteryFailsafePct: 0,
  route: [[33.4, -13.06, 80], [33.37, -13.06, 80]],
};

describe.skipIf(chromiumMissing)('flight review in Chromium', () => {
  let harness: PlatformHarness;
  let browser: LaunchedChromium;
  let regulator: Page;
  let regulatorApi: ApiClient;
  /** KAS-2's flight through the town centre, and its violation. */
  let breaching: FlightView;
  let violation: ViolationView;
  let clear: FlightView;
  const pageProblems: string[] = [];
  const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(TEST_OUTPUT_DIR, name), fullPage: true });
  const pathOf = (response: Response) => new URL(response.url()).pathname;
  /** The flight study once it has loaded everything it shows. */
  const study = (page: Page) => page.locator('#flight-study .study[data-ready="true"]');

  /**
   * Click the download link `selector`; resolves with the downloaded file's text (bytes as latin1)
   * and what the same URL answers in the same session (status, X-Flight-Hash, content type): a
   * download is no page response Playwright reports, and routing does not see it either, so the page
   * asks once more with fetch for the headers.
   */
  const download = async (page: Page, selector: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    const answer = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, hash: response.headers.get('x-flight-hash'), type: response.headers.get('content-type') };
    }, file.url());
    const failure = await file.failure();
    if (failure) throw new Error(`download of ${file.url()} failed (${failure}); the URL answers ${answer.status}`);
    const bytes = await fs.readFile((await file.path())!);
    return { file, ...answer, bytes, text: bytes.toString('utf8') };
  };

  /** A new person in a new context, signed in through the form on the Flights view. */
  const signInToFlights = async (email: string) => {
    const page = await (await browser.newContext()).newPage();
    recordPageProblems(page, pageProblems);
    await page.goto(`${harness.baseUrl}/#flights`);
    await page.locator('#sign-in-form').waitFor();
    const account = await readDemoAccount(harness.database.dataDir, email);
    expect(await submitSignIn(page, account.email, account.password)).toBe(200);
    await page.locator('#flight-rows tr').first().waitFor();
    return page;
  };

  beforeAll(async () => {
    harness = await startHarness('embedded');
    regulatorApi = await harness.signIn('regulator');
    const fleet = new Fleet([THROUGH_TOWN, CLEAR_OF_ZONES], { target: `udpout:127.0.0.1:${harness.udpPort}`, timeScale: TIME_SCALE });
    await fleet.start();
    try {
      // Landing disarms the aircraft, which closes the flight; the server then seals it.
      const sealed = await eventually(async () => {
        const { items } = await regulatorApi.getJson<ListPage<FlightView>>('/api/flights?limit=50');
        const [kas2, kas1] = [12, 11].map((systemId) => items.find((flight) => flight.systemId === systemId && flight.seal !== null));
        return kas2 && kas1 ? { kas2, kas1 } : null;
      }, 'both flights closed and sealed', 110_000);
      breaching = sealed.kas2;
      clear = sealed.kas1;
    } finally {
      await fleet.stop();
    }
    violation = (await regulatorApi.getJson<ListPage<ViolationView>>(`/api/flights/${breaching.id}/violations`)).items[0]!;
    expect(violation).toMatchObject({ zoneName: 'Kasungu town centre', limit: 'horizontal' });
    browser = await launchChromium();
    await fs.mkdir(TEST_OUTPUT_DIR, { recursive: true });
  }, 180_000);
  afterEach(() => {
    expect(pageProblems).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('lets the regulator find the flight with a violation by filtering, with statistics and CSV downloads', async () => {
    regulator = await signInToFlights('regulator@corridor.demo');
    expect(await regulator.locator('#view-flights').getAttribute('aria-current')).toBe('true');
    await regulator.locator(`#flight-rows tr[data-flight-id="${breaching.id}"]`).waitFor();
    await regulator.locator(`#flight-rows tr[data-flight-id="${clear.id}"]`).waitFor();

    await regulator.selectOption('#flight-filter-violations', 'true');
    await expect.poll(() => regulator.locator('#flight-rows tr.flight-row').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.flightId))).toEqual([breaching.id]);
    const row = regulator.locator(`#flight-rows tr[data-flight-id="${breaching.id}"]`);
    expect(await row.textContent()).toContain('Kasungu Health Drones');
    expect(await row.getAttribute('data-booked')).toBe('true'); // the demo partner's approved whole-corridor week
    expect(await row.locator('.seal-state').textContent()).toBe('sealed');
    expect(await regulator.locator('#flights-csv').getAttribute('href')).toContain('hasViolations=true');

    const byCorridor = regulator.locator(`#statistics-by-corridor tr[data-key="${breaching.corridorId}"]`);
    await byCorridor.waitFor();
    expect(await byCorridor.locator('th').textContent()).toContain('Kasungu');
    expect(await regulator.locator('#statistics-by-partner tbody tr').count()).toBeGreaterThan(0);
    expect(await regulator.locator('#statistics-by-month tbody tr').count()).toBeGreaterThan(0);

    const list = await download(regulator, '#flights-csv');
    expect(list.status).toBe(200);
    expect(list.type).toContain('text/csv');
    expect(new URL(list.file.url()).searchParams.get('hasViolations')).toBe('true');
    expect(list.text).toContain(breaching.id);
    expect(list.text).not.toContain(clear.id);
    const statistics = await download(regulator, '#statistics-csv');
    expect(statistics.status).toBe(200);
    expect(statistics.text.split('\r\n')[0]).toContain('flight_hours');
    await screenshot(regulator, 'flight-review-list.png');
  });

  it('shows no control that changes anything to the regulator, and the server refuses changes sent from the page', async () => {
    expect(await regulator.locator('#flight-import-section').isVisible()).toBe(false);
    expect(await regulator.locator('#flight-import').count()).toBe(0);
    const statuses = await regulator.evaluate(async ([flightId, corridorId]) => {
      const { csrfToken } = await (await fetch('/api/auth/session')).json() as { csrfToken: string };
      const headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken };
      const bookings = (await (await fetch('/api/bookings?limit=1')).json()).items as Array<{ id: string }>;
      const send = (method: string, url: string, body: unknown) => fetch(url, { method, headers, body: JSON.stringify(body) }).then((response) => response.status);
      return {
        cancelBooking: await send('POST', `/api/bookings/${bookings[0]!.id}/cancel`, { reason: 'regulator tries' }),
        bookingRules: await send('PUT', `/api/corridors/${corridorId}/booking-rules`, { opensAt: '00:00' }),
        importFlight: await fetch('/api/flights/import', { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrfToken }, body: new Uint8Array([0xfd]) }).then((response) => response.status),
        flightStillThere: await fetch(`/api/flights/${flightId}`).then((response) => response.status),
      };
    }, [breaching.id, breaching.corridorId!]);
    expect(statuses).toEqual({ cancelBooking: 403, bookingRules: 403, importFlight: 403, flightStillThere: 200 });
  });

  it('opens the flight: its track over the zones of the time, the profile, the violation with its evidence, the booking and the figures', async () => {
    await regulator.click(`#flight-rows tr[data-flight-id="${breaching.id}"] a.flight-open`);
    await study(regulator).waitFor();
    expect(new URL(regulator.url()).hash).toBe(`#flights/${breaching.id}`);
    expect(await regulator.locator('#study-title').textContent()).toContain('KAS-2');
    // The zones in force when it started, the town centre among them; the track drawn by altitude, then by conformance.
    const townCentre = (await regulatorApi.getJson<ListPage<{ id: string; name: string }>>(`/api/corridors/${breaching.corridorId}/zones?at=${new Date(breaching.startedAtMs).toISOString()}`)).items.find((zone) => zone.name === 'Kasungu town centre')!;
    expect(await regulator.locator(`#flight-map path[data-zone-id="${townCentre.id}"]`).count()).toBe(1);
    expect(await regulator.locator('#flight-map path.flight-track.is-altitude').count()).toBeGreaterThan(0);
    await regulator.check('#track-colouring-conformance');
    expect(await regulator.locator('#flight-map path.flight-track.is-conformance.key-breach').count()).toBeGreaterThan(0);
    expect(await regulator.locator(`#flight-map path.violation-marker[data-violation-id="${violation.id}"]`).count()).toBe(1);
    // The profile: the altitude, the corridor's 400 m ceiling, the booked band and the violation's span.
    expect(await regulator.locator('#altitude-profile polyline.profile-altitude').count()).toBe(1);
    expect(await regulator.locator('#altitude-profile .profile-ceiling-label').textContent()).toBe('ceiling 400 m');
    expect(await regulator.locator('#altitude-profile rect.profile-band').count()).toBe(1);
    expect(await regulator.locator(`#altitude-profile rect.profile-violation[data-violation-id="${violation.id}"]`).count()).toBe(1);

    const item = regulator.locator(`#violation-list li[data-violation-id="${violation.id}"]`);
    expect(await item.textContent()).toContain('Kasungu town centre (v1)');
    expect(await item.locator('.violation-excursion').textContent()).toBe(`up to ${Math.round(violation.maxHorizontalExcursionM)} m inside its edge, ${Math.round(violation.maxVerticalExcursionM)} m inside its altitude band`);
    await item.locator('summary').click();
    expect(await item.locator('.violation-evidence tbody tr').count()).toBe(violation.evidence.length);
    const facts = regulator.locator('#flight-summary');
    expect(await facts.locator('[data-field="booking"]').textContent()).toMatch(/UTC – .* UTC/);
    expect(await facts.locator('[data-field="booking-conformance"]').textContent()).toMatch(/% of positions$/);
    expect(await facts.locator('[data-field="violations"]').textContent()).toMatch(/^1 \(area 1, ceiling 0, floor 0\)$/);
    expect(await facts.locator('[data-field="distance"]').textContent()).toMatch(/km$/);
    expect(await facts.locator('[data-field="max-altitude"]').textContent()).toMatch(/^(9\d|10\d)\.\d m above home$/);
    expect(await regulator.locator('#flight-seal-hash').textContent()).toBe(breaching.seal!.hash);
    // Read-only: the only buttons are the replay's, the jumps and the two Verify buttons.
    const buttons = await regulator.locator('#flight-study button').evaluateAll((all) => all.map((button) => button.id || button.className));
    expect(new Set(buttons)).toEqual(new Set(['replay-play', 'violation-jump', 'verify-flight', 'verify-corridor']));
    await screenshot(regulator, 'flight-review-flight.png');
  });

  it('replays the flight and jumps to the violation', async () => {
    const replay = regulator.locator('#replay-host');
    await regulator.selectOption('#replay-speed', '10');
    await regulator.click('#replay-play');
    await expect.poll(async () => Number(await replay.getAttribute('data-time-ms'))).toBeGreaterThan(breaching.startedAtMs + 1000);
    await regulator.click('#replay-play'); // pause
    expect(await replay.getAttribute('data-playing')).toBe('false');
    expect(await regulator.locator('#flight-map path.replay-aircraft').count()).toBe(1);

    await regulator.selectOption('#replay-jump', violation.id);
    expect(Number(await replay.getAttribute('data-time-ms'))).toBe(violation.startedAtMs);
    expect(await regulator.locator('#replay-time').textContent()).toContain(new Date(violation.startedAtMs).toISOString().slice(11, 19));
    const aircraft = regulator.locator('#flight-map path.replay-aircraft');
    const [lon, lat] = [Number(await aircraft.getAttribute('data-lon')), Number(await aircraft.getAttribute('data-lat'))];
    // Where the replayed aircraft is at that moment is where the violation began.
    expect(Math.abs(lon - violation.startPosition[0])).toBeLessThan(0.002);
    expect(Math.abs(lat - violation.startPosition[1])).toBeLessThan(0.002);
    expect(Number(await regulator.locator('#altitude-profile line.profile-cursor').getAttribute('x1'))).toBeGreaterThan(52);
    await screenshot(regulator, 'flight-review-replay.png');

    // The jump in the violation list does the same.
    await regulator.click('#replay-play');
    await regulator.locator(`#violation-list li[data-violation-id="${violation.id}"] .violation-jump`).click();
    expect(Number(await replay.getAttribute('data-time-ms'))).toBe(violation.startedAtMs);
    expect(await replay.getAttribute('data-playing')).toBe('false');
  });

  it('downloads every export with the seal’s hash, and opens the printable report', async () => {
    const texts = new Map<string, string>();
    for (const format of ['geojson', 'csv', 'kml', 'tlog']) {
      const exported = await download(regulator, `#flight-exports a[data-export="${format}"]`);
      expect(exported.status, format).toBe(200);
      expect(exported.hash, format).toBe(breaching.seal!.hash);
      expect(exported.file.suggestedFilename()).toBe(`flight-${breaching.id}.${format}`);
      texts.set(format, format === 'tlog' ? String(exported.bytes.length) : exported.text);
    }
    const geojson = JSON.parse(texts.get('geojson')!) as { type: string; features: unknown[] };
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features.length).toBeGreaterThan(0);
    // The files carry the hash inside too, so it travels with them.
    expect(texts.get('geojson')).toContain(breaching.seal!.hash);
    expect(texts.get('kml')).toMatch(/<kml[\s>]/);
    expect(texts.get('kml')).toContain(breaching.seal!.hash);
    expect(texts.get('csv')!.split(/\r?\n/).length).toBeGreaterThan(breaching.samples);
    expect(Number(texts.get('tlog'))).toBeGreaterThan(1000);

    const [report] = await Promise.all([regulator.context().waitForEvent('page'), regulator.click('#flight-exports a[data-export="report"]')]);
    await report.waitForLoadState();
    expect(await report.textContent('body')).toContain('Kasungu town centre');
    const reportResponse = await report.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, hash: response.headers.get('x-flight-hash') };
    }, report.url());
    expect(reportResponse).toEqual({ status: 200, hash: breaching.seal!.hash });
    await report.close();
  });

  it('verifies the flight and the corridor, both ok', async () => {
    await regulator.click('#verify-flight');
    await regulator.locator('#verify-flight-result[data-ok="true"]').waitFor();
    expect(await regulator.locator('#verify-flight-result').textContent()).toContain(`Flight ok: its log and records match the seal ${breaching.seal!.hash.slice(0, 12)}`);
    await regulator.click('#verify-corridor');
    await regulator.locator('#verify-corridor-result[data-ok="true"]').waitFor();
    expect(await regulator.locator('#verify-corridor-result').textContent()).toMatch(/^Corridor ok: [2-9]\d* flights checked, chain head [0-9a-f]{12}\.$/);
  });

  it('replays both Kasungu flights together from the list', async () => {
    await regulator.click('.study-back');
    await regulator.locator('#flight-finder').waitFor();
    await regulator.selectOption('#flight-filter-violations', '');
    await regulator.locator(`#flight-rows tr[data-flight-id="${clear.id}"]`).waitFor();
    expect(await regulator.locator('#replay-together').isDisabled()).toBe(true);
    for (const flight of [breaching, clear]) await regulator.locator(`#flight-rows tr[data-flight-id="${flight.id}"] td.pick input`).check();
    await regulator.click('#replay-together');
    await study(regulator).waitFor();
    expect(await regulator.locator('#flight-map path.flight-track.is-flight').count()).toBe(2);
    await regulator.selectOption('#replay-jump', violation.id);
    // Both flew at once, so both aircraft are on the map at the moment of KAS-2's violation.
    await expect.poll(() => regulator.locator('#flight-map path.replay-aircraft').count()).toBe(2);
    expect(await regulator.locator('#replay-readout li').count()).toBe(2);
    expect(await regulator.locator(`#replay-readout li[data-flight-id="${breaching.id}"] .replay-state`).textContent()).toMatch(/m above home/);
    await regulator.selectOption('#replay-speed', '60');
    await regulator.click('#replay-play');
    await expect.poll(async () => Number(await regulator.locator('#replay-host').getAttribute('data-time-ms'))).toBeGreaterThan(violation.startedAtMs + 5000);
    await regulator.click('#replay-play');
    await screenshot(regulator, 'flight-review-together.png');
  });

  it('lets an operator import a ground station’s .tlog from the same view', async () => {
    const operator = await signInToFlights('operator@corridor.demo');
    await operator.locator('#flight-import-section').waitFor();
    await operator.setInputFiles('#flight-import-file', FIXTURE);
    const [answer] = await Promise.all([
      operator.waitForResponse((response) => pathOf(response) === '/api/flights/import' && response.request().method() === 'POST'),
      operator.click('#flight-import-submit'),
    ]);
    expect(answer.status()).toBe(201);
    await expect.poll(() => operator.locator('#flight-import-result').textContent()).toMatch(/^Imported \d+ flight\(s\), 807 positions\.$/);
    // The list reloads with the imported flights in it (outside every corridor: SITL's home is near Canberra).
    const imported = (await harness.api.getJson<ListPage<FlightView>>('/api/flights?limit=50')).items.filter((flight) => flight.source === 'import');
    expect(imported.length).toBeGreaterThan(0);
    await operator.locator(`#flight-rows tr[data-flight-id="${imported[0]!.id}"]`).waitFor();
  });

  it('lets a partner import its own aircraft’s log, and says why another’s is refused', async () => {
    const partner = await signInToFlights('partner@kasungu-health.demo');
    await partner.locator('#flight-import-section').waitFor();
    // The SITL fixture's aircraft (system id 1) is not Kasungu Health's: refused, the reason shown.
    await partner.setInputFiles('#flight-import-file', FIXTURE);
    await partner.click('#flight-import-submit');
    await expect.poll(() => partner.locator('#flight-import-result').textContent()).toMatch(/^Not imported: 'arduplane-sitl-vtol.tlog' holds system id 1, which is not an aircraft of your organisation/);
    // KAS-1's own ground station recorded an hour ago, west of the town: imported as Kasungu Health's flight.
    const logFile = path.join(TEST_OUTPUT_DIR, 'kas-1-ground-station.tlog');
    await fs.writeFile(logFile, groundStationLog(11, Date.now() - 3_600_000, 33.452, 33.458));
    await partner.setInputFiles('#flight-import-file', logFile);
    await partner.click('#flight-import-submit');
    await expect.poll(() => partner.locator('#flight-import-result').textContent()).toMatch(/^Imported 1 flight\(s\), \d+ positions\.$/);
    const mine = (await harness.api.getJson<ListPage<FlightView>>('/api/flights?limit=50')).items.find((flight) => flight.sourceName === 'kas-1-ground-station.tlog');
    expect(mine).toMatchObject({ callsign: 'KAS-1', organisationName: 'Kasungu Health Drones (demo)' });
    await partner.locator(`#flight-rows tr[data-flight-id="${mine!.id}"]`).waitFor();
    await screenshot(partner, 'flight-review-partner-import.png');
  });
});
