/**
 * A partner uploads a .tlog recorded on its own ground station days ago: it becomes the partner's
 * flight, judged against the zone versions and bookings in force when it was recorded — not those of
 * today. Since then the operator retired the zone it crossed and put up a new one on its track, and the
 * partner's booking of that day has completed; the live fences would judge it the other way round on
 * each count. A partner may not claim another organisation's aircraft (403 naming them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView, AuditEntryView, CorridorView, FlightView, Page, TlogImportView, ViolationView, ZoneVersionView } from '../server/contracts/index.ts';
import { groundStationLog } from './support/ground-station-log.ts';
import { startHarness, type ApiClient, type PlatformHarness } from './support/platform-harness.ts';
import { databaseKinds } from './support/test-database.ts';

const DAY_MS = 86_400_000;
const KAS_1 = 11; // Kasungu Health's KAS-1 (unsigned)
const ERR_1 = 21; // Pacific Mapping's ERR-1
const TOWN_CENTRE = 'Kasungu town centre'; // prohibited circle of 1.2 km around [33.483, -13.034]
const NEW_ZONE = 'Water works (put up after the flight)';
const NEW_ZONE_CENTER: [number, number] = [33.462, -13.034];
/** The booked square of the day: the western half of the track. */
const BOOKED_SQUARE = [[33.45, -13.045], [33.47, -13.045], [33.47, -13.025], [33.45, -13.025], [33.45, -13.045]];

describe.each(databaseKinds())('a partner imports its own ground station log on the %s database', (kind) => {
  let harness: PlatformHarness;
  let partner: ApiClient;
  let otherPartner: ApiClient;
  let regulator: ApiClient;
  let kasungu: CorridorView;
  let bookingId: string;
  const recordedAtMs = Date.now() - 2 * DAY_MS;

  beforeAll(async () => {
    harness = await startHarness(kind);
    [partner, otherPartner, regulator] = await Promise.all([harness.signIn('kasunguPartner'), harness.signIn('pacificPartner'), harness.signIn('regulator')]);
    kasungu = (await harness.api.getJson<Page<CorridorView>>('/api/corridors')).items.find((corridor) => corridor.slug === 'malawi-kasungu')!;
    const { knex } = harness.platform.database;
    // History the API cannot write: the seeded zones have stood for a month, and Kasungu Health
    // flew a booked slot two days ago that has since completed.
    await knex('zones').whereNull('valid_to').update({ valid_from: knex.raw(`valid_from - interval '30 days'`) });
    const organisation = await knex('organisations').where({ name: 'Kasungu Health Drones (demo)' }).first('id');
    const [row] = await knex('bookings').insert({
      corridor_id: kasungu.id,
      organisation_id: organisation.id,
      aircraft_id: null,
      is_whole_corridor: false,
      status: 'completed',
      time_window: knex.raw('tstzrange(?, ?)', [new Date(recordedAtMs - 3_600_000), new Date(recordedAtMs + 3_600_000)]),
      area: knex.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))', [JSON.stringify({ type: 'Polygon', coordinates: [BOOKED_SQUARE] })]),
      altitude_min_m: 0,
      altitude_max_m: 120,
      altitude_reference: 'AGL',
      purpose: 'Survey of the water works (test, completed)',
    }).returning('id');
    bookingId = row.id;
    // Today: the operator retired the town-centre zone and put up a new one on the track.
    const zones = (await harness.api.getJson<Page<ZoneVersionView>>(`/api/corridors/${kasungu.id}/zones`)).items;
    const townCentre = zones.find((zone) => zone.name === TOWN_CENTRE)!;
    expect((await harness.api.fetch(`/api/zones/${townCentre.id}`, { method: 'DELETE' })).status).toBe(204);
    const created = await harness.api.fetch(`/api/corridors/${kasungu.id}/zones`, {
      method: 'POST',
      json: { zone: { name: NEW_ZONE, kind: 'exclusion', restriction: 'prohibited', circle: { center: NEW_ZONE_CENTER, radiusM: 300 }, altitudeMinM: 0, altitudeMaxM: 400, altitudeReference: 'AGL', marginM: 50 } },
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => harness?.stop());

  const upload = (client: ApiClient, bytes: Buffer, name: string) =>
    client.fetch(`/api/flights/import?name=${name}`, { method: 'POST', body: new Uint8Array(bytes), headers: { 'content-type': 'application/octet-stream' } });
  const alertsOf = async (vehiclePrefix: string) =>
    (await harness.api.getJson<Page<AlertView>>('/api/alerts?limit=500')).items.filter((alert) => alert.vehicleId.startsWith(vehiclePrefix));

  it('judges the log by the zones and the booking of its own day', async () => {
    // West of the town, through the water works and the town centre, out of the booked square.
    const response = await upload(partner, groundStationLog(KAS_1, recordedAtMs, 33.455, 33.51), 'kas-1-two-days-ago.tlog');
    expect(response.status).toBe(201);
    const imported = (await response.json()) as TlogImportView;
    expect(imported.flightIds).toHaveLength(1);
    const flight = await partner.getJson<FlightView>(`/api/flights/${imported.flightIds[0]}`);
    expect(flight).toMatchObject({ source: 'import', systemId: KAS_1, callsign: 'KAS-1', organisationName: 'Kasungu Health Drones (demo)', corridorId: kasungu.id, bookingId });
    expect(flight.startedAtMs).toBeGreaterThanOrEqual(recordedAtMs);
    expect(flight.startedAtMs).toBeLessThan(recordedAtMs + 5000);

    const violations = (await partner.getJson<Page<ViolationView>>(`/api/flights/${flight.id}/violations`)).items;
    expect(violations.map((violation) => violation.zoneName)).toEqual([TOWN_CENTRE]);
    expect(violations[0]!.evidence.length).toBeGreaterThan(0);

    const alerts = await alertsOf('tlog-kas-1-two-days-ago');
    const kinds = new Set(alerts.map((alert) => alert.kind));
    expect(kinds.has('zone-breach')).toBe(true);
    expect(kinds.has('booking-nonconformance')).toBe(true); // it flew on east of the booked square
    expect(kinds.has('unbooked-flight')).toBe(false);
    expect(alerts.some((alert) => alert.message.includes(NEW_ZONE))).toBe(false);
  });

  it('finds a flight of a day without a booking unbooked, although the organisation holds one today', async () => {
    const response = await upload(partner, groundStationLog(KAS_1, Date.now() - 5 * DAY_MS, 33.452, 33.458), 'kas-1-five-days-ago.tlog');
    expect(response.status).toBe(201);
    const imported = (await response.json()) as TlogImportView;
    const flight = await partner.getJson<FlightView>(`/api/flights/${imported.flightIds[0]}`);
    expect(flight.bookingId).toBeNull();
    const kinds = (await alertsOf('tlog-kas-1-five-days-ago')).map((alert) => alert.kind);
    expect(kinds).toContain('unbooked-flight');
    expect(kinds).not.toContain('zone-breach');
  });

  it("refuses a partner's log holding another organisation's aircraft, naming it, and stores nothing", async () => {
    const before = await harness.platform.database.knex('flights').count<{ count: string }[]>('* as count');
    const theirs = Buffer.concat([groundStationLog(KAS_1, recordedAtMs, 33.452, 33.456), groundStationLog(ERR_1, recordedAtMs, 33.452, 33.456)]);
    const response = await upload(partner, theirs, 'mixed.tlog');
    expect(response.status).toBe(403);
    expect((await response.json()).error.message).toMatch(/system id 21, which is not an aircraft of your organisation/);
    const unknown = await upload(partner, groundStationLog(99, recordedAtMs, 33.452, 33.456), 'unregistered.tlog');
    expect(unknown.status).toBe(403);
    expect((await unknown.json()).error.message).toMatch(/system id 99\b/);
    const after = await harness.platform.database.knex('flights').count<{ count: string }[]>('* as count');
    expect(Number(after[0]!.count)).toBe(Number(before[0]!.count));
  });

  it("shows the imported flight to the corridor's regulator and the partner, not to another partner; the import is audited", async () => {
    const flights = (await partner.getJson<Page<FlightView>>('/api/flights?limit=50')).items.filter((flight) => flight.source === 'import');
    expect(flights.map((flight) => flight.sourceName).sort()).toEqual(['kas-1-five-days-ago.tlog', 'kas-1-two-days-ago.tlog']);
    for (const flight of flights) {
      expect((await regulator.fetch(`/api/flights/${flight.id}`)).status).toBe(200);
      expect((await otherPartner.fetch(`/api/flights/${flight.id}`)).status).toBe(404);
    }
    const audit = (await partner.getJson<Page<AuditEntryView>>('/api/audit?limit=100')).items.filter((entry) => entry.action === 'flight.import');
    expect(audit).toHaveLength(2);
    expect(audit.every((entry) => entry.actor.includes('partner@kasungu-health.demo'))).toBe(true);
  });
});
