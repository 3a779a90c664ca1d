/**
 * Regulator review on each database, over real MAVLink/UDP and HTTP: flights found by filters and
 * summarised, every export re-read by an independent parser (GeoJSON checker, XML parser, CSV
 * parser; the .tlog re-imported gives the same samples), and tamper evidence: a changed byte of a
 * log, a changed telemetry row, a changed violation, a removed flight — each reported, with the flight.
 */
import fs from 'node:fs/promises';
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorridorView, FlightStatisticsView, FlightView, Page, TelemetrySampleView, TlogImportView, VerificationView, ViolationView } from '../server/contracts/index.ts';
import { MavlinkSender } from './support/mavlink-sender.ts';
import { eventually, startHarness, type ApiClient, type PlatformHarness } from './support/platform-harness.ts';
import { databaseKinds } from './support/test-database.ts';

describe.each(databaseKinds())('reviewing flights on the %s database', (kind) => {
  let harness: PlatformHarness;
  let regulator: ApiClient;
  let kasungu: CorridorView;
  const flights: FlightView[] = [];

  /** Fly `systemId` along `path` ([lon, lat] each 300 ms apart, 60 m up), then disarm: one closed, sealed flight. */
  const fly = async (systemId: number, path: Array<[number, number]>) => {
    const sender = new MavlinkSender(harness.udpPort, systemId);
    await sender.heartbeat({ armed: true });
    for (const [index, [lon, lat]] of path.entries()) {
      await sender.position(lon, lat, 60, 1050, index * 300);
      await new Promise((resolve) => setTimeout(resolve, 150)); // the server stamps positions on arrival: the exit lasts past the hold time
    }
    await sender.heartbeat({ armed: false });
    sender.close();
    const flight = await eventually(async () => (await regulator.getJson<Page<FlightView>>(`/api/flights?limit=500`)).items.find((item) => item.systemId === systemId && item.seal && !flights.some((known) => known.id === item.id)), `flight of ${systemId} sealed`);
    flights.push(flight);
    return flight;
  };
  const line = (from: [number, number], to: [number, number], steps: number): Array<[number, number]> =>
    Array.from({ length: steps }, (_, i) => [from[0] + ((to[0] - from[0]) * i) / (steps - 1), from[1] + ((to[1] - from[1]) * i) / (steps - 1)]);
  const verifyFlight = async (id: string) => regulator.getJson<VerificationView>(`/api/flights/${id}/verify`);
  const verifyCorridor = async () => regulator.getJson<VerificationView>(`/api/corridors/${kasungu.id}/verify`);

  beforeAll(async () => {
    harness = await startHarness(kind, { BREACH_HOLD_MS: '300' });
    regulator = await harness.signIn('regulator');
    kasungu = (await regulator.getJson<Page<CorridorView>>('/api/corridors')).items.find((corridor) => corridor.slug === 'malawi-kasungu')!;
    await fly(11, line([33.40, -13.06], [33.42, -13.06], 12)); // clear of every zone
    await fly(12, line([33.46, -13.034], [33.51, -13.034], 16)); // straight through the town centre
    await fly(11, line([33.40, -13.08], [33.41, -13.08], 8));
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('finds flights by filters and sorts, and sums them per corridor, partner and month', async () => {
    const withViolations = (await regulator.getJson<Page<FlightView>>(`/api/flights?hasViolations=true&corridorId=${kasungu.id}`)).items;
    expect(withViolations.map((flight) => flight.id)).toEqual([flights[1]!.id]);
    expect((await regulator.getJson<Page<FlightView>>('/api/flights?sort=most-violations&limit=1')).items[0]!.id).toBe(flights[1]!.id);
    const booked = (await regulator.getJson<Page<FlightView>>('/api/flights?booked=true&limit=500')).items.map((flight) => flight.id);
    expect(booked).toEqual(expect.arrayContaining(flights.map((flight) => flight.id))); // the demo partner's whole-corridor week
    expect((await regulator.getJson<Page<FlightView>>('/api/flights?booked=false&limit=500')).items.some((flight) => flights.some((ours) => ours.id === flight.id))).toBe(false);
    const through = flights[1]!;
    expect(through).toMatchObject({ organisationName: 'Kasungu Health Drones (demo)', samples: 16, violations: 1 });
    expect(through.distanceM).toBeGreaterThan(5000);
    expect(through.distanceM).toBeLessThan(5600); // 0.05° of longitude at 13° S is about 5.4 km
    const statistics = await regulator.getJson<FlightStatisticsView>(`/api/flights/statistics?corridorId=${kasungu.id}`);
    expect(statistics.byCorridor).toEqual([expect.objectContaining({ key: kasungu.id, flights: 3, violations: { horizontal: 1, ceiling: 0, floor: 0, total: 1 } })]);
    expect(statistics.byPartner[0]).toMatchObject({ label: 'Kasungu Health Drones (demo)', flights: 3 });
    const statisticsCsv = parseCsv(await (await regulator.fetch('/api/flights/statistics.csv')).text(), { columns: true }) as Array<Record<string, string>>;
    expect(statisticsCsv.find((row) => row.group === 'corridor' && row.key === kasungu.id)).toMatchObject({ flights: '3', violations: '1' });
    const flightsCsv = parseCsv(await (await regulator.fetch(`/api/flights.csv?corridorId=${kasungu.id}`)).text(), { columns: true }) as Array<Record<string, string>>;
    expect(flightsCsv.map((row) => row.flight_id)).toEqual(flights.map((flight) => flight.id));
    expect(flightsCsv[1]!.seal_hash).toBe(through.seal!.hash);
    const partner = await harness.signIn('pacificPartner');
    expect((await partner.fetch(`/api/flights/${through.id}/export.kml`)).status).toBe(404);
  });

  it('exports the flight with a violation in formats independent parsers read, each carrying its seal hash', async () => {
    const through = flights[1]!;
    const violations = (await regulator.getJson<Page<ViolationView>>(`/api/flights/${through.id}/violations`)).items;
    expect(violations).toEqual([expect.objectContaining({ zoneName: 'Kasungu town centre', limit: 'horizontal' })]);
    expect(violations[0]!.evidence.length).toBeGreaterThan(0);
    expect(violations[0]!.maxHorizontalExcursionM).toBeGreaterThan(1000);

    const geojson = await regulator.fetch(`/api/flights/${through.id}/export.geojson`);
    expect(geojson.headers.get('x-flight-hash')).toBe(through.seal!.hash);
    const collection = checkGeoJson(await geojson.text()) as GeoJSON.FeatureCollection; // throws on invalid GeoJSON
    expect(collection.features.map((feature) => feature.geometry.type)).toEqual(['LineString', 'Point']);
    expect((collection.features[0]!.geometry as GeoJSON.LineString).coordinates).toHaveLength(16);

    const kml = await regulator.fetch(`/api/flights/${through.id}/export.kml`);
    expect(kml.headers.get('x-flight-hash')).toBe(through.seal!.hash);
    const kmlText = await kml.text();
    expect(XMLValidator.validate(kmlText)).toBe(true);
    const document = new XMLParser({ ignoreAttributes: false }).parse(kmlText).kml.Document;
    expect(document.Placemark).toHaveLength(2);
    expect(String(document.Placemark[0].LineString.coordinates).trim().split(/\s+/)).toHaveLength(16);
    expect(document.description).toContain(through.seal!.hash);

    const csv = await regulator.fetch(`/api/flights/${through.id}/export.csv`);
    const rows = parseCsv(await csv.text(), { columns: true, cast: true }) as Array<Record<string, number | string>>;
    expect(rows).toHaveLength(16);
    expect(rows.filter((row) => row.fence_status === 'breach').length).toBeGreaterThan(0);

    const report = await regulator.fetch(`/api/flights/${through.id}/report`);
    expect(await report.text()).toMatch(/Violation report[\s\S]*Kasungu town centre[\s\S]*horizontal/);

    // The raw log re-imported yields the same positions as those stored.
    const tlog = Buffer.from(await (await regulator.fetch(`/api/flights/${through.id}/export.tlog`)).arrayBuffer());
    const imported = (await (await harness.api.fetch('/api/flights/import?name=reimport.tlog', { method: 'POST', body: new Uint8Array(tlog), headers: { 'content-type': 'application/octet-stream' } })).json()) as TlogImportView;
    const original = (await regulator.getJson<Page<TelemetrySampleView>>(`/api/flights/${through.id}/telemetry?limit=500`)).items;
    const copy = (await regulator.getJson<Page<TelemetrySampleView>>(`/api/flights/${imported.flightIds[0]}/telemetry?limit=500`)).items;
    expect(copy.map((sample) => [sample.lon, sample.lat, sample.altitudeMslM])).toEqual(original.map((sample) => [sample.lon, sample.lat, sample.altitudeMslM]));
  });

  it('verifies untouched flights and the corridor’s chain', async () => {
    await harness.platform.sealer.settle(); // the re-imported flight too
    for (const flight of flights) expect(await verifyFlight(flight.id)).toMatchObject({ ok: true, hash: flight.seal!.hash, problems: [] });
    const corridor = await verifyCorridor();
    expect(corridor).toMatchObject({ ok: true, problems: [] });
    expect(corridor.flightsChecked).toBeGreaterThanOrEqual(3);
  });

  it('reports a changed byte of a stored .tlog, with the flight', async () => {
    const [flight] = flights;
    const file = harness.platform.flightLogs.pathOf(flight!.id);
    const bytes = await fs.readFile(file);
    const changed = Buffer.from(bytes);
    changed[changed.length - 3]! ^= 0x01;
    await fs.writeFile(file, changed);
    expect(await verifyFlight(flight!.id)).toMatchObject({ ok: false, problems: [{ flightId: flight!.id, problem: 'its raw .tlog has changed since it was sealed' }] });
    expect((await verifyCorridor()).problems).toEqual([{ flightId: flight!.id, problem: 'its raw .tlog has changed since it was sealed' }]);
    await fs.writeFile(file, bytes);
    expect((await verifyFlight(flight!.id)).ok).toBe(true);
  });

  it('reports a changed telemetry row and a changed violation, with the flight', async () => {
    const { knex } = harness.platform.database;
    const through = flights[1]!;
    const changedRecords = { flightId: through.id, problem: 'its stored records (flight, telemetry, violations or alerts) have changed since it was sealed' };
    const row = await knex('telemetry').where({ flight_id: through.id }).orderBy('id').first();
    await knex('telemetry').where({ id: row.id }).update({ altitude_msl_m: Number(row.altitude_msl_m) + 0.5 });
    expect((await verifyFlight(through.id)).problems).toEqual([changedRecords]);
    await knex('telemetry').where({ id: row.id }).update({ altitude_msl_m: row.altitude_msl_m });
    expect((await verifyFlight(through.id)).ok).toBe(true);
    const violation = await knex('violations').where({ flight_id: through.id }).first();
    await knex('violations').where({ id: violation.id }).update({ max_horizontal_excursion_m: 1 });
    expect((await verifyCorridor()).problems).toEqual([changedRecords]);
    await knex('violations').where({ id: violation.id }).update({ max_horizontal_excursion_m: violation.max_horizontal_excursion_m });
    expect((await verifyCorridor()).ok).toBe(true);
  });

  it('reports a removed flight: from the middle of the chain by the gap, the last one by the ledger', async () => {
    const { knex } = harness.platform.database;
    const remove = async (flightId: string) => {
      await knex('flight_seals').where({ flight_id: flightId }).delete();
      for (const table of ['telemetry', 'violations', 'alerts']) await knex(table).where({ flight_id: flightId }).delete();
      await knex('flights').where({ id: flightId }).delete();
    };
    const chain = await knex('flight_seals').where({ chain: kasungu.id }).orderBy('sequence').select('flight_id', 'sequence');
    const middle = chain[1]!;
    const next = chain[2]!;
    await remove(middle.flight_id);
    const afterMiddle = await verifyCorridor();
    expect(afterMiddle.ok).toBe(false);
    expect(afterMiddle.problems).toEqual([{ flightId: next.flight_id, problem: `1 sealed flight(s) before it are missing (numbers ${middle.sequence}–${middle.sequence})` }]);
    const last = chain[chain.length - 1]!;
    await remove(last.flight_id);
    const afterLast = await verifyCorridor();
    expect(afterLast.problems).toContainEqual({ flightId: last.flight_id, problem: `the ledger saw ${last.sequence} sealed flights in this chain, the database holds ${chain[chain.length - 2]!.sequence}: the last were removed` });
  });
});
