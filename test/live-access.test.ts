/**
 * Live events reach exactly the clients allowed to see them, over real Socket.IO and real MAVLink/UDP,
 * on each database: every server event kind (LIVE_EVENT_AUDIENCE) is produced for aircraft of two
 * partners, an unregistered aircraft in a corridor and one outside every corridor, and each client —
 * admin, Kasungu operator, Kasungu regulator, each partner (by session and by API token) — must
 * receive those about the aircraft it may see and nothing else; the platform's storage alarms reach
 * staff only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView, ApiTokenView, CorridorView, OrganisationView, Page } from '../server/contracts/index.ts';
import { LIVE_EVENT_AUDIENCE } from '../server/realtime/live-socket.ts';
import { MavlinkSender } from './support/mavlink-sender.ts';
import { eventually, startHarness, type PlatformHarness, type RecordedEvent } from './support/platform-harness.ts';
import { databaseKinds } from './support/test-database.ts';

type Client = 'admin' | 'kasunguOperator' | 'kasunguRegulator' | 'partner' | 'partnerToken' | 'otherPartner';

// sysid 11: KAS-1 (Kasungu Health Drones) in Kasungu; 21: ERR-1 (Pacific Island Mapping) in Erromango;
// 99: unregistered, in Kasungu; 98: unregistered, outside every corridor.
const FLIGHTS = [
  { systemId: 11, at: [33.43, -13.06], homeMslM: 1050 },
  { systemId: 21, at: [169.05, -18.81], homeMslM: 10 },
  { systemId: 99, at: [33.40, -13.10], homeMslM: 1050 },
  { systemId: 98, at: [30.0, -10.0], homeMslM: 1200 },
] as const;

/** What each client may see, by system id (the expectation, written independently of the server's rule). */
const VISIBLE: Record<Client, number[]> = {
  admin: [11, 21, 99, 98],
  kasunguOperator: [11, 99, 98],
  kasunguRegulator: [11, 99, 98],
  partner: [11],
  partnerToken: [11],
  otherPartner: [21],
};

/** Who is sent the platform's storage alarms (platform:alarms). */
const STAFF: readonly Client[] = ['admin', 'kasunguOperator', 'kasunguRegulator'];

const KHD = 'Kasungu Health Drones (demo)';
const PIM = 'Pacific Island Mapping (demo)';
const BOOKINGS_SEEN: Record<Client, string[]> = {
  admin: [KHD, PIM], kasunguOperator: [KHD], kasunguRegulator: [KHD], partner: [KHD], partnerToken: [KHD], otherPartner: [PIM],
};

const systemIdOf = (event: RecordedEvent): number =>
  'systemId' in event.payload ? event.payload.systemId : 'vehicleId' in event.payload ? Number(event.payload.vehicleId.split(':')[1]) : NaN;

describe.each(databaseKinds())('live events by role on the %s database', (kind) => {
  let harness: PlatformHarness;
  const received = new Map<Client, RecordedEvent[]>();
  const senders: MavlinkSender[] = [];

  beforeAll(async () => {
    harness = await startHarness(kind, { HEARTBEAT_TIMEOUT_MS: '1500', BREACH_HOLD_MS: '600', LIVE_TELEMETRY_HZ: '50' });
    const admin = await harness.signIn('admin');
    const corridors = (await admin.getJson<Page<CorridorView>>('/api/corridors')).items;
    const kasungu = corridors.find((corridor) => corridor.slug === 'malawi-kasungu')!;
    const erromango = corridors.find((corridor) => corridor.slug === 'vanuatu-erromango')!;
    const organisation = (await admin.getJson<Page<OrganisationView>>('/api/organisations')).items.find((item) => item.name.startsWith('Kasungu Health'))!;
    const signInNew = async (role: 'operator' | 'regulator') => {
      const email = `live.${role}.${kind}@test.example`;
      await admin.fetch('/api/users', { method: 'POST', json: { email, displayName: email, password: 'correct horse battery', grants: [{ role, corridorId: kasungu.id }] } });
      return harness.signIn({ email, password: 'correct horse battery' });
    };
    const partner = await harness.signIn('kasunguPartner');
    const token = (await (await partner.fetch('/api/tokens', { method: 'POST', json: { name: 'live', grant: { role: 'partner', organisationId: organisation.id } } })).json()) as ApiTokenView;
    const kasunguOperator = await signInNew('operator');
    const otherPartner = await harness.signIn('pacificPartner');
    const connections: Record<Client, Parameters<PlatformHarness['connectClient']>[0]> = {
      admin,
      kasunguOperator,
      kasunguRegulator: await signInNew('regulator'),
      partner,
      partnerToken: { token: token.secret! },
      otherPartner,
    };
    for (const [client, credentials] of Object.entries(connections) as Array<[Client, Parameters<PlatformHarness['connectClient']>[0]]>) {
      received.set(client, (await harness.connectClient(credentials)).events);
    }
    // An exclusion zone under each partner's aircraft, so each flight produces a violation.
    for (const [corridor, center] of [[kasungu, FLIGHTS[0].at], [erromango, FLIGHTS[1].at]] as const) {
      const zone = { zone: { name: `live probe ${corridor.slug}`, kind: 'exclusion', restriction: 'prohibited', circle: { center, radiusM: 300 }, altitudeMinM: 0, altitudeMaxM: 500, altitudeReference: 'AGL' } };
      expect((await admin.fetch(`/api/corridors/${corridor.id}/zones`, { method: 'POST', json: zone })).status).toBe(201);
    }
    for (const flight of FLIGHTS) {
      const sender = new MavlinkSender(harness.udpPort, flight.systemId);
      senders.push(sender);
      await sender.heartbeat({ armed: true });
      for (let i = 0; i < 10; i += 1) await sender.position(flight.at[0] + i * 0.00005, flight.at[1], 40, flight.homeMslM, i * 200);
    }
    // KAS-1 and ERR-1 leave their zones (a kilometre east) and stay clear past the hold time: the violations end.
    for (let i = 0; i < 8; i += 1) {
      for (const sender of senders.slice(0, 2)) {
        const flight = FLIGHTS.find((item) => item.systemId === sender.systemId)!;
        await sender.position(flight.at[0] + 0.01, flight.at[1], 40, flight.homeMslM, 2000 + i * 200);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    // Each partner asks for a slot nine days ahead, 09:00 local, in its own corridor.
    const ninthDayAt = (utcHour: number) => {
      const day = new Date(Date.now() + 9 * 86_400_000);
      return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), utcHour);
    };
    const slot = (corridor: CorridorView, startsAtMs: number) => ({
      corridorId: corridor.id, startsAt: new Date(startsAtMs).toISOString(), endsAt: new Date(startsAtMs + 3_600_000).toISOString(),
      altitudeMaxM: 100, purpose: 'live probe', pilotInCommand: 'Pilot',
    });
    expect((await partner.fetch('/api/bookings', { method: 'POST', json: slot(kasungu, ninthDayAt(7)) })).status).toBe(201);
    expect((await otherPartner.fetch('/api/bookings', { method: 'POST', json: slot(erromango, ninthDayAt(22)) })).status).toBe(201);
    // The Kasungu operator acknowledges KAS-1's breach alert.
    await harness.platform.writeQueue.flush();
    const breach = (await kasunguOperator.getJson<Page<AlertView>>('/api/alerts?limit=500')).items.find((alert) => alert.systemId === 11 && alert.kind === 'zone-breach')!;
    expect((await kasunguOperator.fetch(`/api/alerts/${breach.id}/ack`, { method: 'POST', json: { comment: 'pilot told' } })).status).toBe(200);
    // Then silence: every link is declared lost (vehicle:link) and the breaches stay open.
    const adminEvents = received.get('admin')!;
    await eventually(() => [11, 21, 99, 98].every((id) => adminEvents.some((event) => event.name === 'vehicle:link' && systemIdOf(event) === id && event.payload.linkState === 'lost')), 'every link lost', 20_000);
    await eventually(() => [11, 21].every((id) => adminEvents.some((event) => event.name === 'violation:ended' && systemIdOf(event) === id)), 'both violations ended');
    await eventually(() => adminEvents.filter((event) => event.name === 'booking:changed').length >= 2 && adminEvents.some((event) => event.name === 'alert:acknowledged'), 'bookings and acknowledgement');
    await new Promise((resolve) => setTimeout(resolve, 500)); // anything late to the other clients arrives now
  });
  afterAll(async () => {
    senders.forEach((sender) => sender.close());
    await harness?.stop();
  });

  it('produced every kind of live event there is, for the admin, who sees everything', () => {
    const kinds = new Set(received.get('admin')!.map((event) => event.name));
    expect([...kinds].sort()).toEqual(Object.keys(LIVE_EVENT_AUDIENCE).sort());
  });

  it.each(Object.keys(VISIBLE) as Client[])('%s receives events about exactly the aircraft it may see', (client) => {
    const events = received.get(client)!;
    const byEvent = (name: RecordedEvent['name']) => [...new Set(events.filter((event) => event.name === name).map(systemIdOf))].sort();
    const visible = [...VISIBLE[client]].sort();
    expect(byEvent('vehicle:telemetry')).toEqual(visible);
    expect(byEvent('vehicle:link')).toEqual(visible);
    expect(byEvent('alert:raised')).toEqual(visible); // every aircraft here is alerted (breach, unregistered, link lost)
    expect(byEvent('violation:started')).toEqual(visible.filter((id) => id === 11 || id === 21));
    expect(byEvent('violation:ended')).toEqual(visible.filter((id) => id === 11 || id === 21));
    expect(byEvent('alert:acknowledged')).toEqual(visible.filter((id) => id === 11));
    // Bookings by whose they are: Kasungu's staff and Kasungu Health Drones see its Kasungu slot, Pacific Island Mapping its own.
    const bookingsOf = [...new Set(events.flatMap((event) => (event.name === 'booking:changed' ? [event.payload.organisationName] : [])))].sort();
    expect(bookingsOf).toEqual(BOOKINGS_SEEN[client]);
    // The storage alarms go to staff only: on connecting, the (empty) list; never to a partner.
    const alarmLists = events.flatMap((event) => (event.name === 'platform:alarms' ? [event.payload.alarms] : []));
    expect(alarmLists).toEqual(STAFF.includes(client) ? [[]] : []);
  });
});
