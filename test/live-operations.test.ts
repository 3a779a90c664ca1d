/**
 * The server side of the live operations map, on each database, over real MAVLink/UDP and Socket.IO:
 * positions reach pages at most LIVE_TELEMETRY_HZ per aircraft while alerts go out at once; trails
 * survive a page reload (served from the server); an operator acknowledges an alert with a comment
 * — stored, audited, sent live to those who may see it — and a page catching up asks for alerts since.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView, AuditEntryView, MapConfigView, Page, TrailView } from '../server/contracts/index.ts';
import { MavlinkSender } from './support/mavlink-sender.ts';
import { eventually, startHarness, type PlatformHarness, type RecordedEvent } from './support/platform-harness.ts';
import { databaseKinds } from './support/test-database.ts';

describe.each(databaseKinds())('live operations on the %s database', (kind) => {
  let harness: PlatformHarness;
  let operatorEvents: RecordedEvent[];
  let partnerEvents: RecordedEvent[];
  const sender = { current: null as MavlinkSender | null };

  beforeAll(async () => {
    harness = await startHarness(kind, { LIVE_TELEMETRY_HZ: '2', MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' });
    ({ events: operatorEvents } = await harness.connectClient());
    ({ events: partnerEvents } = await harness.connectClient(await harness.signIn('pacificPartner')));
    // An unregistered aircraft in Kasungu at 10 Hz for 3 s: alerted at once as unregistered.
    sender.current = new MavlinkSender(harness.udpPort, 77);
    await sender.current.heartbeat({ armed: true });
    for (let i = 0; i < 30; i += 1) {
      await sender.current.position(33.40 + i * 0.0001, -13.06, 40, 1050, i * 100);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await harness.platform.writeQueue.flush();
  });
  afterAll(async () => {
    sender.current?.close();
    await harness?.stop();
  });

  it('sends each aircraft’s positions to pages at most twice a second, and its alert at once', async () => {
    const isLatest = (event: RecordedEvent) => event.name === 'vehicle:telemetry' && Math.abs(event.payload.position!.lon - 33.4029) < 1e-6;
    await eventually(() => operatorEvents.some((event) => event.name === 'vehicle:telemetry' && event.payload.systemId === 77 && isLatest(event)), 'the latest position (held back, never dropped)');
    const positions = operatorEvents.filter((event) => event.name === 'vehicle:telemetry' && event.payload.systemId === 77);
    const spanS = (positions[positions.length - 1]!.atMs - positions[0]!.atMs) / 1000;
    expect(positions.length).toBeGreaterThanOrEqual(4);
    expect(positions.length).toBeLessThanOrEqual(Math.ceil(spanS * 2) + 2); // 30 sent in 3 s
    const alert = operatorEvents.find((event) => event.name === 'alert:raised' && event.payload.systemId === 77)!;
    expect(alert.atMs - positions[0]!.atMs).toBeLessThan(1000);
    expect(partnerEvents.some((event) => 'systemId' in event.payload && event.payload.systemId === 77)).toBe(false);
  });

  it('keeps the trail on the server, for a page that reloads', async () => {
    const trails = await harness.api.getJson<Page<TrailView>>('/api/vehicles/trails?minutes=5');
    const trail = trails.items.find((item) => item.vehicleId.endsWith(':77:1'))!;
    expect(trail.points.length).toBeGreaterThanOrEqual(3); // about one a second over 3 s
    expect(trail.points.length).toBeLessThanOrEqual(5);
    expect(trail.points[0]![0]).toBeCloseTo(33.40, 3);
    const partner = await harness.signIn('pacificPartner');
    expect((await partner.getJson<Page<TrailView>>('/api/vehicles/trails')).items.some((item) => item.vehicleId.endsWith(':77:1'))).toBe(false);
    expect(await harness.api.getJson<MapConfigView>('/api/map-config')).toEqual({ tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png', tileAttribution: null });
  });

  it('lets an operator acknowledge an alert with a comment: stored, audited, sent live, and only once', async () => {
    const sinceMs = Date.now() - 60_000;
    const alerts = (await harness.api.getJson<Page<AlertView>>(`/api/alerts?unacknowledged=true&since=${new Date(sinceMs).toISOString()}`)).items;
    const alert = alerts.find((item) => item.systemId === 77 && item.kind === 'unregistered-aircraft')!;
    expect(alert.acknowledgedAtMs).toBeNull();
    const regulator = await harness.signIn('regulator');
    expect((await regulator.fetch(`/api/alerts/${alert.id}/ack`, { method: 'POST', json: { comment: 'seen' } })).status).toBe(403);
    expect((await harness.api.fetch(`/api/alerts/${alert.id}/ack`, { method: 'POST', json: {} })).status).toBe(400);
    const acked = await harness.api.fetch(`/api/alerts/${alert.id}/ack`, { method: 'POST', json: { comment: 'Called the pilot; landing now' } });
    expect(acked.status).toBe(200);
    expect(await acked.json()).toMatchObject({ id: alert.id, acknowledgedBy: 'operator@corridor.demo', acknowledgementComment: 'Called the pilot; landing now' });
    const again = await harness.api.fetch(`/api/alerts/${alert.id}/ack`, { method: 'POST', json: { comment: 'me too' } });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/^Already acknowledged by operator@corridor\.demo at /);
    await eventually(() => operatorEvents.some((event) => event.name === 'alert:acknowledged' && event.payload.id === alert.id), 'alert:acknowledged live');
    expect(partnerEvents.some((event) => event.name === 'alert:acknowledged')).toBe(false);
    const stored = (await harness.api.getJson<Page<AlertView>>('/api/alerts?limit=500')).items.find((item) => item.id === alert.id)!;
    expect(stored.acknowledgedAtMs).toBeGreaterThan(alert.raisedAtMs);
    expect((await harness.api.getJson<Page<AlertView>>('/api/alerts?unacknowledged=true&limit=500')).items.some((item) => item.id === alert.id)).toBe(false);
    const [entry] = (await regulator.getJson<Page<AuditEntryView>>(`/api/audit?action=alert.acknowledge&resourceId=${alert.id}`)).items;
    expect(entry).toMatchObject({ actor: 'operator@corridor.demo', after: { acknowledgementComment: 'Called the pilot; landing now' } });
  });
});
