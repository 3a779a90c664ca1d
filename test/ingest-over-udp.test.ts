/**
 * Hand-driven MAVLink over real loopback UDP into the real platform, on each database:
 * an unregistered system id is shown and alerted (never merged), garbage datagrams are
 * counted and dropped while valid traffic all arrives, a silent link is marked lost and
 * regained, and the server answers as a ground station.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView, Page, VehicleView } from '../server/contracts/index.ts';
import { eventually, startHarness, type PlatformHarness, type RecordedEvent } from './support/platform-harness.ts';
import { MavlinkSender } from './support/mavlink-sender.ts';
import { databaseKinds } from './support/test-database.ts';


describe.each(databaseKinds())('ingest over UDP on the %s database', (kind) => {
  let harness: PlatformHarness;
  let events: RecordedEvent[];
  const senders: MavlinkSender[] = [];

  beforeAll(async () => {
    harness = await startHarness(kind, { HEARTBEAT_TIMEOUT_MS: '1500' });
    ({ events } = await harness.connectClient());
  });
  afterAll(async () => {
    senders.forEach((sender) => sender.close());
    await harness?.stop();
  });

  it('shows an unknown system id as unregistered, alerts it once, and stores its flight', async () => {
    const stranger = new MavlinkSender(harness.udpPort, 99);
    senders.push(stranger);
    await stranger.heartbeat({ armed: true });
    for (let i = 0; i < 5; i += 1) await stranger.position(33.40 + i * 0.001, -13.06, 50, 1050, i * 250);
    const vehicle = await eventually(async () => {
      const page = await harness.api.getJson<Page<VehicleView>>(`/api/vehicles`);
      return page.items.find((item) => item.systemId === 99 && item.position?.lon === 33.404);
    }, 'the unregistered vehicle with its last position');
    expect(vehicle).toMatchObject({ isRegistered: false, aircraftId: null, callsign: 'SYSID 99', isArmed: true, fenceStatus: 'nominal' });
    expect(vehicle.id).toBe(`${harness.platform.links[0]!.id}:99:1`);
    const corridors = await harness.api.getJson<{ items: Array<{ id: string; slug: string }> }>(`/api/corridors`);
    expect(vehicle.corridorId).toBe(corridors.items.find((corridor) => corridor.slug === 'malawi-kasungu')!.id);

    await harness.platform.writeQueue.flush();
    const alerts = await harness.api.getJson<Page<AlertView>>(`/api/alerts`);
    const unregistered = alerts.items.filter((alert) => alert.kind === 'unregistered-aircraft' && alert.systemId === 99);
    expect(unregistered).toHaveLength(1);
    expect(events.some((event) => event.name === 'alert:raised' && event.payload.kind === 'unregistered-aircraft')).toBe(true);

    const { knex } = harness.platform.database;
    const flight = await knex('flights').where({ vehicle_id: vehicle.id }).first();
    // Armed (flight opened) before its first position: the flight still gets its corridor.
    expect(flight).toMatchObject({ system_id: 99, aircraft_id: null, corridor_id: vehicle.corridorId });
    const rows = await knex('telemetry').where({ flight_id: flight.id }).select(knex.raw('ST_X(position) as lon'), 'altitude_relative_m');
    expect(rows.map((row) => Number(row.lon))).toEqual([33.4, 33.401, 33.402, 33.403, 33.404]);
  });

  it('matches a registered system id to its aircraft and partner', async () => {
    const registered = new MavlinkSender(harness.udpPort, 21);
    senders.push(registered);
    await registered.heartbeat({ armed: false });
    await registered.position(169.05, -18.81, 0, 10);
    const vehicle = await eventually(async () => {
      const page = await harness.api.getJson<Page<VehicleView>>(`/api/vehicles`);
      return page.items.find((item) => item.systemId === 21 && item.position);
    }, 'the registered vehicle');
    expect(vehicle).toMatchObject({ isRegistered: true, callsign: 'ERR-1', organisationName: 'Pacific Island Mapping (demo)' });
  });

  it('counts and drops garbage datagrams while every valid position from another sender arrives', async () => {
    const noisy = new MavlinkSender(harness.udpPort, 98);
    const clean = new MavlinkSender(harness.udpPort, 97);
    senders.push(noisy, clean);
    await clean.heartbeat({ armed: true });
    const before = harness.platform.ingest.listVehicles().length;
    for (let i = 0; i < 50; i += 1) {
      await noisy.sendBytes(Buffer.from([0xfd, 0x09, 0x00, 0x00, i, 98, 1, 0, 0, 0, 1, 2, 3, 4, 5]));
      await noisy.sendBytes(Buffer.alloc(1400, i));
      await clean.position(33.45, -12.95 + i * 0.0001, 80, 1050, i * 100);
    }
    const lastLat = Number((-12.95 + 49 * 0.0001).toFixed(7));
    await eventually(() => harness.platform.ingest.listVehicles().find((item) => item.systemId === 97 && item.position?.lat === lastLat), 'the last clean position');
    await harness.platform.writeQueue.flush();
    const { knex } = harness.platform.database;
    const [{ n }] = await knex('telemetry').join('flights', 'flights.id', 'telemetry.flight_id').where('flights.system_id', 97).select(knex.raw('count(*)::int as n'));
    expect(n).toBe(50);
    expect(harness.platform.ingest.listVehicles().filter((item) => item.systemId === 98)).toHaveLength(0);
    expect(harness.platform.ingest.listVehicles().length).toBe(before + 1);
  });

  it('marks a silent link lost, alerts once, and marks it regained on the next heartbeat', async () => {
    const quiet = new MavlinkSender(harness.udpPort, 96);
    senders.push(quiet);
    await quiet.heartbeat({ armed: true });
    await quiet.position(33.5, -13.1, 60);
    const lost = await eventually(() => events.find((event) => event.name === 'vehicle:link' && event.payload.systemId === 96 && event.payload.linkState === 'lost'), 'link lost', 10_000);
    expect(lost.payload).toMatchObject({ linkState: 'lost', position: { lon: 33.5, lat: -13.1 } });
    await quiet.heartbeat({ armed: true });
    await eventually(() => events.find((event) => event.name === 'vehicle:link' && event.payload.systemId === 96 && event.payload.linkState === 'connected'), 'link regained');
    expect(events.filter((event) => event.name === 'alert:raised' && event.payload.systemId === 96 && event.payload.kind === 'link-lost')).toHaveLength(1);
  });

  it('raises a critical alert for an aircraft flying outside every corridor', async () => {
    const lost = new MavlinkSender(harness.udpPort, 95);
    senders.push(lost);
    await lost.heartbeat({ armed: true });
    await lost.position(149.165, -35.363, 80, 580); // near Canberra: no corridor there
    const alert = await eventually(
      () => events.find((event): event is Extract<RecordedEvent, { name: 'alert:raised' }> => event.name === 'alert:raised' && event.payload.systemId === 95 && event.payload.kind === 'outside-corridors'),
      'the outside-corridors alert',
    );
    expect(alert.payload).toMatchObject({ severity: 'critical', corridorId: null });
    expect(alert.payload.message).toContain('outside every corridor at -35.36300, 149.16500');
    const vehicle = harness.platform.ingest.listVehicles().find((item) => item.systemId === 95);
    expect(vehicle).toMatchObject({ fenceStatus: 'outside-corridors', corridorId: null });
  });

  it('answers each vehicle at its address with a GCS heartbeat and a stream request', async () => {
    const sender = senders[0]!;
    await eventually(() => sender.received.length >= 2, 'datagrams from the ground station', 5000);
    // MAVLink 2 frames from system 255, component 190: HEARTBEAT (0) and REQUEST_DATA_STREAM (66).
    const messageIds = sender.received.map((bytes) => bytes[7]! | (bytes[8]! << 8) | (bytes[9]! << 16));
    expect(sender.received.every((bytes) => bytes[0] === 0xfd && bytes[5] === 255 && bytes[6] === 190)).toBe(true);
    expect(messageIds).toContain(0);
    expect(messageIds).toContain(66);
  });
});
