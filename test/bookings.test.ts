/**
 * Test-slot booking end to end on each database, over the real HTTP API, MAVLink/UDP and webhooks
 * to a loopback server: a partner registers an aircraft, asks for slots (refused with the reason
 * when they break the corridor's rules or collide with held airspace), an operator decides, the
 * clock makes the slot active, the aircraft is judged against the booked volume, the partner's
 * calendar feed and webhook hear of it — and 50 approvals racing for one slot leave exactly one.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AircraftView, AlertView, ApiTokenView, AvailabilityView, BookingView, CorridorView, Page, VehicleView, WebhookView } from '../server/contracts/index.ts';
import { signWebhookBody } from '../server/services/webhook-dispatcher.ts';
import { MavlinkSender } from './support/mavlink-sender.ts';
import { eventually, startHarness, type ApiClient, type PlatformHarness } from './support/platform-harness.ts';
import { databaseKinds } from './support/test-database.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** After the seeded demo bookings (7 days) end, so the corridors are free. */
const FREE_DAY_MS = 9 * DAY_MS;

/** A square of `sizeDeg` degrees with its south-west corner at [lon, lat]. */
const square = (lon: number, lat: number, sizeDeg: number): GeoJSON.Polygon => ({
  type: 'Polygon', coordinates: [[[lon, lat], [lon + sizeDeg, lat], [lon + sizeDeg, lat + sizeDeg], [lon, lat + sizeDeg], [lon, lat]]],
});

/** 09:00 local in Kasungu (UTC+2) on the day `daysAhead` from now, as ms. */
const kasunguMorning = (daysAhead: number, hourLocal = 9) => {
  const day = new Date(Date.now() + daysAhead);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hourLocal - 2, 0);
};

describe.each(databaseKinds())('booking test slots on the %s database', (kind) => {
  let harness: PlatformHarness;
  let partner: ApiClient;
  let otherPartner: ApiClient;
  let operator: ApiClient;
  let kasungu: CorridorView;
  let epi: CorridorView;
  const webhookCalls: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  let failNextWebhook = true;
  let webhookServer: http.Server;
  let sender: MavlinkSender;

  const slot = (startMs: number, minutes: number, extra: Record<string, unknown> = {}) => ({
    corridorId: kasungu.id, startsAt: new Date(startMs).toISOString(), endsAt: new Date(startMs + minutes * MINUTE_MS).toISOString(),
    altitudeMinM: 0, altitudeMaxM: 120, purpose: 'Vaccine drop trials', pilotInCommand: 'A. Banda', ...extra,
  });
  const request = async (client: ApiClient, body: object) => {
    const response = await client.fetch('/api/bookings', { method: 'POST', json: body });
    return { status: response.status, body: (await response.json()) as BookingView & { error?: { message: string; details?: { startsAtMs: number; endsAtMs: number } } } };
  };

  beforeAll(async () => {
    webhookServer = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        webhookCalls.push({ headers: req.headers, body });
        res.statusCode = failNextWebhook ? 500 : 200; // the first delivery fails, to see it retried
        failNextWebhook = false;
        res.end();
      });
    });
    await new Promise<void>((resolve) => webhookServer.listen(0, '127.0.0.1', resolve));
    harness = await startHarness(kind, { WEBHOOK_ALLOW_PRIVATE: 'true', BOOKING_CLOCK_MS: '500', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' });
    partner = await harness.signIn('pacificPartner');
    otherPartner = await harness.signIn('kasunguPartner');
    operator = await harness.signIn('operator');
    const corridors = (await operator.getJson<Page<CorridorView>>('/api/corridors')).items;
    kasungu = corridors.find((corridor) => corridor.slug === 'malawi-kasungu')!;
    epi = corridors.find((corridor) => corridor.slug === 'vanuatu-epi')!;
    sender = new MavlinkSender(harness.udpPort, 41);
  });
  afterAll(async () => {
    sender?.close();
    await harness?.stop();
    webhookServer?.close();
  });

  it('registers a partner’s aircraft, refuses a system id twice in one fleet, and matches it on the air at once', async () => {
    const aircraft = { systemId: 41, callsign: 'PIM-T1', model: 'Wingcopter 198', serialNumber: `WC-${kind}-0041`, weightClass: '2-25kg' };
    const created = await partner.fetch('/api/aircraft', { method: 'POST', json: aircraft });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ ...aircraft, organisationName: 'Pacific Island Mapping (demo)', isSigned: false, retired: false });
    const again = await partner.fetch('/api/aircraft', { method: 'POST', json: { ...aircraft, serialNumber: `WC-${kind}-0042` } });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe("System id 41 is already PIM-T1's in your fleet");
    expect((await otherPartner.getJson<Page<AircraftView>>('/api/aircraft')).items.map((item) => item.callsign)).not.toContain('PIM-T1');
    await sender.heartbeat({ armed: false });
    const vehicle = await eventually(async () => (await partner.getJson<Page<VehicleView>>('/api/vehicles')).items.find((item) => item.systemId === 41), 'PIM-T1 live');
    expect(vehicle).toMatchObject({ isRegistered: true, callsign: 'PIM-T1' });
  });

  it('refuses requests that break the corridor’s rules, each with its reason', async () => {
    const morning = kasunguMorning(FREE_DAY_MS);
    const cases: Array<[object, number, RegExp]> = [
      [slot(morning, 60, { area: square(35.5, -13.2, 0.02) }), 400, /the area reaches outside Kasungu/],
      [slot(morning, 60, { altitudeMaxM: 450 }), 400, /450 m, above Kasungu.*ceiling of 400 m AGL/],
      [slot(Date.now() - DAY_MS, 60), 400, /starts in the past/],
      [slot(Date.now() + 10 * MINUTE_MS, 60), 400, /at least 60 minutes ahead/],
      [slot(morning, 5), 400, /too short: 5 minutes, at least 15/],
      [slot(morning, 9 * 60), 400, /too long: 540 minutes, at most 480/],
      [slot(kasunguMorning(FREE_DAY_MS, 20), 60), 400, /20:00–21:00 on .* \(Africa\/Blantyre\) is outside Kasungu.*operating hours, 06:00–18:00/],
      [slot(morning + 30 * MINUTE_MS, 60, { aircraftId: '00000000-0000-4000-8000-000000000000' }), 400, /no aircraft/],
      [{ ...slot(morning, 60), colour: 'blue' }, 400, /'colour': not a field/],
      // The demo partner holds the whole of Kasungu for the next week: the clash is named by its window.
      [slot(kasunguMorning(DAY_MS * 2), 60), 409, /Conflicts with an approved booking from .*Z to .*Z \(UTC\)/],
    ];
    for (const [body, status, message] of cases) {
      const answer = await request(partner, body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.error!.message).toMatch(message);
    }
  });

  it('takes a request, lets the operator approve it, and walks the states; changes go back to requested', async () => {
    const morning = kasunguMorning(FREE_DAY_MS + DAY_MS);
    const asked = await request(partner, slot(morning, 90, { area: square(33.40, -13.10, 0.03) }));
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'requested', isWholeCorridor: false, organisationName: 'Pacific Island Mapping (demo)', altitudeReference: 'AGL' });
    expect((await partner.fetch(`/api/bookings/${asked.body.id}/approve`, { method: 'POST', json: {} })).status).toBe(403);
    expect((await otherPartner.fetch(`/api/bookings/${asked.body.id}`)).status).toBe(404);
    const queue = (await operator.getJson<Page<BookingView>>(`/api/bookings?status=requested&corridorId=${kasungu.id}`)).items;
    expect(queue.map((booking) => booking.id)).toContain(asked.body.id);
    const noReason = await operator.fetch(`/api/bookings/${asked.body.id}/reject`, { method: 'POST', json: {} });
    expect(noReason.status).toBe(400);
    const approved = (await (await operator.fetch(`/api/bookings/${asked.body.id}/approve`, { method: 'POST', json: {} })).json()) as BookingView;
    expect(approved).toMatchObject({ status: 'approved', decisionReason: null });
    expect(approved.decidedAtMs).toBeGreaterThan(0);
    const twice = await operator.fetch(`/api/bookings/${asked.body.id}/approve`, { method: 'POST', json: {} });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { error: { message: string } }).error.message).toBe('A booking that is approved cannot be approved');
    const changed = (await (await partner.fetch(`/api/bookings/${asked.body.id}`, { method: 'PATCH', json: { altitudeMaxM: 100 } })).json()) as BookingView;
    expect(changed).toMatchObject({ status: 'requested', altitudeMaxM: 100, decidedAtMs: null });
    const rejected = (await (await operator.fetch(`/api/bookings/${asked.body.id}/reject`, { method: 'POST', json: { reason: 'Runway works that morning' } })).json()) as BookingView;
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: 'Runway works that morning' });
    expect((await partner.fetch(`/api/bookings/${asked.body.id}/cancel`, { method: 'POST', json: {} })).status).toBe(409);
    // The availability shows the partner's own requests as theirs, and the demo partner's held week without who.
    // The default period is the next 7 days from now, which ends minutes after the hold seeded at start-up:
    // whether those minutes are free depends on the time of day, so the emptiness is asked of six days.
    expect((await partner.getJson<AvailabilityView>(`/api/corridors/${kasungu.id}/availability`)).openWindows.length).toBeGreaterThanOrEqual(7);
    const sixDays = `from=${new Date().toISOString()}&to=${new Date(Date.now() + 6 * DAY_MS).toISOString()}`;
    const availability = await partner.getJson<AvailabilityView>(`/api/corridors/${kasungu.id}/availability?${sixDays}`);
    expect(availability.openWindows.length).toBeGreaterThanOrEqual(6);
    expect(availability.taken.some((taken) => taken.status !== 'requested' && !taken.isMine && taken.bookingId === null && taken.isWholeCorridor)).toBe(true);
    expect(availability.freeWindows).toEqual([]);
  });

  it('approves exactly one of 50 overlapping requests raced by the operator; the rest are told the winner’s window', async () => {
    const morning = kasunguMorning(FREE_DAY_MS + 2 * DAY_MS);
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      const asked = await request(i % 2 === 0 ? partner : otherPartner, slot(morning + i * MINUTE_MS, 60, { area: square(33.45, -13.05, 0.02 + i * 0.0001), altitudeMinM: i % 3 }));
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      ids.push(asked.body.id);
    }
    const answers = await Promise.all(ids.map(async (id) => {
      const response = await operator.fetch(`/api/bookings/${id}/approve`, { method: 'POST', json: {} });
      return { id, status: response.status, body: (await response.json()) as BookingView & { error?: { message: string; details: { startsAtMs: number; endsAtMs: number } } } };
    }));
    const winners = answers.filter((answer) => answer.status === 200);
    const losers = answers.filter((answer) => answer.status === 409);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    const winner = winners[0]!.body;
    for (const loser of losers) expect(loser.body.error!.details).toEqual({ startsAtMs: winner.startsAtMs, endsAtMs: winner.endsAtMs });
    const held = await harness.platform.database.knex('bookings').whereIn('id', ids).whereIn('status', ['approved', 'active']).count({ n: '*' });
    expect(Number(held[0]!.n)).toBe(1);
    console.log(`[${kind}] 50 racing approvals: ${winners.length} approved, ${losers.length} refused with 409 naming ${new Date(winner.startsAtMs).toISOString()}–${new Date(winner.endsAtMs).toISOString()}`);
  });

  it('approves side by side the slots that do not share airspace: other area, or other band', async () => {
    const morning = kasunguMorning(FREE_DAY_MS + 3 * DAY_MS);
    const west = await request(partner, slot(morning, 60, { area: square(33.30, -13.10, 0.04) }));
    const east = await request(otherPartner, slot(morning, 60, { area: square(33.36, -13.10, 0.04) }));
    const low = await request(partner, slot(morning, 60, { area: square(33.50, -13.10, 0.04), altitudeMaxM: 60 }));
    const high = await request(otherPartner, slot(morning, 60, { area: square(33.50, -13.10, 0.04), altitudeMinM: 60, altitudeMaxM: 120 }));
    for (const asked of [west, east, low, high]) {
      expect(asked.status).toBe(201);
      expect((await operator.fetch(`/api/bookings/${asked.body.id}/approve`, { method: 'POST', json: {} })).status).toBe(200);
    }
    // Now the same area and band again: refused at request time, naming the held window.
    const clash = await request(partner, slot(morning + 30 * MINUTE_MS, 60, { area: square(33.31, -13.09, 0.01) }));
    expect(clash.status).toBe(409);
  });

  it('judges the aircraft against its approved volume while the slot is active, tells the webhook, and feeds the calendar', async () => {
    const pacific = (await partner.getJson<{ grants: Array<{ organisationId?: string }> }>('/api/auth/session')).grants[0]!.organisationId!;
    const hook = (await (await partner.fetch(`/api/organisations/${pacific}/webhook`, { method: 'PUT', json: { url: `http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}/hooks` } })).json()) as WebhookView;
    expect(hook.secret).toMatch(/^[\w-]{32}$/);
    // Epi is the partner's own demo slot this week: it cancels it, and the operator opens Epi round the clock, bookable at once.
    const demo = (await partner.getJson<Page<BookingView>>(`/api/bookings?corridorId=${epi.id}&status=approved,active`)).items;
    for (const booking of demo) expect((await partner.fetch(`/api/bookings/${booking.id}/cancel`, { method: 'POST', json: { reason: 'freeing the slot' } })).status).toBe(200);
    const rules = await operator.fetch(`/api/corridors/${epi.id}/booking-rules`, { method: 'PUT', json: { opensAt: '00:00', closesAt: '24:00', daylightOnly: false, minLeadMinutes: 0 } });
    expect(rules.status).toBe(200);
    const area = square(epi.center[0] - 0.005, epi.center[1] - 0.005, 0.01);
    const aircraftId = (await partner.getJson<Page<AircraftView>>('/api/aircraft')).items.find((item) => item.systemId === 41)!.id;
    const asked = await request(partner, { ...slot(Date.now() + 2000, 30, { area, aircraftId }), corridorId: epi.id });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await operator.fetch(`/api/bookings/${asked.body.id}/approve`, { method: 'POST', json: {} })).status).toBe(200);
    await eventually(async () => (await partner.getJson<BookingView>(`/api/bookings/${asked.body.id}`)).status === 'active', 'the slot active');

    const flyAt = async (lon: number, lat: number, bootMs: number) => {
      await sender.heartbeat({ armed: true });
      await sender.position(lon, lat, 50, 20, bootMs);
    };
    await flyAt(epi.center[0], epi.center[1], 1000);
    await eventually(async () => (await partner.getJson<Page<VehicleView>>('/api/vehicles')).items.find((item) => item.systemId === 41)?.bookingStatus === 'conforming', 'conforming inside the booked square');
    await flyAt(epi.center[0] + 0.008, epi.center[1], 2000);
    await eventually(async () => (await partner.getJson<Page<VehicleView>>('/api/vehicles')).items.find((item) => item.systemId === 41)?.bookingStatus === 'outside-volume', 'outside the booked square');
    // The operator calls the slot off (and the partner gives up its Erromango week): the aircraft now flies unbooked, and is alerted as such.
    expect((await operator.fetch(`/api/bookings/${asked.body.id}/cancel`, { method: 'POST', json: { reason: 'weather' } })).status).toBe(200);
    for (const held of (await partner.getJson<Page<BookingView>>('/api/bookings?status=approved,active')).items) {
      expect((await partner.fetch(`/api/bookings/${held.id}/cancel`, { method: 'POST', json: {} })).status).toBe(200);
    }
    let bootMs = 3000;
    await eventually(async () => {
      await flyAt(epi.center[0], epi.center[1], (bootMs += 200)); // judged as each position arrives
      return (await partner.getJson<Page<VehicleView>>('/api/vehicles')).items.find((item) => item.systemId === 41)?.bookingStatus === 'unbooked';
    }, 'unbooked once cancelled');
    await eventually(async () => (await partner.getJson<Page<AlertView>>('/api/alerts')).items.some((alert) => alert.systemId === 41 && alert.kind === 'unbooked-flight'), 'the unbooked-flight alert');

    // Webhook: the cancellation (its first try answered 500, so tried again), the approval and the non-conformance alert, each signed.
    const approval = await eventually(() => webhookCalls.find((call) => call.headers['x-corridor-event'] === 'booking.approved'), 'the approval delivered');
    expect(approval.headers['x-corridor-signature']).toBe(signWebhookBody(hook.secret!, approval.body));
    expect(JSON.parse(approval.body)).toMatchObject({ event: 'booking.approved', organisationId: pacific, data: { id: asked.body.id, status: 'approved' } });
    await eventually(() => webhookCalls.some((call) => call.headers['x-corridor-event'] === 'alert.raised' && JSON.parse(call.body).data.kind === 'booking-nonconformance'), 'the alert delivered');
    const deliveries = (await partner.getJson<Page<{ event: string; attempts: number; deliveredAtMs: number | null }>>(`/api/organisations/${pacific}/webhook/deliveries`)).items;
    const retried = deliveries.find((delivery) => delivery.event === 'booking.cancelled' && delivery.attempts === 2);
    expect(retried).toMatchObject({ lastStatus: 200 });
    expect(deliveries.find((delivery) => delivery.event === 'booking.approved')).toMatchObject({ attempts: 1, lastStatus: 200 });
    expect(webhookCalls.filter((call) => call.headers['x-corridor-delivery'] === (retried as { id?: string } | undefined)?.id)).toHaveLength(2);

    // The calendar feed, read with a token as a calendar app would, parses as iCalendar.
    const token = (await (await partner.fetch('/api/tokens', { method: 'POST', json: { name: 'calendar', grant: { role: 'partner', organisationId: pacific } } })).json()) as ApiTokenView;
    const feed = await fetch(`${harness.baseUrl}/api/bookings.ics?access_token=${token.secret}`);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents('vevent').map((event) => new ICAL.Event(event));
    const mine = events.find((event) => event.uid.startsWith(asked.body.id))!;
    expect(mine.startDate.toJSDate().getTime()).toBe(Math.floor(asked.body.startsAtMs / 1000) * 1000); // iCalendar times are to the second
    expect(mine.summary).toMatch(/Epi.*PIM-T1 \(cancelled\)/);
    expect(mine.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(events.every((event) => !event.summary.includes('Kasungu Health'))).toBe(true);
  });
});
