/**
 * Two server processes on one PostgreSQL (LIVE_ADAPTER=postgres), each with its own MAVLink link,
 * sharing one DATA_DIR: an aircraft flown into process B's link reaches a page signed in on process
 * A (positions and its alert, through @socket.io/postgres-adapter), A lists it and B's page sees an
 * alert acknowledged on A; failed sign-ins on one process count on the other.
 *
 * PostgreSQL only: the embedded database lives inside one process (PGlite in its DATA_DIR), so there
 * is nothing for a second process to share.
 */
import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { AlertView, ClientToServerEvents, CommandResultView, Page, ServerToClientEvents, VehicleView } from '../server/contracts/index.ts';
import { storeSeal } from '../server/db/flight-seal-repository.ts';
import { Fleet, scenarioFleet } from '../simulator/index.ts';
import { MavlinkSender } from './support/mavlink-sender.ts';
import { DEMO_EMAILS, eventually, signInAt, type ApiClient, type RecordedEvent } from './support/platform-harness.ts';
import { startRoundRobinBalancer } from './support/round-robin-balancer.ts';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/test-database.ts';

const EVENT_NAMES: (keyof ServerToClientEvents)[] = ['vehicle:telemetry', 'vehicle:link', 'alert:raised', 'alert:acknowledged'];

async function connect(baseUrl: string, client: ApiClient): Promise<{ socket: Socket<ServerToClientEvents, ClientToServerEvents>; events: RecordedEvent[] }> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(baseUrl, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie: client.cookie } });
  const events: RecordedEvent[] = [];
  for (const name of EVENT_NAMES) socket.on(name, ((payload: never) => events.push({ name, payload, atMs: Date.now() } as RecordedEvent)) as never);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, events };
}

describe.skipIf(!databaseKinds().includes('postgres'))('two server processes on one PostgreSQL', () => {
  let database: TestDatabase;
  const servers: { a?: ServerProcess; b?: ServerProcess } = {};
  const base = { a: '', b: '' };
  let udpB = 0;
  const http = { a: 0, b: 0 };
  let operatorPassword = '';
  let pageOnA: Awaited<ReturnType<typeof connect>>;
  let pageOnB: Awaited<ReturnType<typeof connect>>;
  let operatorOnA: ApiClient;
  let sender: MavlinkSender | null = null;
  let fleet: Fleet | null = null;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const shared = { DATABASE_URL: database.databaseUrl!, DATA_DIR: database.dataDir, LIVE_ADAPTER: 'postgres', SEED_DEMO: 'true', LOGIN_MAX_FAILURES: '3', BOOKING_CLOCK_MS: '250' };
    const [httpA, httpB, udpA] = [await freePort(), await freePort(), await freePort('udp')];
    Object.assign(http, { a: httpA, b: httpB });
    udpB = await freePort('udp');
    // B also holds a TCP link to a SITL-like KAS-1, which answers commands with COMMAND_ACKs.
    fleet = new Fleet(scenarioFleet('kasungu-survey'), { out: null, tcpBasePort: 0, timeScale: 1 });
    const { tcpPorts } = await fleet.start();
    // Both at once on a new database: they take turns to migrate and seed, and neither stops on knex's migration lock.
    const [a, b] = await Promise.allSettled([
      startServerProcess({ ...shared, PORT: String(httpA), MAVLINK_LINKS: `udpin:127.0.0.1:${udpA}` }),
      startServerProcess({ ...shared, PORT: String(httpB), MAVLINK_LINKS: `udpin:127.0.0.1:${udpB},tcp:127.0.0.1:${tcpPorts[0]}` }),
    ]);
    if (a.status === 'fulfilled') servers.a = a.value;
    if (b.status === 'fulfilled') servers.b = b.value;
    for (const started of [a, b]) if (started.status === 'rejected') throw started.reason;
    base.a = `http://127.0.0.1:${httpA}`;
    base.b = `http://127.0.0.1:${httpB}`;
    const accounts = JSON.parse(fs.readFileSync(path.join(database.dataDir, 'demo-accounts.json'), 'utf8')) as Array<{ email: string; password: string }>;
    const password = accounts.find((account) => account.email === DEMO_EMAILS.operator)!.password;
    operatorPassword = password;
    operatorOnA = await signInAt(base.a, DEMO_EMAILS.operator, password);
    pageOnA = await connect(base.a, operatorOnA);
    pageOnB = await connect(base.b, await signInAt(base.b, DEMO_EMAILS.operator, password));
  }, 120_000);

  afterAll(async () => {
    sender?.close();
    pageOnA?.socket.disconnect();
    pageOnB?.socket.disconnect();
    const codes = await Promise.all([servers.a?.stop(), servers.b?.stop()]);
    expect(codes.filter((code) => code !== undefined)).toEqual(codes.filter((code) => code !== undefined).map(() => 0));
    await fleet?.stop();
    await database?.drop();
  }, 60_000);

  it('sends a page on process A the positions and alert of an aircraft flying into process B', async () => {
    sender = new MavlinkSender(udpB, 77); // unregistered: alerted at once
    // Until the aircraft is seen on A (B's adapter may still be starting to LISTEN), then 2 s more.
    let sentAfterSeen = 0;
    for (let i = 0; sentAfterSeen < 20 && i < 600; i += 1) {
      if (i % 10 === 0) await sender.heartbeat({ armed: true });
      await sender.position(33.40 + i * 0.0001, -13.06, 40, 1050, i * 100);
      if (pageOnA.events.some((event) => event.name === 'vehicle:telemetry' && event.payload.systemId === 77)) sentAfterSeen += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const positionsOf77 = (events: RecordedEvent[]) => events.flatMap((event) => (event.name === 'vehicle:telemetry' && event.payload.systemId === 77 ? [{ payload: event.payload, atMs: event.atMs }] : []));
    const onA = positionsOf77(pageOnA.events);
    expect(onA.length).toBeGreaterThanOrEqual(3);
    expect(onA[0]!.payload).toMatchObject({ systemId: 77, linkId: expect.stringContaining(String(udpB)) });
    const alertOnA = await eventually(() => pageOnA.events.find((event) => event.name === 'alert:raised' && event.payload.systemId === 77), 'the alert raised on B, on A');
    const alertOnB = pageOnB.events.find((event) => event.name === 'alert:raised' && event.payload.systemId === 77)!;
    expect(alertOnA.payload).toEqual(alertOnB.payload);
    // The figure: how much later a page on the other process hears the same alert (logged, not asserted).
    const onB = positionsOf77(pageOnB.events);
    const lagsMs = onA.flatMap((eventA) => {
      const eventB = onB.find((event) => JSON.stringify(event.payload.position) === JSON.stringify(eventA.payload.position));
      return eventB ? [eventA.atMs - eventB.atMs] : [];
    }).sort((x, y) => x - y);
    expect(lagsMs.length).toBeGreaterThanOrEqual(3); // the same positions reach both processes' pages
    console.info(`cross-process: alert on A ${alertOnA.atMs - alertOnB.atMs} ms after B; ${lagsMs.length} positions on both, A after B by median ${lagsMs[lagsMs.length >> 1]} ms, max ${lagsMs[lagsMs.length - 1]} ms`);
  });

  it('lists on process A the aircraft process B holds, and does not list them twice', async () => {
    const listed = await eventually(async () => {
      const page = await operatorOnA.getJson<Page<VehicleView>>('/api/vehicles');
      return page.items.filter((vehicle) => vehicle.systemId === 77).length === 1 && page.items;
    }, 'B’s aircraft in A’s vehicle list');
    expect(listed.find((vehicle) => vehicle.systemId === 77)!.linkId).toContain(String(udpB));
  });

  it('sends an alert acknowledged on process A to a page on process B', async () => {
    const alerts = await operatorOnA.getJson<Page<AlertView>>('/api/alerts?unacknowledged=true&limit=500');
    const alert = alerts.items.find((item) => item.systemId === 77 && item.kind === 'unregistered-aircraft')!;
    expect(alert).toBeDefined();
    const acked = await operatorOnA.fetch(`/api/alerts/${alert.id}/ack`, { method: 'POST', json: { comment: 'Seen from process A' } });
    expect(acked.status).toBe(200);
    const onB = await eventually(() => pageOnB.events.find((event) => event.name === 'alert:acknowledged' && event.payload.id === alert.id), 'the acknowledgement on B');
    expect(onB.payload).toMatchObject({ id: alert.id, acknowledgementComment: 'Seen from process A' });
  });

  it('sends an operator’s command on process A to an aircraft on process B’s link, and answers with its COMMAND_ACK', async () => {
    const kas1 = await eventually(async () => (await operatorOnA.getJson<Page<VehicleView>>('/api/vehicles')).items.find((vehicle) => vehicle.callsign === 'KAS-1' && vehicle.position), 'KAS-1 (on B) listed on A');
    expect(kas1.linkId).toMatch(/^tcp-/);
    const response = await operatorOnA.fetch(`/api/vehicles/${encodeURIComponent(kas1.id)}/commands`, { method: 'POST', json: { command: 'rtl' } });
    expect(response.status).toBe(200);
    expect((await response.json()) as CommandResultView).toMatchObject({ vehicleId: kas1.id, command: 'rtl', result: 'ACCEPTED' });
    await eventually(() => pageOnA.events.some((event) => event.name === 'vehicle:telemetry' && event.payload.id === kas1.id && event.payload.flightMode === 'RTL'), 'KAS-1 in RTL, seen on A');
    const unknown = await operatorOnA.fetch('/api/vehicles/nobody/commands', { method: 'POST', json: { command: 'rtl' } });
    expect(unknown.status).toBe(404);
  });

  it('serves one address through a round-robin balancer: pages landing on either process see the aircraft', async () => {
    const balancer = await startRoundRobinBalancer([http.a, http.b]);
    try {
      const front = `http://127.0.0.1:${balancer.port}`;
      const operator = await signInAt(front, DEMO_EMAILS.operator, operatorPassword);
      const pages = [await connect(front, operator), await connect(front, operator)];
      expect([...balancer.connections.values()].every((count) => count > 0)).toBe(true); // both processes serve
      const seenOnBoth = () => pages.every((page) => page.events.some((event) => event.name === 'vehicle:telemetry' && event.payload.systemId === 77));
      for (let i = 0; i < 300 && !seenOnBoth(); i += 1) {
        if (i % 10 === 0) await sender!.heartbeat({ armed: true });
        await sender!.position(33.41 + i * 0.0001, -13.06, 40, 1050, 100_000 + i * 100);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(seenOnBoth()).toBe(true);
      expect((await operator.getJson<Page<VehicleView>>('/api/vehicles')).items.some((vehicle) => vehicle.systemId === 77)).toBe(true);
      for (const page of pages) page.socket.disconnect();
    } finally {
      await balancer.close();
    }
  });

  it('moves and audits each booking once although both processes run the booking clock (every 250 ms here)', async () => {
    const knex = knexFactory({ client: 'pg', connection: database.databaseUrl!, pool: { min: 0, max: 1 } });
    try {
      const moves = await eventually(async () => {
        const rows = await knex('audit_log').whereIn('action', ['booking.begin', 'booking.complete']).groupBy('resource_id', 'action')
          .select('resource_id', 'action', knex.raw('count(*)::int AS n'));
        return rows.length > 0 && rows;
      }, 'the booking clock to move a demo booking');
      expect(moves.filter((row) => row.n !== 1)).toEqual([]);
    } finally {
      await knex.destroy();
    }
  });

  it('stores one seal when two processes seal the same flight at the same moment', async () => {
    const pools = [1, 2].map(() => knexFactory({ client: 'pg', connection: database.databaseUrl!, pool: { min: 0, max: 2 } }));
    try {
      const [flight] = await pools[0]!('flights').insert({ vehicle_id: 'race:1:1', system_id: 1, started_at: new Date(Date.now() - 60_000), ended_at: new Date() }).returning('id');
      const seal = {
        flightId: flight.id as string, chain: 'race-test', logSha256: 'no-log', recordsSha256: 'a'.repeat(64), sealedAtMs: Date.now(), recordsFormat: 2 as const, telemetrySha256: 'b'.repeat(64),
        summary: { durationS: 60, distanceM: 0, maxAltitudeRelativeM: null, maxGroundSpeedMps: null, samples: 0, violations: 0 },
      };
      const results = await Promise.all(pools.flatMap((pool) => [storeSeal(pool, seal), storeSeal(pool, seal)]));
      expect(results.filter((result) => result.isNew)).toHaveLength(1);
      expect(new Set(results.map((result) => result.seal.hash)).size).toBe(1);
      expect(await pools[0]!('flight_seals').where({ chain: 'race-test' }).select('sequence')).toEqual([{ sequence: 1 }]);
    } finally {
      await Promise.all(pools.map((pool) => pool.destroy()));
    }
  });

  it('matches an aircraft registered on process A when it flies into process B just after (B reloads its registry when told)', async () => {
    const accounts = JSON.parse(fs.readFileSync(path.join(database.dataDir, 'demo-accounts.json'), 'utf8')) as Array<{ email: string; password: string }>;
    const partner = await signInAt(base.a, DEMO_EMAILS.kasunguPartner, accounts.find((account) => account.email === DEMO_EMAILS.kasunguPartner)!.password);
    const registered = await partner.fetch('/api/aircraft', { method: 'POST', json: { systemId: 88, callsign: 'KAS-88', model: 'Quad', serialNumber: 'MP-88', weightClass: '2-25kg' } });
    expect(registered.status).toBe(201);
    // B hears of it through PostgreSQL a few ms later (A answered once its own registry had it).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const aircraft88 = new MavlinkSender(udpB, 88);
    try {
      const seen = () => pageOnA.events.find((event) => event.name === 'vehicle:telemetry' && event.payload.systemId === 88);
      for (let i = 0; i < 300 && !seen(); i += 1) {
        if (i % 10 === 0) await aircraft88.heartbeat({ armed: false });
        await aircraft88.position(33.42, -13.06, 0, 1050, i * 100);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(seen()?.payload).toMatchObject({ systemId: 88, callsign: 'KAS-88' });
      expect(pageOnA.events.some((event) => event.name === 'alert:raised' && event.payload.systemId === 88 && event.payload.kind === 'unregistered-aircraft')).toBe(false);
    } finally {
      aircraft88.close();
    }
  });

  it('counts failed sign-ins once for both processes (the throttle lives in PostgreSQL)', async () => {
    const attempt = (url: string) => fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'nobody@corridor.demo', password: 'wrong password' }) });
    expect((await attempt(base.a)).status).toBe(401);
    expect((await attempt(base.b)).status).toBe(401);
    expect((await attempt(base.a)).status).toBe(401);
    const fourth = await attempt(base.b); // LOGIN_MAX_FAILURES=3, counted across A and B
    expect(fourth.status).toBe(429);
  });
});
