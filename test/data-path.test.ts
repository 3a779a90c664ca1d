/**
 * The whole data path on real components, on each database: the simulated demo fleet flies
 * over real loopback UDP into the platform; positions reach a Socket.IO client; KAS-2's
 * pass through the Kasungu town centre raises a breach alert and a violation; flights,
 * telemetry, violations and alerts are in PostGIS afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView, CorridorView, Page, VehicleView, ViolationEvent, ZoneHitView } from '../server/contracts/index.ts';
import { readTlog } from '../protocol/index.ts';
import { demoFleet, Fleet } from '../simulator/index.ts';
import { eventually, startHarness, type PlatformHarness, type RecordedEvent } from './support/platform-harness.ts';
import { databaseKinds } from './support/test-database.ts';

/** Simulated seconds per real second: KAS-2 reaches the town within ~2–6 s of real time. */
const TIME_SCALE = 8;


describe.each(databaseKinds())('simulator → UDP → server → PostGIS and Socket.IO on the %s database', (kind) => {
  let harness: PlatformHarness;
  let fleet: Fleet;
  let events: RecordedEvent[];
  let corridors: CorridorView[];

  beforeAll(async () => {
    harness = await startHarness(kind);
    ({ events } = await harness.connectClient());
    corridors = (await harness.api.getJson<Page<CorridorView>>(`/api/corridors`)).items;
    fleet = new Fleet(demoFleet(), { target: `udpout:127.0.0.1:${harness.udpPort}`, timeScale: TIME_SCALE, positionRateHz: 4 });
    await fleet.start();
  });
  afterAll(async () => {
    await fleet?.stop();
    await harness?.stop();
  });

  const corridorId = (slug: string) => corridors.find((corridor) => corridor.slug === slug)!.id;
  const telemetryOf = (callsign: string) =>
    events.filter((event): event is Extract<RecordedEvent, { name: 'vehicle:telemetry' }> => event.name === 'vehicle:telemetry' && event.payload.callsign === callsign);

  it('pushes moving positions of every demo aircraft, each judged in its own corridor', async () => {
    const expected = { 'KAS-1': 'malawi-kasungu', 'KAS-2': 'malawi-kasungu', 'ERR-1': 'vanuatu-erromango', 'EPI-1': 'vanuatu-epi' };
    for (const [callsign, slug] of Object.entries(expected)) {
      const moved = await eventually(() => {
        const positions = telemetryOf(callsign).map((event) => event.payload.position).filter((position) => position !== null);
        const first = positions[0];
        const last = positions[positions.length - 1];
        return first && last && (first.lon !== last.lon || first.lat !== last.lat) ? telemetryOf(callsign).at(-1)!.payload : null;
      }, `${callsign} moving`);
      // Each demo aircraft flies inside the booking the demo seed gives it.
      expect(moved).toMatchObject({ isRegistered: true, corridorId: corridorId(slug), linkState: 'connected', bookingStatus: 'conforming' });
    }
  });

  it('alerts KAS-2 entering the Kasungu town centre exclusion zone, live and over HTTP', async () => {
    const town = corridors.find((corridor) => corridor.slug === 'malawi-kasungu')!.zones.find((zone) => zone.name === 'Kasungu town centre')!;
    const alert = await eventually(
      () => events.find((event): event is Extract<RecordedEvent, { name: 'alert:raised' }> => event.name === 'alert:raised' && event.payload.kind === 'zone-breach'),
      'the breach alert',
      45_000,
    );
    expect(alert.payload).toMatchObject({ severity: 'critical', systemId: 12, zoneId: town.id, corridorId: corridorId('malawi-kasungu') });
    expect(alert.payload.message).toContain('KAS-2 entered prohibited zone Kasungu town centre');
    const started = events.find((event) => event.name === 'violation:started')?.payload as ViolationEvent;
    expect(started).toMatchObject({ zoneId: town.id, endedAtMs: null });
    expect(events.filter((event) => event.name === 'alert:raised' && ['unbooked-flight', 'booking-nonconformance'].includes(event.payload.kind))).toEqual([]);
    // Take-off climbs level off below the ceiling: only KAS-2, heading for the town, is predicted to breach.
    const predicted = events.filter((event) => event.name === 'alert:raised' && event.payload.kind === 'predicted-breach');
    expect(predicted.map((event) => (event.payload as AlertView).systemId)).toEqual([12]);
    // No other aircraft of the demo fleet breaches anything.
    expect(events.filter((event) => event.name === 'violation:started').every((event) => (event.payload as ViolationEvent).vehicleId === alert.payload.vehicleId)).toBe(true);

    const vehicles = await harness.api.getJson<Page<VehicleView>>(`/api/vehicles`);
    expect(vehicles.items.map((vehicle) => vehicle.callsign).sort()).toEqual(['EPI-1', 'ERR-1', 'KAS-1', 'KAS-2']);
    await harness.platform.writeQueue.flush();
    const alerts = await harness.api.getJson<Page<AlertView>>(`/api/alerts`);
    expect(alerts.items.find((item) => item.id === alert.payload.id)).toMatchObject({ kind: 'zone-breach', zoneId: town.id });
  });

  it('stores flights, telemetry inside the right corridors, and the violation with its excursion', async () => {
    await eventually(() => events.find((event) => event.name === 'violation:ended'), 'KAS-2 leaving the town zone', 60_000);
    await fleet.stop();
    await harness.platform.writeQueue.flush();
    const { knex } = harness.platform.database;

    const flights = await knex('flights').join('aircraft', 'aircraft.id', 'flights.aircraft_id').select('flights.id', 'aircraft.callsign');
    expect(flights.map((flight) => flight.callsign).sort()).toEqual(['EPI-1', 'ERR-1', 'KAS-1', 'KAS-2']);

    const perFlight = await knex('telemetry')
      .join('flights', 'flights.id', 'telemetry.flight_id')
      .join('aircraft', 'aircraft.id', 'flights.aircraft_id')
      .join('corridors', 'corridors.slug', knex.raw(`CASE WHEN aircraft.callsign LIKE 'KAS%' THEN 'malawi-kasungu' WHEN aircraft.callsign = 'ERR-1' THEN 'vanuatu-erromango' ELSE 'vanuatu-epi' END`))
      .groupBy('aircraft.callsign')
      .select('aircraft.callsign', knex.raw('count(*)::int as samples'), knex.raw('sum(CASE WHEN ST_Covers(corridors.boundary, telemetry.position) THEN 1 ELSE 0 END)::int as inside'));
    for (const row of perFlight) {
      expect(row.samples, row.callsign).toBeGreaterThan(10);
      expect(row.inside, row.callsign).toBe(row.samples);
    }

    const [violation] = await knex('violations').join('zones', 'zones.id', 'violations.zone_id').select('zones.name', 'violations.*');
    expect(violation).toMatchObject({ name: 'Kasungu town centre', limit: 'horizontal', zone_version: 1 });
    expect(violation.ended_at).not.toBeNull();
    // KAS-2 crosses the 1,200 m circle: deepest point well inside, at most the radius.
    expect(Number(violation.max_horizontal_excursion_m)).toBeGreaterThan(300);
    expect(Number(violation.max_horizontal_excursion_m)).toBeLessThanOrEqual(1200);
    const [{ inZone }] = await knex('violations').join('zones', 'zones.id', 'violations.zone_id')
      .select(knex.raw('ST_DWithin(violations.start_position::geography, zones.geometry::geography, 30) as "inZone"'));
    expect(inZone).toBe(true);
    // The evidence: samples inside the zone, and the first one clear of it afterwards — checked by PostGIS.
    const evidence = violation.evidence as Array<{ lon: number; lat: number; timeMs: number }>;
    expect(evidence.length).toBeGreaterThanOrEqual(4);
    const judged = await knex.raw(
      `SELECT ST_Covers(z.geometry, ST_SetSRID(ST_MakePoint((s->>'lon')::float8, (s->>'lat')::float8), 4326)) AS inside
         FROM violations v JOIN zones z ON z.id = v.zone_id, jsonb_array_elements(v.evidence) WITH ORDINALITY AS e(s, n) ORDER BY n`,
    );
    const inside = judged.rows.map((row: { inside: boolean }) => row.inside);
    expect(inside[0]).toBe(true);
    expect(inside.at(-1)).toBe(false);

    // Judged a second, independent way: PostGIS (geography, metres) over the stored telemetry.
    // Excursion: the deepest stored position's distance to the zone's edge, within 5 m.
    const [{ deepestM }] = (await knex.raw(
      `SELECT max(ST_Distance(ST_Boundary(z.geometry)::geography, t.position::geography)) AS "deepestM"
         FROM violations v JOIN zones z ON z.id = v.zone_id JOIN telemetry t ON t.flight_id = v.flight_id
        WHERE ST_Covers(z.geometry, t.position)`,
    )).rows;
    expect(Math.abs(Number(violation.max_horizontal_excursion_m) - Number(deepestM))).toBeLessThan(5);
    // Duration: from the first stored position inside to the first one clear of the zone by more
    // than its margin (the breach ends only then — hysteresis, so a track along the edge cannot flap).
    const [{ firstInside, firstClear, firstClearBy2m }] = (await knex.raw(
      `WITH track AS (SELECT t.recorded_at, ST_Covers(z.geometry, t.position) AS inside,
                             ST_Distance(z.geometry::geography, t.position::geography) AS outside_m, z.margin_m
                        FROM violations v JOIN zones z ON z.id = v.zone_id JOIN telemetry t ON t.flight_id = v.flight_id)
       SELECT (SELECT min(recorded_at) FROM track WHERE inside) AS "firstInside",
              (SELECT min(recorded_at) FROM track WHERE NOT inside AND outside_m > margin_m
                  AND recorded_at > (SELECT min(recorded_at) FROM track WHERE inside)) AS "firstClear",
              (SELECT min(recorded_at) FROM track WHERE NOT inside AND outside_m > margin_m + 2
                  AND recorded_at > (SELECT min(recorded_at) FROM track WHERE inside)) AS "firstClearBy2m"`,
    )).rows;
    expect(new Date(violation.started_at).getTime()).toBe(new Date(firstInside).getTime());
    // The live check measures on 500 m-densified edges, PostGIS on the geodesic (≤ ~1.7 m apart): a
    // sample within 2 m of the margin may be judged either side, so the end lies between these two.
    expect(new Date(violation.ended_at).getTime()).toBeGreaterThanOrEqual(new Date(firstClear).getTime());
    expect(new Date(violation.ended_at).getTime()).toBeLessThanOrEqual(new Date(firstClearBy2m).getTime());

    const [{ n }] = await knex('alerts').where({ kind: 'zone-breach', system_id: 12 }).select(knex.raw('count(*)::int as n'));
    expect(n).toBe(1);
  });

  it('answers which flights entered a zone, and what a proposed zone would have caught, from stored telemetry', async () => {
    const town = corridors.find((corridor) => corridor.slug === 'malawi-kasungu')!.zones.find((zone) => zone.name === 'Kasungu town centre')!;
    const hits = (await harness.api.getJson<Page<ZoneHitView>>(`/api/zones/${town.id}/flights`)).items;
    expect(hits.map((hit) => hit.callsign)).toEqual(['KAS-2']);
    expect(hits[0]!.samplesInside).toBeGreaterThan(3);
    const before = await harness.api.getJson<Page<ZoneHitView>>(`/api/zones/${town.id}/flights?to=2020-01-01T00:00:00Z`);
    expect(before.items).toEqual([]);

    // A proposed 1 km square round Dillon's Bay, up to 150 m AGL, would have caught ERR-1 only.
    const square = { type: 'Polygon', coordinates: [[[168.995, -18.815], [169.005, -18.815], [169.005, -18.805], [168.995, -18.805], [168.995, -18.815]]] };
    const whatIf = await harness.api.fetch(`/api/zones/what-if`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ geometry: square, altitudeMaxM: 150 }),
    });
    expect(whatIf.status).toBe(200);
    expect((await whatIf.json()).items.map((hit: ZoneHitView) => hit.callsign)).toEqual(['ERR-1']);
    const swapped = await harness.api.fetch(`/api/zones/what-if`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ geometry: { type: 'Polygon', coordinates: [square.coordinates[0]!.map(([lon, lat]) => [lat, lon])] }, altitudeMaxM: 150 }),
    });
    expect(swapped.status).toBe(400);
    expect((await swapped.json()).error.message).toMatch(/swapped/i);
  });

  it("keeps every flight's raw MAVLink as a .tlog holding exactly the positions stored", async () => {
    await harness.platform.flightLogs.closeAll();
    const { knex } = harness.platform.database;
    const flights = await knex('flights').select('id', knex.raw('(SELECT count(*)::int FROM telemetry t WHERE t.flight_id = flights.id) as samples'));
    for (const flight of flights) {
      const response = await harness.api.fetch(`/api/flights/${flight.id}/export.tlog`);
      expect(response.status).toBe(200);
      const entries = [...readTlog(Buffer.from(await response.arrayBuffer()))];
      const names = entries.map((entry) => entry.frame.name);
      expect(names.filter((name) => name === 'GLOBAL_POSITION_INT')).toHaveLength(flight.samples);
      expect(names).toContain('HEARTBEAT');
      expect(entries.every((entry, index) => index === 0 || entry.timestampUs >= entries[index - 1]!.timestampUs)).toBe(true);
    }
  });
});
