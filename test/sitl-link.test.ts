/**
 * The ingester as a ground station against SITL-like aircraft over real sockets (embedded
 * database; these exercise the MAVLink side, which does not depend on the database):
 * - TCP client to a simulated aircraft's SITL port: streams arrive only after the server asks,
 *   link loss and return are seen, and an RTL command is acknowledged and obeyed;
 * - UDP: an aircraft registered with a signing key has its unsigned packets rejected and alerted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResultView, LinkView, Page, VehicleView } from '../server/contracts/index.ts';
import { Fleet, scenarioFleet } from '../simulator/index.ts';
import { eventually, startHarness, type PlatformHarness, type RecordedEvent } from './support/platform-harness.ts';


describe('a SITL-like aircraft over TCP (tcp:127.0.0.1:PORT, as ground stations connect to SITL on 5760)', () => {
  let fleet: Fleet;
  let harness: PlatformHarness;
  let events: RecordedEvent[];
  let vehicleId: string;
  const postJson = (path: string, body: unknown) => harness.api.fetch(path, { method: 'POST', json: body });

  beforeAll(async () => {
    // KAS-1 with a 10 s link outage at 60 s (simulated), flown at 4× so the outage comes after 15 s.
    fleet = new Fleet(scenarioFleet('link-loss'), { out: null, tcpBasePort: 0, timeScale: 4 });
    const { tcpPorts } = await fleet.start();
    harness = await startHarness('embedded', { MAVLINK_LINKS: `tcp:127.0.0.1:${tcpPorts[0]}`, HEARTBEAT_TIMEOUT_MS: '1200' });
    ({ events } = await harness.connectClient());
  });
  afterAll(async () => {
    await harness?.stop();
    await fleet?.stop();
  });

  it('connects, asks for streams, and gets position, GPS, battery and attitude from a listen-only aircraft', async () => {
    const vehicle = await eventually(async () => {
      const page = await harness.api.getJson<Page<VehicleView>>(`/api/vehicles`);
      return page.items.find((item) => item.callsign === 'KAS-1' && item.position && item.gps && item.battery && item.attitude);
    }, 'KAS-1 with position, GPS, battery and attitude');
    vehicleId = vehicle.id;
    expect(vehicle.linkId).toMatch(/^tcp-127\.0\.0\.1-\d+$/);
    expect(vehicle.gps!.satellites).toBeGreaterThan(5);
    expect(vehicle.linkQualityPct).toBe(100);
    const links = await harness.api.getJson<Page<LinkView>>(`/api/links`);
    expect(links.items[0]).toMatchObject({ kind: 'tcp', statistics: { badCrc: 0 } });
    expect(links.items[0]!.statistics.packets).toBeGreaterThan(10);
  });

  it('sees the link lost during the outage and regained after it, keeping the last position', async () => {
    const lost = await eventually(() => events.find((event) => event.name === 'vehicle:link' && event.payload.linkState === 'lost'), 'link lost', 40_000);
    expect((lost.payload as VehicleView).position).not.toBeNull();
    await eventually(() => events.find((event) => event.name === 'vehicle:link' && event.payload.linkState === 'connected'), 'link regained', 20_000);
  });

  it('sends RTL and reports the COMMAND_ACK; the aircraft switches to RTL', async () => {
    const response = await postJson(`/api/vehicles/${encodeURIComponent(vehicleId)}/commands`, { command: 'rtl' });
    expect(response.status).toBe(200);
    const result = (await response.json()) as CommandResultView;
    expect(result).toMatchObject({ command: 'rtl', result: 'ACCEPTED', resultCode: 0 });
    expect(result.ackAtMs).toBeGreaterThanOrEqual(result.sentAtMs);
    await eventually(async () => (await harness.api.getJson<VehicleView>(`/api/vehicles/${encodeURIComponent(vehicleId)}`)).flightMode === 'RTL', 'RTL mode');
  });

  it('refuses bad commands with a clear 4xx', async () => {
    const unknown = await postJson(`/api/vehicles/${encodeURIComponent(vehicleId)}/commands`, { command: 'self-destruct' });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toContain("'command'");
    const nobody = await postJson(`/api/vehicles/nobody/commands`, { command: 'rtl' });
    expect(nobody.status).toBe(404);
  });
});

describe('an aircraft registered with a MAVLink 2 signing key, over UDP', () => {
  let fleet: Fleet;
  let harness: PlatformHarness;
  let events: RecordedEvent[];

  beforeAll(async () => {
    harness = await startHarness('embedded');
    ({ events } = await harness.connectClient());
    // KAS-3 signs its packets, then sends unsigned ones after 20 s (simulated) = 5 s here.
    fleet = new Fleet(scenarioFleet('unsigned-from-signed'), { out: `udp:127.0.0.1:${harness.udpPort}`, tcpBasePort: null, timeScale: 4 });
    await fleet.start();
  });
  afterAll(async () => {
    await fleet?.stop();
    await harness?.stop();
  });

  it('accepts its signed packets, then rejects and alerts the unsigned ones', async () => {
    const signed = await eventually(() => events.find((event) => event.name === 'vehicle:telemetry' && event.payload.callsign === 'KAS-3'), 'signed telemetry from KAS-3');
    expect((signed.payload as VehicleView).isRegistered).toBe(true);
    const alert = await eventually(
      () => events.find((event): event is Extract<RecordedEvent, { name: 'alert:raised' }> => event.name === 'alert:raised' && event.payload.kind === 'signature-rejected'),
      'the signature alert',
      30_000,
    );
    expect(alert.payload).toMatchObject({ severity: 'critical', systemId: 13 });
    expect(alert.payload.message).toBe('KAS-3 is registered with a MAVLink 2 signing key: an unsigned packet from its system id was rejected');
    const lastAccepted = (await harness.api.getJson<Page<VehicleView>>(`/api/vehicles`)).items.find((item) => item.callsign === 'KAS-3')!;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const later = (await harness.api.getJson<Page<VehicleView>>(`/api/vehicles`)).items.find((item) => item.callsign === 'KAS-3')!;
    expect(later.lastPositionAtMs).toBe(lastAccepted.lastPositionAtMs);
    expect(later.link!.rejectedPackets).toBeGreaterThan(lastAccepted.link!.rejectedPackets);
    expect(events.filter((event) => event.name === 'alert:raised' && event.payload.kind === 'signature-rejected')).toHaveLength(1);
  });
});
