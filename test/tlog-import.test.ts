/**
 * Importing a real ground-station .tlog (ArduPlane SITL, 23,894 packets) through the HTTP API
 * into the same pipeline as live traffic, on each database; the flight's raw log can be
 * downloaded again and re-read; bad uploads get a 400 naming the problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTlog } from '../protocol/index.ts';
import type { AlertView, FlightView, Page, TelemetrySampleView, TlogImportView } from '../server/contracts/index.ts';
import { startHarness, type PlatformHarness, type RecordedEvent } from './support/platform-harness.ts';
import { databaseKinds } from './support/test-database.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../shared/fixtures/arduplane-sitl-vtol.tlog');

describe.each(databaseKinds())('.tlog import on the %s database', (kind) => {
  let harness: PlatformHarness;
  let events: RecordedEvent[];
  let imported: TlogImportView;

  beforeAll(async () => {
    harness = await startHarness(kind);
    ({ events } = await harness.connectClient());
  });
  afterAll(async () => harness?.stop());

  const post = (body: Buffer, query = '') =>
    harness.api.fetch(`/api/flights/import${query}`, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': 'application/octet-stream' } });

  it('imports every packet of a ground-station log as fast as possible, silently', async () => {
    const response = await post(fs.readFileSync(FIXTURE), '?name=arduplane-sitl-vtol.tlog');
    expect(response.status).toBe(201);
    imported = await response.json();
    expect(imported.statistics).toMatchObject({ packets: 23_894, badCrc: 0, unknownMessages: 0 });
    expect(imported.positions).toBe(807);
    expect(imported.flightIds.length).toBeGreaterThanOrEqual(1);
    // Recorded time, not import time: the log spans about 208 s.
    expect((imported.lastAtMs! - imported.firstAtMs!) / 1000).toBeCloseTo(207.6, 0);
    // (The storage alarms a staff socket is sent on connecting are not the import's.)
    expect(events.filter((event) => event.name !== 'platform:alarms' && (event.name !== 'vehicle:telemetry' || event.payload.linkId.startsWith('tlog-')))).toEqual([]);
  });

  it('stores the imported flights with their telemetry at recorded times, judged against the corridors', async () => {
    const flights = await Promise.all(imported.flightIds.map(async (id) => (await harness.api.fetch(`/api/flights/${id}`)).json() as Promise<FlightView>));
    for (const flight of flights) {
      expect(flight).toMatchObject({ source: 'import', sourceName: 'arduplane-sitl-vtol.tlog', systemId: 1, corridorId: null });
      expect(flight.endedAtMs).not.toBeNull();
      expect(flight.startedAtMs).toBeGreaterThanOrEqual(imported.firstAtMs!);
      expect(flight.endedAtMs!).toBeLessThanOrEqual(imported.lastAtMs!);
    }
    const first = flights[0]!;
    const page = await (await harness.api.fetch(`/api/flights/${first.id}/telemetry?limit=500`)).json() as Page<TelemetrySampleView>;
    expect(page.items.length).toBeGreaterThan(10);
    // SITL's default home is near Canberra, far from every corridor: judged, and said so.
    expect(page.items.every((sample) => sample.fenceStatus === 'outside-corridors' && sample.lon > 149 && sample.lon < 149.3)).toBe(true);
    const alerts = await (await harness.api.fetch(`/api/alerts?limit=100`)).json() as Page<AlertView>;
    expect(alerts.items.filter((alert) => alert.kind === 'outside-corridors' && alert.vehicleId.startsWith('tlog-'))).toHaveLength(1);
  });

  it('gives back each imported flight as a .tlog whose packets re-read identically', async () => {
    const original = [...readTlog(fs.readFileSync(FIXTURE))];
    let exported = 0;
    for (const id of imported.flightIds) {
      const response = await harness.api.fetch(`/api/flights/${id}/export.tlog`);
      expect(response.status).toBe(200);
      const entries = [...readTlog(Buffer.from(await response.arrayBuffer()))];
      const start = original.findIndex((entry) => entry.frame.raw.equals(entries[0]!.frame.raw) && entry.timestampUs === entries[0]!.timestampUs);
      expect(start).toBeGreaterThanOrEqual(0);
      entries.forEach((entry, index) => {
        expect(entry.frame.raw.equals(original[start + index]!.frame.raw)).toBe(true);
        expect(entry.timestampUs).toBe(original[start + index]!.timestampUs);
      });
      exported += entries.length;
    }
    expect(exported).toBeGreaterThan(1000);
  });

  it('replays at a multiple of recorded speed, shown live like a link', async () => {
    const bytes = fs.readFileSync(FIXTURE);
    const startedAtMs = Date.now();
    const response = await post(bytes, '?name=replay.tlog&speed=50');
    expect(response.status).toBe(201);
    const replay = (await response.json()) as TlogImportView;
    // 207.6 s of recording at 50× takes about 4.2 s; it cannot finish sooner than the recording allows.
    expect(Date.now() - startedAtMs).toBeGreaterThanOrEqual(((replay.lastAtMs! - replay.firstAtMs!) / 50) * 0.95);
    const live = events.filter((event) => event.name === 'vehicle:telemetry' && event.payload.linkId === 'tlog-replay.tlog');
    // Pages get each aircraft at most LIVE_TELEMETRY_HZ (2) a second: about 8 moving positions over the ~4.2 s replay.
    const positions = new Set(live.map((event) => (event.name === 'vehicle:telemetry' ? `${event.payload.position?.lon},${event.payload.position?.lat}` : '')));
    expect(live.length).toBeGreaterThanOrEqual(5);
    expect(positions.size).toBeGreaterThanOrEqual(5);
  });

  it('refuses bad uploads with a 400 that says what was wrong, and stores nothing for them', async () => {
    const before = (await (await harness.api.fetch(`/api/flights?limit=500`)).json() as Page<FlightView>).items.length;
    const empty = await post(Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toContain('application/octet-stream');
    const badSpeed = await post(Buffer.from([1, 2, 3]), '?speed=fast');
    expect(badSpeed.status).toBe(400);
    expect((await badSpeed.json()).error.message).toContain("'speed'");
    const garbage = await post(Buffer.alloc(4096, 0x55), '?name=noise.tlog');
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).error.message).toBe("'noise.tlog' holds no MAVLink packets");
    const after = (await (await harness.api.fetch(`/api/flights?limit=500`)).json() as Page<FlightView>).items.length;
    expect(after).toBe(before);
    const missing = await harness.api.fetch(`/api/flights/00000000-0000-0000-0000-000000000000/export.tlog`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });
});
