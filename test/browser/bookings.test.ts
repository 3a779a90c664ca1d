/**
 * Test-slot bookings in real headless Chromium against the real platform (issue 7). The Kasungu
 * partner registers an aircraft and requests a slot over an area drawn on the corridor map; a
 * request outside opening hours is refused with the server's own reason. The corridor operator,
 * in another browser context, finds the request in the queue and approves it, and the partner's
 * page shows it approved without a reload (booking:changed). An approval that would overlap an
 * approved booking shows the server's 409; a rejection asks for a reason, which the partner
 * reads; a regulator sees it all read-only. Screenshots go to test-output/.
 * The demo partners hold approved whole-corridor bookings for the next seven days (seeded), so
 * every slot here is nine days ahead, in Kasungu's opening hours (06:00–18:00 Africa/Blantyre).
 * Longer than 200 lines: one story, told in order, reads best in one file.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BookingView, CorridorView } from '../../server/contracts/index.ts';
import { hasChromium, launchChromium, TEST_OUTPUT_DIR, type LaunchedChromium } from '../support/browser.ts';
import { startHarness, type ApiClient, type PlatformHarness } from '../support/platform-harness.ts';
import { readDemoAccount, recordPageProblems, submitSignIn } from './live-map-page.ts';

const chromiumMissing = !(await hasChromium()) && !process.env.CI;

const DAY_MS = 86_400_000;
/** Nine days ahead in Kasungu's local calendar ('YYYY-MM-DD'), past the seeded seven-day bookings. */
const BOOKING_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Blantyre' }).format(Date.now() + 9 * DAY_MS);
/** Africa/Blantyre keeps UTC+02:00 all year (no daylight saving). */
const kasunguTime = (clock: string) => `${BOOKING_DAY}T${clock}:00+02:00`;
/** BOOKING_DAY as the page writes dates: 'Sun 6 Dec 2026'. */
const describeDay = () => {
  const day = new Date(`${BOOKING_DAY}T12:00:00Z`);
  return `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][day.getUTCDay()]} ${day.getUTCDate()} ${day.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })} ${day.getUTCFullYear()}`;
};

describe.skipIf(chromiumMissing)('bookings in Chromium', () => {
  let harness: PlatformHarness;
  let browser: LaunchedChromium;
  let partner: Page;
  let operator: Page;
  let partnerApi: ApiClient;
  let kasungu: CorridorView;
  /** The request made through the form in the first test. */
  let requested: BookingView;
  const pageProblems: string[] = [];
  const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(TEST_OUTPUT_DIR, name), fullPage: true });
  /** A booking's item in a list, optionally only once it has `status`. */
  const item = (page: Page, list: string, bookingId: string, status?: string) =>
    page.locator(`#${list} li[data-booking-id="${bookingId}"]${status ? `[data-status="${status}"]` : ''}`);

  /** A new person in a new context, signed in through the form on the Bookings view. */
  const signInToBookings = async (email: string) => {
    const page = await (await browser.newContext()).newPage();
    recordPageProblems(page, pageProblems);
    await page.goto(`${harness.baseUrl}/#bookings`);
    await page.locator('#sign-in-form').waitFor();
    const account = await readDemoAccount(harness.database.dataDir, email);
    expect(await submitSignIn(page, account.email, account.password)).toBe(200);
    await page.waitForSelector('#bookings-connection[data-state="live"]');
    return page;
  };
  /** Choose Kasungu and the booking day in the toolbar, and wait for that day's timeline. */
  const showBookingDay = async (page: Page) => {
    await page.selectOption('#bookings-corridor', kasungu.id);
    await page.fill('#bookings-day', BOOKING_DAY);
    await page.locator('#bookings-day').blur();
    await page.waitForFunction(([corridorId, fromMs]) => {
      const timeline = document.querySelector<HTMLElement>('#availability-timeline');
      return timeline?.dataset.corridorId === corridorId && timeline?.dataset.fromMs === fromMs;
    }, [kasungu.id, String(Date.parse(kasunguTime('00:00')))]);
  };
  /** A request made over HTTP as the partner (for the stories that are not about the form). */
  const requestOverApi = async (from: string, to: string, purpose: string) => {
    const response = await partnerApi.fetch('/api/bookings', {
      method: 'POST',
      json: { corridorId: kasungu.id, aircraftId: null, startsAt: kasunguTime(from), endsAt: kasunguTime(to), area: null, altitudeMinM: 0, altitudeMaxM: 120, purpose, pilotInCommand: 'A. Banda' },
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as BookingView;
  };

  beforeAll(async () => {
    harness = await startHarness('embedded');
    browser = await launchChromium();
    partnerApi = await harness.signIn('kasunguPartner');
    kasungu = (await harness.api.getJson<{ items: CorridorView[] }>('/api/corridors')).items.find((corridor) => corridor.slug === 'malawi-kasungu')!;
    await fs.mkdir(TEST_OUTPUT_DIR, { recursive: true });
  });
  afterEach(() => {
    expect(pageProblems).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('lets the partner register an aircraft, and shows a refused registration in the server’s words', async () => {
    partner = await signInToBookings('partner@kasungu-health.demo');
    expect(await partner.locator('#view-bookings').getAttribute('aria-current')).toBe('true');
    for (const hidden of ['#queue-section', '#day-plan-section', '#rules-section']) expect(await partner.locator(hidden).isVisible(), hidden).toBe(false);
    await partner.locator('#aircraft-list li[data-system-id="11"]').waitFor();

    await partner.fill('#aircraft-system-id', '14');
    await partner.fill('#aircraft-callsign', 'KAS-4');
    await partner.fill('#aircraft-model', 'Wingcopter 198');
    await partner.fill('#aircraft-serial', 'WC198-0042');
    await partner.click('#aircraft-submit');
    await partner.locator('#aircraft-list li[data-system-id="14"]').waitFor();
    expect(await partner.locator('#booking-aircraft option').allTextContents()).toContain('KAS-4 (system id 14)');

    // System id 11 is KAS-1's: the server refuses, and the form says why in the server's words.
    await partner.fill('#aircraft-system-id', '11');
    await partner.fill('#aircraft-callsign', 'KAS-DUP');
    await partner.fill('#aircraft-serial', 'DUP-1');
    const [answer] = await Promise.all([partner.waitForResponse((response) => new URL(response.url()).pathname === '/api/aircraft' && response.request().method() === 'POST'), partner.click('#aircraft-submit')]);
    expect(answer.status()).toBeGreaterThanOrEqual(400);
    const { error } = (await answer.json()) as { error: { message: string } };
    await expect.poll(() => partner.locator('#aircraft-error').textContent()).toBe(error.message);
  });

  it('requests a slot over an area drawn on the corridor map and shows it requested', async () => {
    await showBookingDay(partner);
    expect(await partner.locator('#booking-date').inputValue()).toBe(BOOKING_DAY);
    expect(await partner.locator('#booking-timezone').textContent()).toContain('Africa/Blantyre (UTC+02:00)');
    expect(await partner.locator('.timeline-summary').textContent()).toContain('Open: 06:00–18:00');
    expect(await partner.locator('.timeline-summary').textContent()).toContain('Free: 06:00–18:00');

    const kas1 = await partner.locator('#booking-aircraft option', { hasText: 'KAS-1' }).getAttribute('value');
    await partner.selectOption('#booking-aircraft', kas1!);
    await partner.fill('#booking-start', '08:00');
    await partner.fill('#booking-end', '10:00');
    await partner.fill('#booking-altitude-max', '120');
    await partner.fill('#booking-purpose', 'BVLOS blood sample run to Kasungu District Hospital');
    await partner.fill('#booking-pilot', 'Chikondi Phiri');
    // Four corners north-west of the centre, clear of the town and the aerodrome.
    const map = (await partner.locator('#booking-area-map').boundingBox())!;
    const [cx, cy] = [map.x + map.width / 2, map.y + map.height / 2];
    for (const [dx, dy] of [[-110, -110], [-40, -110], [-40, -40], [-110, -40]] as const) await partner.mouse.click(cx + dx, cy + dy);
    expect(await partner.locator('#booking-area-status').textContent()).toBe('4 corners drawn.');
    expect(await partner.locator('input[name="booking-area"][value="drawn"]').isChecked()).toBe(true);

    const [answer] = await Promise.all([partner.waitForResponse((response) => new URL(response.url()).pathname === '/api/bookings' && response.request().method() === 'POST'), partner.click('#booking-submit')]);
    expect(answer.status(), await answer.text()).toBe(201);
    requested = (await answer.json()) as BookingView;
    expect(requested).toMatchObject({ status: 'requested', isWholeCorridor: false, aircraftCallsign: 'KAS-1', startsAtMs: Date.parse(kasunguTime('08:00')), endsAtMs: Date.parse(kasunguTime('10:00')) });
    expect(requested.area.type).toBe('Polygon');
    const mine = item(partner, 'my-bookings', requested.id);
    await item(partner, 'my-bookings', requested.id, 'requested').waitFor();
    expect(await mine.locator('.booking-window').textContent()).toMatch(/ 08:00–10:00$/);
    expect(await mine.textContent()).toContain('drawn area');
    await partner.locator(`.tl-slot[data-booking-id="${requested.id}"][data-status="requested"][data-mine="true"]`).waitFor();
    expect(await partner.locator('#booking-result').textContent()).toContain('waiting for the corridor operator');
    await screenshot(partner, 'bookings-partner-request.png');
  });

  it('refuses a request outside opening hours with the server’s reason, word for word', async () => {
    await partner.fill('#booking-start', '19:00');
    await partner.fill('#booking-end', '20:00');
    await partner.check('input[name="booking-area"][value="whole"]');
    const [answer] = await Promise.all([partner.waitForResponse((response) => new URL(response.url()).pathname === '/api/bookings' && response.request().method() === 'POST'), partner.click('#booking-submit')]);
    expect(answer.status()).toBe(400);
    const { error } = (await answer.json()) as { error: { message: string } };
    expect(error.message).toMatch(/open|hours/i);
    await expect.poll(() => partner.locator('#booking-error').textContent()).toBe(error.message);
    expect(await partner.locator('#my-bookings li[data-status="requested"]').count()).toBe(1);
  });

  it('shows the request in the operator’s queue; approving it turns it approved on the partner’s page at once', async () => {
    operator = await signInToBookings('operator@corridor.demo');
    for (const hidden of ['#request-section', '#my-bookings-section', '#aircraft-section']) expect(await operator.locator(hidden).isVisible(), hidden).toBe(false);
    const queued = item(operator, 'booking-queue', requested.id);
    await queued.waitFor();
    const text = await queued.textContent();
    for (const expected of ['Kasungu humanitarian drone testing corridor', 'Kasungu Health Drones', 'KAS-1', '08:00–10:00', 'Africa/Blantyre', '0–120 m AGL', 'drawn area', 'BVLOS blood sample run', 'Chikondi Phiri']) expect(text).toContain(expected);
    await showBookingDay(operator);
    // Where it would fly, on the day plan, before deciding.
    await operator.locator(`#day-plan-list li[data-booking-id="${requested.id}"][data-status="requested"]`).waitFor();
    expect(await operator.locator('#day-plan-map path.booked-area.is-requested').count()).toBe(1);
    await screenshot(operator, 'bookings-operator-queue.png');

    await queued.locator('button[data-action="approve"]').click();
    await queued.waitFor({ state: 'detached' });
    // The partner's page is not reloaded: booking:changed brings the decision.
    await item(partner, 'my-bookings', requested.id, 'approved').waitFor({ timeout: 10_000 });
    await partner.locator(`.tl-slot[data-booking-id="${requested.id}"][data-status="approved"]`).waitFor();
    await operator.locator(`#day-plan-list li[data-booking-id="${requested.id}"][data-status="approved"]`).waitFor();
    expect(await operator.locator('#day-plan-map path.booked-area.is-requested').count()).toBe(0);
    expect(await operator.locator('#day-plan-map path.booked-area').count()).toBe(1);
    await screenshot(partner, 'bookings-partner-approved.png');
  });

  it('shows the 409 when an approval would overlap an approved booking, and a rejection’s reason to the partner', async () => {
    const first = await requestOverApi('12:00', '13:00', 'Mapping flight A');
    const second = await requestOverApi('12:30', '13:30', 'Mapping flight B');
    await item(operator, 'booking-queue', second.id).waitFor();
    const approveFirst = await harness.api.fetch(`/api/bookings/${first.id}/approve`, { method: 'POST', json: {} });
    expect(approveFirst.status).toBe(200);
    // Decided elsewhere (over the API): the operator's page drops it from the queue by itself.
    await item(operator, 'booking-queue', first.id).waitFor({ state: 'detached' });

    const queued = item(operator, 'booking-queue', second.id);
    const [answer] = await Promise.all([operator.waitForResponse((response) => response.url().endsWith(`/api/bookings/${second.id}/approve`)), queued.locator('button[data-action="approve"]').click()]);
    expect(answer.status()).toBe(409);
    const { error } = (await answer.json()) as { error: { message: string } };
    expect(error.message).toMatch(/conflicts with an approved booking/i);
    // The server's words as they are, then the same window in the corridor's local time.
    await expect.poll(() => queued.locator('.booking-error').textContent()).toBe(`${error.message} — local time ${describeDay()} 12:00–13:00 (Africa/Blantyre)`);
    await screenshot(operator, 'bookings-operator-conflict.png');

    await queued.locator('button[data-action="reject"]').click();
    await queued.locator('button[data-action="confirm"]').click();
    expect(await queued.locator('.booking-error').textContent()).toBe('Give a reason: the partner sees it.');
    await queued.locator('.reason-input').fill('Overlaps flight A; try 14:00–15:00');
    await queued.locator('button[data-action="confirm"]').click();
    await queued.waitFor({ state: 'detached' });
    const rejected = item(partner, 'my-bookings', second.id);
    await item(partner, 'my-bookings', second.id, 'rejected').waitFor({ timeout: 10_000 });
    expect(await rejected.locator('.booking-reason').textContent()).toBe('Reason: Overlaps flight A; try 14:00–15:00');
  });

  it('lets the partner cancel a booking, and serves its bookings as an iCalendar feed', async () => {
    const mine = item(partner, 'my-bookings', requested.id);
    await mine.locator('button[data-action="cancel"]').click();
    await mine.locator('.reason-input').fill('Hospital run moved');
    await mine.locator('button[data-action="confirm"]').click();
    await item(partner, 'my-bookings', requested.id, 'cancelled').waitFor({ timeout: 10_000 });
    expect(await partner.locator('#bookings-ics').getAttribute('href')).toBe('/api/bookings.ics');
    const feed = await partner.evaluate(async () => {
      const response = await fetch('/api/bookings.ics');
      return { type: response.headers.get('content-type'), body: await response.text() };
    });
    expect(feed.type).toContain('text/calendar');
    expect(feed.body).toContain('BEGIN:VCALENDAR');
    expect(feed.body).toContain('Mapping flight A');
  });

  it('shows a regulator the plan and the bookings without a single button', async () => {
    const regulator = await signInToBookings('regulator@corridor.demo');
    await showBookingDay(regulator);
    for (const hidden of ['#request-section', '#queue-section', '#rules-section', '#aircraft-section']) expect(await regulator.locator(hidden).isVisible(), hidden).toBe(false);
    await regulator.locator('#day-plan-list li[data-status="approved"]').waitFor();
    await regulator.locator('#corridor-bookings li[data-status="approved"]').first().waitFor();
    expect(await regulator.locator('#corridor-bookings button, #day-plan-list button').count()).toBe(0);
    await screenshot(regulator, 'bookings-regulator.png');

    // Another corridor, another zone: Epi's day is shown in Pacific/Efate time.
    const epi = await regulator.locator('#bookings-corridor option', { hasText: 'Epi' }).getAttribute('value');
    await regulator.selectOption('#bookings-corridor', epi!);
    await regulator.waitForFunction((id) => document.querySelector<HTMLElement>('#availability-timeline')?.dataset.corridorId === id, epi);
    expect(await regulator.locator('#bookings-rules-summary').textContent()).toMatch(/^Open \d\d:\d\d–\d\d:\d\d Pacific\/Efate · /);
    expect(await regulator.locator('#bookings-timezone').textContent()).toBe('Local time: Pacific/Efate (UTC+11:00)');
    expect(await regulator.locator('.timeline-summary').textContent()).toMatch(/Open: 0[5-7]:\d\d–1[7-9]:\d\d/);
  });

  it('switches between the live map and bookings from the header, each still live', async () => {
    // The header's links change the hash; the view follows on 'hashchange', a task after the click.
    await partner.click('#view-map');
    await partner.waitForSelector('body[data-view="map"]');
    await partner.waitForSelector('#connection-state[data-state="live"]');
    expect(await partner.locator('#map').isVisible()).toBe(true);
    expect(await partner.locator('#bookings-view').isVisible()).toBe(false);
    await partner.click('#view-bookings');
    await partner.waitForSelector('body[data-view="bookings"]');
    expect(await partner.locator('#bookings-view').isVisible()).toBe(true);
    expect(await partner.locator('#map').isVisible()).toBe(false);
    expect(await partner.locator('#bookings-connection').getAttribute('data-state')).toBe('live');
  });

  it('lets the operator change the corridor’s booking rules, and shows a refused change in the server’s words', async () => {
    await showBookingDay(operator);
    expect(await operator.locator('#rules-opens-at').inputValue()).toBe('06:00');
    await operator.fill('#rules-opens-at', '07:00');
    await operator.click('#rules-submit');
    await expect.poll(() => operator.locator('#bookings-rules-summary').textContent()).toMatch(/^Open 07:00–18:00 Africa\/Blantyre/);
    await expect.poll(() => operator.locator('.timeline-summary').textContent()).toContain('Open: 07:00–18:00');

    await operator.fill('#rules-closes-at', '05:00');
    const [answer] = await Promise.all([operator.waitForResponse((response) => response.url().endsWith(`/api/corridors/${kasungu.id}/booking-rules`)), operator.click('#rules-submit')]);
    expect(answer.status()).toBe(400);
    const { error } = (await answer.json()) as { error: { message: string } };
    await expect.poll(() => operator.locator('#rules-error').textContent()).toBe(error.message);
    await operator.fill('#rules-opens-at', '06:00');
    await operator.fill('#rules-closes-at', '18:00');
    await operator.click('#rules-submit');
    await expect.poll(() => operator.locator('#bookings-rules-summary').textContent()).toMatch(/^Open 06:00–18:00 /);
  });
});
