/**
 * Zone maintenance with versions on the real platform, on each database: zones created from a
 * GeoJSON and an ED-269 document (small realistic documents in the Kasungu corridor); bad documents
 * refused with the problem and where, nothing stored; a change adds version 2 and keeps version 1
 * closed; two changes racing on one version, one wins; a new zone, a change and a retirement reach
 * the live fence check at once (hand-driven MAVLink over loopback UDP, alerts over Socket.IO); a
 * violation keeps pointing at the version that judged it; `?at=` answers with the zones of the
 * time; the GeoJSON export reads back through geofences' importer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonesFromGeoJson } from '../geofences/index.ts';
import type { AlertView, ApiError, Page, VehicleView, ViolationEvent, ZoneVersionView } from '../server/contracts/index.ts';
import { eventually, startHarness, type PlatformHarness, type RecordedEvent } from './support/platform-harness.ts';
import { MavlinkSender } from './support/mavlink-sender.ts';
import { databaseKinds } from './support/test-database.ts';

const KASUNGU = 'malawi-kasungu';

/** A square of ~1.1 km round a dam north-west of the aerodrome, and a school; [lon, lat]; illustrative. */
const damRing = [[33.395, -12.955], [33.405, -12.955], [33.405, -12.945], [33.395, -12.945], [33.395, -12.955]];
const geoJsonDocument = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature', id: 'kasungu-dam', geometry: { type: 'Polygon', coordinates: [damRing] },
      properties: { name: 'Kasungu dam (test)', kind: 'exclusion', restriction: 'conditional', altitudeMinM: 0, altitudeMaxM: 120, altitudeReference: 'AGL', marginM: 50 },
    },
    {
      type: 'Feature', id: 'chamwabvi-school', geometry: { type: 'Point', coordinates: [33.43, -12.98] },
      properties: {
        name: 'Chamwabvi school (test)', kind: 'exclusion', restriction: 'prohibited', radiusM: 250, altitudeMinM: 0, altitudeMaxM: 400,
        altitudeReference: 'AGL', marginM: 100, start: '2026-01-05T05:00:00Z', end: '2026-12-18T15:00:00Z',
      },
    },
  ],
};

/** As the civil aviation authority would publish them (ED-269 UASZone), with the fields the platform does not read. */
const ed269Document = {
  title: 'Kasungu geographical zones (test)',
  features: [
    {
      identifier: 'MWI-KGU-001', country: 'MWI', name: 'Kasungu prison (test)', type: 'COMMON', restriction: 'PROHIBITED', reason: ['SENSITIVE'],
      zoneAuthority: [{ name: 'Department of Civil Aviation, Malawi (test)', purpose: 'AUTHORIZATION', email: 'dca@example.org' }],
      applicability: [{ permanent: 'YES' }],
      geometry: [{
        uomDimensions: 'FT', lowerLimit: 0, lowerVerticalReference: 'AGL', upperLimit: 400, upperVerticalReference: 'AGL',
        horizontalProjection: { type: 'Circle', center: [33.49, -12.99], radius: 1640 },
      }],
    },
    {
      identifier: 'MWI-KGU-002', country: 'MWI', name: 'Game reserve edge (test)', type: 'COMMON', restriction: 'REQ_AUTHORISATION', reason: ['NATURE'],
      applicability: [{ startDateTime: '2026-06-01T00:00:00Z', endDateTime: '2026-10-31T23:59:59Z' }],
      geometry: [{
        uomDimensions: 'M', lowerLimit: 0, lowerVerticalReference: 'AGL', upperLimit: 150, upperVerticalReference: 'AGL',
        horizontalProjection: { type: 'Polygon', coordinates: [[[33.30, -12.90], [33.34, -12.90], [33.34, -12.87], [33.30, -12.87], [33.30, -12.90]]] },
      }],
    },
  ],
};

/** A zone put up by an operator where the test aircraft hovers. */
const POP_UP_CENTER: [number, number] = [33.52, -12.96];
const popUpZone = {
  name: 'Pop-up exclusion (test)', kind: 'exclusion', restriction: 'prohibited', circle: { center: POP_UP_CENTER, radiusM: 400 },
  altitudeMinM: 0, altitudeMaxM: 400, altitudeReference: 'AGL', marginM: 50,
};

describe.each(databaseKinds())('zone maintenance with versions on the %s database', (kind) => {
  let harness: PlatformHarness;
  let events: RecordedEvent[];
  const senders: MavlinkSender[] = [];
  const flights: Array<ReturnType<typeof setInterval>> = [];

  beforeAll(async () => {
    harness = await startHarness(kind, { BREACH_HOLD_MS: '300' });
    ({ events } = await harness.connectClient());
  });
  afterAll(async () => {
    flights.forEach((flight) => clearInterval(flight));
    senders.forEach((sender) => sender.close());
    await harness?.stop();
  });

  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await harness.api.fetch(`${path}`, {
      method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (response.status === 204 ? null : await response.json()) as T };
  };
  const zonesNow = async () => (await call<Page<ZoneVersionView>>('GET', `/api/corridors/${KASUNGU}/zones`)).body.items;
  const zoneRowCount = async () => Number((await harness.platform.database.knex('zones').count({ n: '*' }))[0]!.n);
  const eventsNamed = <N extends RecordedEvent['name']>(name: N) => events.filter((event): event is Extract<RecordedEvent, { name: N }> => event.name === name);

  /** An unregistered aircraft hovering at 80 m above home over `center`, a position every 100 ms. */
  async function hover(systemId: number, center: [number, number]): Promise<void> {
    const sender = new MavlinkSender(harness.udpPort, systemId);
    senders.push(sender);
    await sender.heartbeat({ armed: true });
    let bootMs = 0;
    flights.push(setInterval(() => void sender.position(center[0], center[1], 80, 1050, (bootMs += 100)), 100));
  }

  it('creates zones from a GeoJSON document, each as version 1 of its own zone', async () => {
    const created = await call<Page<ZoneVersionView>>('POST', `/api/corridors/${KASUNGU}/zones`, { format: 'geojson', document: geoJsonDocument });
    expect(created.status).toBe(201);
    const [dam, school] = created.body.items;
    expect(dam).toMatchObject({ name: 'Kasungu dam (test)', kind: 'exclusion', restriction: 'conditional', altitudeMaxM: 120, marginM: 50, version: 1, validToMs: null, circle: null });
    expect(dam!.lineageId).toBe(dam!.id);
    expect(dam!.note).toBe('Imported from GeoJSON zone "kasungu-dam"');
    expect(dam!.geometry).toEqual({ type: 'MultiPolygon', coordinates: [[damRing]] });
    expect(school).toMatchObject({ circle: { center: [33.43, -12.98], radiusM: 250 }, windowStartMs: Date.parse('2026-01-05T05:00:00Z'), windowEndMs: Date.parse('2026-12-18T15:00:00Z') });
    // Stored as the seeds store circles: a 64-gon on the geography.
    expect((school!.geometry as GeoJSON.MultiPolygon).coordinates[0]![0]).toHaveLength(65);
    expect((await zonesNow()).map((zone) => zone.id)).toEqual(expect.arrayContaining([dam!.id, school!.id]));
  });

  it('creates exclusion zones from an ED-269 document, feet converted to metres', async () => {
    const created = await call<Page<ZoneVersionView>>('POST', `/api/corridors/${KASUNGU}/zones`, { format: 'ed269', document: ed269Document, marginM: 100 });
    expect(created.status).toBe(201);
    const [prison, reserve] = created.body.items;
    expect(prison).toMatchObject({ name: 'Kasungu prison (test)', kind: 'exclusion', restriction: 'prohibited', altitudeMaxM: 121.92, marginM: 100, windowStartMs: null });
    expect(prison!.circle!.radiusM).toBeCloseTo(499.872, 3);
    expect(reserve).toMatchObject({ restriction: 'authorisation', altitudeMaxM: 150, windowStartMs: Date.parse('2026-06-01T00:00:00Z'), note: 'Imported from ED-269 zone "MWI-KGU-002"' });
  });

  it('refuses a bad document or zone with the problem and where it is, storing nothing', async () => {
    const before = await zoneRowCount();
    const post = (body: unknown) => call<ApiError>('POST', `/api/corridors/${KASUNGU}/zones`, body);

    // The dam is fine; the school was written [lat, lon], which lands in the Atlantic, far from Kasungu.
    const swappedSchool = { ...geoJsonDocument.features[1], geometry: { type: 'Point', coordinates: [-12.98, 33.43] } };
    const swapped = await post({ format: 'geojson', document: { ...geoJsonDocument, features: [geoJsonDocument.features[0], swappedSchool] } });
    expect(swapped.status).toBe(400);
    expect(swapped.body.error.message).toContain('GeoJSON zone "chamwabvi-school": does not overlap the corridor');
    expect(swapped.body.error.message).toMatch(/swapped.*\[lon, lat\]/);

    const unclosed = structuredClone(ed269Document);
    (unclosed.features[1]!.geometry[0]!.horizontalProjection as { coordinates: number[][][] }).coordinates[0]!.pop();
    const open = await post({ format: 'ed269', document: unclosed });
    expect(open.status).toBe(400);
    expect(open.body.error.message).toMatch(/^ED-269 document: 1 problem, nothing imported/);
    expect(open.body.error.message).toContain('features[1] ("MWI-KGU-002"): geometry[0].horizontalProjection.coordinates[0] is not closed');

    const inverted = await post({ zone: { ...popUpZone, altitudeMinM: 200, altitudeMaxM: 100 } });
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.message).toBe("Body field 'zone.altitudeMinM': minM 200 is above maxM 100; the band needs minM ≤ maxM");

    const unknown = await post({ zone: { ...popUpZone, altitudeMax: 100 } });
    expect(unknown.status).toBe(400);
    expect(await zoneRowCount()).toBe(before);
  });

  it('checks a new zone live at once: an aircraft already there breaches it on its next position', async () => {
    await hover(71, POP_UP_CENTER);
    await eventually(() => harness.platform.ingest.listVehicles().find((vehicle) => vehicle.systemId === 71 && vehicle.fenceStatus === 'nominal'), 'the aircraft nominal before the zone exists');
    const created = await call<Page<ZoneVersionView>>('POST', `/api/corridors/${KASUNGU}/zones`, { zone: popUpZone });
    expect(created.status).toBe(201);
    const zone = created.body.items[0]!;
    const alert = await eventually(() => eventsNamed('alert:raised').find((event) => event.payload.systemId === 71 && event.payload.kind === 'zone-breach'), 'the breach alert', 10_000);
    expect(alert.payload).toMatchObject<Partial<AlertView>>({ zoneId: zone.id, severity: 'critical' });
    expect(alert.payload.message).toContain('Pop-up exclusion (test)');
  });

  it('changes a zone as version 2, keeps version 1 closed, and the violation stays with version 1', async () => {
    const [v1] = (await zonesNow()).filter((zone) => zone.name === 'Pop-up exclusion (test)');
    const revised = await call<ZoneVersionView>('PUT', `/api/zones/${v1!.id}`, { name: 'Pop-up exclusion (test), widened', circle: { center: POP_UP_CENTER, radiusM: 600 } });
    expect(revised.status).toBe(200);
    const v2 = revised.body;
    expect(v2).toMatchObject({ lineageId: v1!.id, version: 2, validToMs: null, circle: { radiusM: 600 }, altitudeMaxM: 400, marginM: 50 });
    expect(v2.id).not.toBe(v1!.id);

    const versions = (await call<Page<ZoneVersionView>>('GET', `/api/zones/${v2.id}/versions`)).body.items;
    expect(versions.map((version) => [version.id, version.version])).toEqual([[v1!.id, 1], [v2.id, 2]]);
    expect(versions[0]).toMatchObject({ name: 'Pop-up exclusion (test)', circle: { radiusM: 400 }, validToMs: v2.validFromMs });

    // Still hovering inside: the version-1 breach ends (the zone left) and one of version 2 starts.
    const ended = await eventually(() => eventsNamed('violation:ended').find((event) => event.payload.zoneId === v1!.id), 'the version-1 violation ended', 10_000);
    await eventually(() => eventsNamed('violation:started').find((event) => event.payload.zoneId === v2.id), 'a version-2 violation', 10_000);
    await harness.platform.writeQueue.flush();
    const { knex } = harness.platform.database;
    const stored = await knex('violations').join('zones', 'zones.id', 'violations.zone_id').where('violations.id', (ended.payload as ViolationEvent).id)
      .first('zones.id as zone_id', 'zones.version', 'zones.valid_to', 'violations.zone_version', 'violations.ended_at');
    expect(stored).toMatchObject({ zone_id: v1!.id, version: 1, zone_version: 1 });
    expect(new Date(stored.valid_to).getTime()).toBe(v2.validFromMs);
    expect(stored.ended_at).not.toBeNull();
  });

  it('answers with the zones in force at a past time', async () => {
    const [v1, v2] = (await call<Page<ZoneVersionView>>('GET', `/api/zones/${(await zonesNow()).find((zone) => zone.version === 2)!.id}/versions`)).body.items;
    const ids = async (at: number) => (await call<Page<ZoneVersionView>>('GET', `/api/corridors/${KASUNGU}/zones?at=${new Date(at).toISOString()}`)).body.items.map((zone) => zone.id);
    const between = await ids(Math.floor((v1!.validFromMs + v2!.validFromMs) / 2));
    expect(between).toContain(v1!.id);
    expect(between).not.toContain(v2!.id);
    expect(await ids(v1!.validFromMs - 1)).not.toContain(v1!.id);
    const now = await ids(Date.now());
    expect(now).toContain(v2!.id);
    expect(now).not.toContain(v1!.id);
    expect((await call<ApiError>('GET', `/api/corridors/${KASUNGU}/zones?at=yesterday`)).status).toBe(400);
  });

  it('lets exactly one of two changes racing on the same version win; the other is told the winner', async () => {
    const created = await call<Page<ZoneVersionView>>('POST', `/api/corridors/${KASUNGU}/zones`, { zone: { ...popUpZone, name: 'Contested (test)', circle: { center: [33.55, -12.90], radiusM: 300 } } });
    const id = created.body.items[0]!.id;
    const answers = await Promise.all([200, 250].map((altitudeMaxM) => call<ZoneVersionView & ApiError>('PUT', `/api/zones/${id}`, { altitudeMaxM })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const winner = answers.find((answer) => answer.status === 200)!.body;
    const loser = answers.find((answer) => answer.status === 409)!.body;
    expect(loser.error.details).toEqual({ currentId: winner.id, currentVersion: 2 });
    expect(loser.error.message).toContain(`version 2 ('${winner.id}')`);
    // More at once, so some surely overlap inside the database: still one winner, every other told which.
    const crowd = await Promise.all([210, 220, 230, 240, 260, 270].map((altitudeMaxM) => call<ZoneVersionView & ApiError>('PUT', `/api/zones/${winner.id}`, { altitudeMaxM })));
    const crowdWinner = crowd.find((answer) => answer.status === 200)!.body;
    expect(crowd.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    for (const answer of crowd.filter((item) => item.status === 409)) expect(answer.body.error.details).toEqual({ currentId: crowdWinner.id, currentVersion: 3 });
    expect((await call<Page<ZoneVersionView>>('GET', `/api/zones/${id}/versions`)).body.items).toHaveLength(3);
    // A change to the old version afterwards is refused the same way.
    expect((await call<ApiError>('PUT', `/api/zones/${id}`, { marginM: 10 })).status).toBe(409);
  });

  it('retires a zone: out of force at once, kept in its history', async () => {
    const current = (await zonesNow()).find((zone) => zone.name === 'Pop-up exclusion (test), widened')!;
    expect((await call('DELETE', `/api/zones/${current.id}`)).status).toBe(204);
    await eventually(() => eventsNamed('violation:ended').find((event) => event.payload.zoneId === current.id), 'the version-2 violation ended', 10_000);
    await eventually(async () => {
      const vehicle = (await call<Page<VehicleView>>('GET', '/api/vehicles')).body.items.find((item) => item.systemId === 71);
      return vehicle?.fenceStatus === 'nominal';
    }, 'the aircraft nominal again');
    expect((await zonesNow()).map((zone) => zone.id)).not.toContain(current.id);
    const versions = (await call<Page<ZoneVersionView>>('GET', `/api/zones/${current.lineageId}/versions`)).body.items;
    expect(versions.map((version) => version.validToMs !== null)).toEqual([true, true]);
    expect((await call<ApiError>('DELETE', `/api/zones/${current.id}`)).body.error.message).toMatch(/was retired at/);
    expect((await call('GET', '/api/zones/00000000-0000-4000-8000-000000000000/versions')).status).toBe(404);
  });

  it('exports the zones as GeoJSON that the GeoJSON importer reads back', async () => {
    const response = await harness.api.fetch(`/api/corridors/${KASUNGU}/zones.geojson`);
    expect(response.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const read = zonesFromGeoJson(await response.json());
    const zones = await zonesNow();
    expect(read.map((zone) => zone.id)).toEqual(zones.map((zone) => zone.id));
    for (const [index, zone] of zones.entries()) {
      const back = read[index]!;
      expect(back).toMatchObject({ name: zone.name, kind: zone.kind, restriction: zone.restriction, marginM: zone.marginM, version: zone.version });
      expect(back.band).toEqual({ minM: zone.altitudeMinM, maxM: zone.altitudeMaxM, reference: zone.altitudeReference });
      expect(back.shape).toEqual(zone.circle ? { type: 'circle', ...zone.circle } : { type: 'polygon', polygon: zone.geometry });
      expect(back.timeWindow ?? null).toEqual(zone.windowStartMs === null && zone.windowEndMs === null ? null : { startMs: zone.windowStartMs ?? -Infinity, endMs: zone.windowEndMs ?? Infinity });
    }
    expect(read.find((zone) => zone.name === 'Kasungu town centre')?.shape).toMatchObject({ type: 'circle', radiusM: 1200 });
  });
});
