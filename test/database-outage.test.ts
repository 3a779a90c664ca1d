/**
 * The database goes away for 30 s mid-flight and comes back (issue 9, faults). PostgreSQL only: the
 * embedded PGlite lives inside the server process and cannot be unplugged. The platform reaches its
 * test database through a loopback TCP proxy (test/support/tcp-proxy.ts) that the test cuts — every
 * connection destroyed, new ones refused — so the machine's PostgreSQL itself is never stopped.
 *
 * While it is away, aircraft keep flying over real UDP: a Socket.IO client keeps receiving their
 * positions and the alerts raised meanwhile (one aircraft flies into the Kasungu town centre, one
 * unregistered aircraft arms and starts a flight), /healthz says "database unreachable since …",
 * and telemetry overflows from memory into the disk spool. Once it is back every position sent is
 * stored (sent = stored, per flight), and each alert and the violation exactly once. The operator's
 * socket is told of the outage live (`platform:alarms`, database-unreachable) and told when it is
 * over (an empty list); a partner's socket is told nothing. A second platform with a tiny spool
 * shows the spool:full alarm (in /healthz and live) and that every position is either stored or
 * counted as dropped.
 */
import { Writable } from 'node:stream';
import knexFactory, { type Knex } from 'knex';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../server/config.ts';
import type { AlertView, ClientToServerEvents, HealthView, PlatformAlarmsEvent, ServerToClientEvents } from '../server/contracts/index.ts';
import type { WriteQueueStatistics } from '../server/db/write-queue.ts';
import { startPlatform, type RunningPlatform } from '../server/platform.ts';
import { MavlinkSender } from './support/mavlink-sender.ts';
import { DEMO_EMAILS, eventually, signInAt } from './support/platform-harness.ts';
import { TcpProxy } from './support/tcp-proxy.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/test-database.ts';

const OUTAGE_MS = 30_000;
/** More aircraft (unregistered, each its own flight) for a heavier backlog: `OUTAGE_EXTRA_AIRCRAFT=100 npx vitest run test/database-outage.test.ts`. */
const EXTRA_AIRCRAFT = Number(process.env.OUTAGE_EXTRA_AIRCRAFT ?? 0);
const TOWN_CENTRE: [number, number] = [33.483, -13.034]; // Kasungu town centre exclusion zone, radius 1,200 m

interface Received {
  name: 'vehicle:telemetry' | 'alert:raised';
  systemId: number | null;
  alert: AlertView | null;
  atMs: number;
}

/** One platform on a fresh PostgreSQL database reached through a proxy, its logs and a live client. */
interface OutageRig {
  platform: RunningPlatform;
  database: TestDatabase;
  proxy: TcpProxy;
  /** Straight to the database (not through the proxy), for the checks. */
  direct: Knex;
  logs: Array<Record<string, unknown>>;
  received: Received[];
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** `platform:alarms` as the operator's socket received them, and as a Kasungu partner's did (never, it should be). */
  alarms: PlatformAlarmsEvent[];
  partnerAlarms: PlatformAlarmsEvent[];
  health(): Promise<HealthView>;
  stop(): Promise<void>;
}

async function startRig(env: Record<string, string>): Promise<OutageRig> {
  const database = await createTestDatabase('postgres');
  const url = new URL(database.databaseUrl!);
  const proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(await proxy.listen());
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', MAVLINK_LINKS: 'udpin:127.0.0.1:0', DATA_DIR: database.dataDir, DATABASE_URL: proxied.toString(),
    LOG_LEVEL: 'info', WEB_DIST_DIR: 'dist/web', SEED_DEMO: 'true', DATABASE_ALARM_MS: '2000', ...env,
  });
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const platform = await startPlatform(config, pino({ level: 'info' }, sink));
  const baseUrl = `http://127.0.0.1:${platform.httpPort}`;
  const accounts = JSON.parse(fs.readFileSync(path.join(database.dataDir, 'demo-accounts.json'), 'utf8')) as Array<{ email: string; password: string }>;
  const operator = await signInAt(baseUrl, DEMO_EMAILS.operator, accounts.find((account) => account.email === DEMO_EMAILS.operator)!.password);
  const partner = await signInAt(baseUrl, DEMO_EMAILS.kasunguPartner, accounts.find((account) => account.email === DEMO_EMAILS.kasunguPartner)!.password);
  const received: Received[] = [];
  const alarms: PlatformAlarmsEvent[] = [];
  const partnerAlarms: PlatformAlarmsEvent[] = [];
  /** A socket signed in by `cookie`, listening (`listen`) before it connects: a staff socket is sent the alarms as it does. */
  const connect = async (cookie: string, listen: (socket: Socket<ServerToClientEvents, ClientToServerEvents>) => void) => {
    const connecting: Socket<ServerToClientEvents, ClientToServerEvents> = io(baseUrl, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie } });
    listen(connecting);
    await new Promise<void>((resolve, reject) => {
      connecting.once('connect', resolve);
      connecting.once('connect_error', reject);
    });
    return connecting;
  };
  const socket = await connect(operator.cookie, (operatorSocket) => {
    operatorSocket.on('vehicle:telemetry', (vehicle) => received.push({ name: 'vehicle:telemetry', systemId: vehicle.systemId, alert: null, atMs: Date.now() }));
    operatorSocket.on('alert:raised', (alert) => received.push({ name: 'alert:raised', systemId: alert.systemId, alert, atMs: Date.now() }));
    operatorSocket.on('platform:alarms', (event) => alarms.push(event));
  });
  const partnerSocket = await connect(partner.cookie, (partnerOnly) => partnerOnly.on('platform:alarms', (event) => partnerAlarms.push(event)));
  const direct = knexFactory({ client: 'pg', connection: database.databaseUrl!, pool: { min: 0, max: 2 } });
  return {
    platform, database, proxy, direct, logs, received, socket, alarms, partnerAlarms,
    health: async () => (await (await fetch(`${baseUrl}/healthz`)).json()) as HealthView,
    async stop() {
      socket.disconnect();
      partnerSocket.disconnect();
      proxy.restore();
      await platform.close();
      await direct.destroy();
      await proxy.close();
      await database.drop();
    },
  };
}

/** An aircraft sending a HEARTBEAT a second and a position every tick (10 Hz); counts what it sent. */
class Aircraft {
  readonly sender: MavlinkSender;
  positionsSent = 0;
  private ticks = 0;

  constructor(port: number, systemId: number, public lon: number, public lat: number) {
    this.sender = new MavlinkSender(port, systemId);
  }

  async tick(): Promise<void> {
    if (this.ticks % 10 === 0) await this.sender.heartbeat({ armed: true });
    this.ticks += 1;
    await this.sender.position(this.lon, this.lat, 40, 1050, this.ticks * 100);
    this.positionsSent += 1;
  }
}

/** Ticks every aircraft at 10 Hz until stopped. */
function flyAt10Hz(fleet: Aircraft[]): { stop(): Promise<void> } {
  let flying = true;
  const loop = (async () => {
    while (flying) {
      await Promise.all(fleet.map((aircraft) => aircraft.tick()));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      flying = false;
      await loop;
    },
  };
}

const telemetryCount = async (direct: Knex, systemId: number) =>
  (await direct('telemetry').join('flights', 'flights.id', 'telemetry.flight_id').where('flights.system_id', systemId).count<{ n: string }[]>({ n: '*' }))[0]!.n;

describe.skipIf(!databaseKinds().includes('postgres'))('a 30 s PostgreSQL outage mid-flight (PostgreSQL only: the embedded database cannot be unplugged)', () => {
  let rig: OutageRig;
  afterAll(async () => {
    await rig?.stop();
  });

  it('keeps the live map and alerts going, holds every write (memory, then disk), and stores them all once it is back', async () => {
    rig = await startRig({ SPOOL_MEMORY_ROWS: '100' });
    const port = rig.platform.links[0]!.port;
    // KAS-1 (registered, booked) 1.7 km west of the town centre; an unregistered aircraft arms only during the outage.
    const kas1 = new Aircraft(port, 11, TOWN_CENTRE[0] - 0.016, TOWN_CENTRE[1]);
    const stranger = new Aircraft(port, 93, 33.40, -13.06);
    const extras = Array.from({ length: EXTRA_AIRCRAFT }, (_, i) => new Aircraft(port, 100 + i, 33.30 + (i % 10) * 0.01, -13.10 + Math.floor(i / 10) * 0.01));
    const fleet = [kas1, ...extras];
    const flying = flyAt10Hz(fleet);
    try {
      await eventually(async () => Number(await telemetryCount(rig.direct, 11)) >= 10, 'KAS-1 flight and telemetry stored before the outage');
      expect(rig.alarms.map((event) => event.alarms)).toEqual([[]]); // on connecting: no alarm

      rig.proxy.cut('refuse');
      const cutAtMs = Date.now();
      fleet.push(stranger);
      // KAS-1 heads east into the town centre (about 22 m a tick) and stays there.
      const inbound = setInterval(() => {
        if (kas1.lon < TOWN_CENTRE[0]) kas1.lon += 0.0002;
      }, 100);
      const health = await eventually(async () => {
        const body = await rig.health();
        return body.alarms.some((alarm) => alarm.startsWith('database unreachable since')) && body.writes.spooledRows > 0 ? body : null;
      }, 'the outage alarm and a spool holding rows in /healthz', OUTAGE_MS);
      expect(health).toMatchObject({ status: 'degraded', writes: { databaseReachable: false, spool: 'holding' } });
      // The operator's page is told live, dated from the write queue's first failed write.
      const told = await eventually(() => rig.alarms.find((event) => event.alarms.some((alarm) => alarm.kind === 'database-unreachable')), 'platform:alarms database-unreachable, live', 10_000);
      expect(told.alarms).toMatchObject([{ kind: 'database-unreachable', sinceMs: rig.platform.writeQueue.statistics.unreachableSinceMs }]);
      expect(told.alarms[0]!.heldWrites).toBeGreaterThan(0);
      const breach = await eventually(
        () => rig.received.find((event) => event.alert?.kind === 'zone-breach' && event.systemId === 11 && event.atMs > cutAtMs),
        'the zone-breach alert, live, during the outage',
        OUTAGE_MS,
      );
      await eventually(() => rig.received.find((event) => event.alert?.kind === 'unregistered-aircraft' && event.systemId === 93 && event.atMs > cutAtMs), 'the unregistered-aircraft alert during the outage');
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, cutAtMs + OUTAGE_MS - Date.now())));
      clearInterval(inbound);
      const during = rig.platform.writeQueue.statistics;
      expect(rig.proxy.isCut).toBe(true);
      expect(during.databaseReachable).toBe(false);
      expect(during.spilledTelemetryRows).toBeGreaterThan(100);
      expect(during.droppedTelemetryRows).toBe(0);
      // Positions of both aircraft kept reaching the page all through the outage.
      for (const systemId of [11, 93]) {
        expect(rig.received.filter((event) => event.name === 'vehicle:telemetry' && event.systemId === systemId && event.atMs > cutAtMs + OUTAGE_MS - 5000).length, `sysid ${systemId}`).toBeGreaterThan(3);
      }
      expect(breach.atMs - cutAtMs).toBeLessThan(OUTAGE_MS);

      rig.proxy.restore();
      const restoredAtMs = Date.now();
      const drained = await eventually(() => rig.logs.find((line) => line.msg === 'write backlog drained after the database came back'), 'the backlog drained', 60_000);
      // Writes succeed again: the operator's page is told the alarm is over (an empty list), the partner's was told nothing.
      await eventually(() => rig.alarms.at(-1)?.alarms.length === 0, 'platform:alarms with an empty list once writes succeed', 10_000);
      expect(rig.alarms.slice(1, -1).every((event) => event.alarms.length > 0)).toBe(true);
      expect(rig.partnerAlarms).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await flying.stop();
      await rig.platform.writeQueue.flush();
      console.info(
        `database outage: ${Math.round((restoredAtMs - cutAtMs) / 1000)} s; telemetry rows spooled to disk ${during.spilledTelemetryRows}, ` +
          `${during.queued} writes held at the end of the outage; backlog stored ${Number(drained.time) - restoredAtMs} ms after the restore ` +
          `(${String(drained.drainMs)} ms after the first successful write; the rest is the retry back-off) ` +
          `(${Date.now() - restoredAtMs} ms from restore to the end of the test's flying); sent KAS-1 ${kas1.positionsSent}, unregistered ${stranger.positionsSent}, ` +
          `${extras.length} more aircraft ${extras.reduce((sum, aircraft) => sum + aircraft.positionsSent, 0)}`,
      );
    } finally {
      await flying.stop();
    }

    // Every position sent is stored, per flight, exactly.
    for (const aircraft of [kas1, stranger, ...extras]) {
      const flights = await rig.direct('flights').where({ system_id: aircraft.sender.systemId }).select('id');
      expect(flights, `flights of sysid ${aircraft.sender.systemId}`).toHaveLength(1);
      expect(Number(await telemetryCount(rig.direct, aircraft.sender.systemId)), `positions of sysid ${aircraft.sender.systemId}`).toBe(aircraft.positionsSent);
    }
    // Every alert the page saw is stored exactly once, and the one violation too.
    const alertIds = rig.received.filter((event) => event.alert).map((event) => event.alert!.id);
    const stored = await rig.direct('alerts').whereIn('id', alertIds).select('id');
    expect(stored.map((row) => row.id).sort()).toEqual([...new Set(alertIds)].sort());
    expect(await rig.direct('alerts').where({ kind: 'zone-breach', system_id: 11 }).count<{ n: string }[]>({ n: '*' })).toEqual([{ n: '1' }]);
    const violations = await rig.direct('violations').join('zones', 'zones.id', 'violations.zone_id').select('zones.name');
    expect(violations).toEqual([{ name: 'Kasungu town centre' }]);
    const after = await rig.health();
    expect(after).toMatchObject({ status: 'ok', alarms: [], writes: { databaseReachable: true, spool: 'empty', queued: 0, droppedTelemetryRows: 0 } });
    expect(rig.logs.some((line) => line.level === 50 && String(line.msg).startsWith('database write failed'))).toBe(true);
  });
});

describe.skipIf(!databaseKinds().includes('postgres'))('a full telemetry spool (PostgreSQL only)', () => {
  let rig: OutageRig;
  afterAll(async () => {
    await rig?.stop();
  });

  it('raises spool:full, counts every dropped position, and stores the rest', async () => {
    rig = await startRig({ SPOOL_MEMORY_ROWS: '10', SPOOL_MAX_BYTES: '4000' });
    const kas1 = new Aircraft(rig.platform.links[0]!.port, 11, 33.44, -13.0);
    const flying = flyAt10Hz([kas1]);
    let sentBeforeCut = 0;
    let stats: WriteQueueStatistics | null = null;
    try {
      await eventually(async () => Number(await telemetryCount(rig.direct, 11)) >= 5, 'KAS-1 flying and stored');
      await rig.platform.writeQueue.flush();
      sentBeforeCut = kas1.positionsSent;
      rig.proxy.cut('blackhole');
      const health = await eventually(async () => {
        const body = await rig.health();
        return body.writes.spool === 'full' && body.alarms.some((alarm) => alarm.startsWith('spool:full')) ? body : null;
      }, 'spool:full in /healthz', 30_000);
      expect(health.status).toBe('degraded');
      expect(health.writes.droppedTelemetryRows).toBeGreaterThan(0);
      expect(health.writes.spoolBytes).toBeLessThanOrEqual(4000);
      expect(rig.logs.some((line) => line.level === 50 && String(line.msg).startsWith('spool:full'))).toBe(true);
      await eventually(() => rig.alarms.some((event) => event.alarms.some((alarm) => alarm.kind === 'spool-full' && alarm.droppedPositions > 0)), 'platform:alarms spool-full, live', 10_000);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      rig.proxy.restore();
      await eventually(() => rig.platform.writeQueue.statistics.databaseReachable, 'writes succeeding again', 30_000);
      await flying.stop();
      await rig.platform.writeQueue.flush();
      stats = rig.platform.writeQueue.statistics;
    } finally {
      await flying.stop();
    }
    const stored = Number(await telemetryCount(rig.direct, 11));
    // Nothing silent: every position sent is either stored or counted as dropped.
    expect(stats!.droppedTelemetryRows).toBeGreaterThan(0);
    expect(stored + stats!.droppedTelemetryRows).toBe(kas1.positionsSent);
    expect(stored).toBeGreaterThan(sentBeforeCut);
    console.info(`full spool: sent ${kas1.positionsSent}, stored ${stored}, dropped ${stats!.droppedTelemetryRows} (SPOOL_MEMORY_ROWS=10, SPOOL_MAX_BYTES=4000)`);
    const after = await rig.health();
    expect(after.alarms).toEqual([`${stats!.droppedTelemetryRows} positions were dropped while the telemetry spool was full`]);
  });
});
