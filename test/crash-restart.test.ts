/**
 * SIGKILL mid-flight, on each database: `tsx server/main.ts` runs as a real child process; a
 * registered aircraft (KAS-1) flies over real UDP into Kasungu town centre's exclusion zone; the
 * process is killed while it flies and a new one starts on the same database and DATA_DIR; the
 * aircraft keeps flying, leaves the zone and disarms. One flight (the same id) spans the kill, its
 * .tlog reads back cleanly and holds what was received before the kill (every position the database
 * had stored by then) and after the restart; every position of the .tlog is stored in the end (those
 * the write queue held at the kill are taken from the .tlog), and the ongoing breach stays one
 * violation with one alert. A torn last .tlog record (as a kill mid-write leaves) is added before the restart and cut off by it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertView, FlightView, Page, TelemetrySampleView, ViolationView } from '../server/contracts/index.ts';
import { common, encodeMessage, readTlogEntries, tlogRecord } from '../protocol/index.ts';
import { MavlinkSender } from './support/mavlink-sender.ts';
import { DEMO_EMAILS, eventually, signInAt, type ApiClient } from './support/platform-harness.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/test-database.ts';
import { freePort } from './support/server-process.ts';

const GLOBAL_POSITION_INT = 33;
/** KAS-1, a demo aircraft registered in Kasungu. */
const SYSTEM_ID = 11;
/** Kasungu town centre (prohibited, radius 1,200 m around 33.483, -13.034): flown into from the north. */
const ZONE_LON = 33.483;
const START_LAT = -13.0225;
const STEP_DEG = 0.00001; // about 1.1 m per position, southwards: in the zone after ~4 s, out of it after ~110 s


/** `tsx server/main.ts` as a child process; its pino JSON lines are kept and parsed. */
class ServerProcess {
  readonly lines: Array<Record<string, unknown>> = [];
  private readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<NodeJS.Signals | number | null>;

  constructor(env: Record<string, string>) {
    // tsx's loader in this very process (the tsx command would run the server in a child of its own, which a SIGKILL would orphan).
    this.child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, ...env } });
    let rest = '';
    this.child.stdout.on('data', (chunk: Buffer) => {
      const text = rest + chunk.toString('utf8');
      const lines = text.split('\n');
      rest = lines.pop()!;
      for (const line of lines) if (line.startsWith('{')) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    });
    this.child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve(signal ?? code)));
  }

  async started(): Promise<void> {
    await eventually(() => this.lines.some((line) => line.msg === 'platform started'), 'the server to start', 90_000);
  }

  logged(message: string): Array<Record<string, unknown>> {
    return this.lines.filter((line) => line.msg === message);
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}

/** Flies KAS-1 southwards at 20 Hz (positions) with 1 Hz armed heartbeats until stopped; `lat` is where it is. */
class Flight {
  private stopped = false;
  private index = 0;
  readonly done: Promise<void>;

  constructor(private readonly sender: MavlinkSender) {
    this.done = this.fly();
  }

  private async fly(): Promise<void> {
    while (!this.stopped) {
      if (this.index % 20 === 0) await this.sender.heartbeat({ armed: true });
      await this.sender.position(ZONE_LON, START_LAT - this.index * STEP_DEG, 50, 1050, this.index * 50);
      this.index += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }

  /** Stop without waiting (the sender is being closed). */
  abandon(): void {
    this.stopped = true;
  }
}

async function allTelemetry(api: ApiClient, flightId: string): Promise<TelemetrySampleView[]> {
  const samples: TelemetrySampleView[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<TelemetrySampleView> = await api.getJson(`/api/flights/${flightId}/telemetry?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    samples.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return samples;
}

const positionTimesMs = (tlog: Buffer) =>
  readTlogEntries(tlog).entries.filter((entry) => entry.frame.messageId === GLOBAL_POSITION_INT).map((entry) => Number(entry.timestampUs / 1000n));

describe.each(databaseKinds())('a server killed mid-flight and restarted, on the %s database', (kind) => {
  let database: TestDatabase | null = null;
  const processes: ServerProcess[] = [];
  const senders: MavlinkSender[] = [];
  const flying: Flight[] = [];
  afterEach(async () => {
    flying.forEach((flight) => flight.abandon());
    await Promise.all(flying.map((flight) => flight.done.catch(() => undefined)));
    senders.forEach((sender) => sender.close());
    for (const server of processes) server.kill('SIGKILL');
    await Promise.all(processes.map((server) => server.exited));
    await database?.drop();
  });

  it('continues the same flight, .tlog and violation after the restart, losing nothing stored', { timeout: 180_000 }, async () => {
    database = await createTestDatabase(kind);
    const [httpPort, udpPort] = [await freePort('tcp'), await freePort('udp')];
    const env = {
      PORT: String(httpPort), HOST: '127.0.0.1', MAVLINK_LINKS: `udpin:127.0.0.1:${udpPort}`, DATA_DIR: database.dataDir,
      DATABASE_URL: database.databaseUrl ?? '', SEED_DEMO: 'true', LOG_LEVEL: 'info', WEB_DIST_DIR: 'dist/web', BREACH_HOLD_MS: '500',
    };
    const baseUrl = `http://127.0.0.1:${httpPort}`;
    const first = new ServerProcess(env);
    processes.push(first);
    await first.started();
    const accounts = JSON.parse(fs.readFileSync(path.join(database.dataDir, 'demo-accounts.json'), 'utf8')) as Array<{ email: string; password: string }>;
    const api = await signInAt(baseUrl, DEMO_EMAILS.operator, accounts.find((account) => account.email === DEMO_EMAILS.operator)!.password);

    const sender = new MavlinkSender(udpPort, SYSTEM_ID);
    senders.push(sender);
    const flight = new Flight(sender);
    flying.push(flight);
    const zoneAlerts = async () => (await api.getJson<Page<AlertView>>('/api/alerts?limit=500')).items.filter((alert) => alert.systemId === SYSTEM_ID);
    await eventually(async () => (await zoneAlerts()).some((alert) => alert.kind === 'zone-breach'), 'the breach alert stored');
    const open = await eventually(async () => (await api.getJson<Page<FlightView>>('/api/flights?limit=50')).items.find((item) => item.systemId === SYSTEM_ID), 'the open flight');
    expect(open.endedAtMs).toBeNull();
    await eventually(async () => (await allTelemetry(api, open.id)).length >= 60, 'some positions stored');

    // Killed while the aircraft flies: what the database holds now was acknowledged by storage before the kill.
    const storedBeforeKill = await allTelemetry(api, open.id);
    const killedAtMs = Date.now();
    first.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const tlogFile = path.join(database.dataDir, 'flight-logs', `${open.id}.tlog`);
    const tlogAtKill = fs.readFileSync(tlogFile);
    const loggedAtKill = new Set(positionTimesMs(tlogAtKill));
    // A write cut short by the kill leaves a torn last record; each record is one small write(2), so
    // the kill rarely manages it: add one (the first 20 bytes of a record) to be sure it is handled.
    const tornBytes = tlogRecord(encodeMessage(new common.GlobalPositionInt(), { systemId: SYSTEM_ID, componentId: 1, sequence: 0 }), Date.now()).subarray(0, 20);
    fs.appendFileSync(tlogFile, tornBytes);
    const missing = storedBeforeKill.filter((sample) => !loggedAtKill.has(sample.recordedAtMs));
    // Positions stored in the database by the time we asked are all in the .tlog the kill left.
    expect(missing).toEqual([]);

    const second = new ServerProcess(env);
    processes.push(second);
    await second.started();
    const restartedAtMs = Date.now();
    await eventually(async () => {
      const flights = (await api.getJson<Page<FlightView>>('/api/flights?limit=50')).items.filter((item) => item.systemId === SYSTEM_ID);
      const latest = await Promise.all(flights.map(async (item) => (await allTelemetry(api, item.id)).some((sample) => sample.recordedAtMs > restartedAtMs)));
      return latest.includes(true);
    }, 'a position flown after the restart stored');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await flight.stop();
    // Out of the zone and its margin (1 km north of it) for longer than BREACH_HOLD_MS, then disarmed: the flight ends.
    for (let i = 0; i < 20; i += 1) {
      await sender.position(ZONE_LON, START_LAT + 0.01, 50, 1050, 1_000_000 + i * 50);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await sender.heartbeat({ armed: false });
    await eventually(async () => (await api.getJson<FlightView>(`/api/flights/${open.id}`)).endedAtMs !== null, 'the flight closed on disarming');

    const flights = (await api.getJson<Page<FlightView>>('/api/flights?limit=50')).items.filter((item) => item.systemId === SYSTEM_ID);
    expect(flights.map((item) => [item.id, item.endReason])).toEqual([[open.id, 'disarmed']]);
    const telemetry = await allTelemetry(api, open.id);
    expect(telemetry.some((sample) => sample.recordedAtMs > restartedAtMs)).toBe(true);

    await eventually(() => second.logged('flight sealed').some((line) => line.flightId === open.id), 'the flight sealed (its .tlog closed)');
    const tlog = fs.readFileSync(tlogFile);
    const { entries, statistics } = readTlogEntries(tlog);
    expect(statistics.unreadBytes).toBe(0); // a torn last record left by the kill was cut off
    const truncatedBytes = Number(second.logged('torn last record of a flight log cut off')[0]?.truncatedBytes ?? 0);
    expect(truncatedBytes).toBe(tornBytes.length);
    expect(tlog.subarray(0, tlogAtKill.length).equals(tlogAtKill)).toBe(true); // everything before the kill kept as it was
    const logged = new Set(positionTimesMs(tlog));
    expect(telemetry.filter((sample) => !logged.has(sample.recordedAtMs))).toEqual([]);
    expect(entries.some((entry) => Number(entry.timestampUs / 1000n) > restartedAtMs)).toBe(true);

    expect(second.logged('flight resumed after restart')).toHaveLength(1);
    expect(second.logged('breach continues after restart')).toHaveLength(1);
    const violations = await api.getJson<Page<ViolationView>>(`/api/flights/${open.id}/violations`);
    expect(violations.items).toHaveLength(1);
    expect(violations.items[0]!.startedAtMs).toBeLessThan(killedAtMs); // the violation opened before the kill went on
    expect(violations.items[0]!.endedAtMs).not.toBeNull();
    const alerts = await zoneAlerts();
    const kinds = alerts.map((alert) => alert.kind);
    expect(kinds.filter((alertKind) => alertKind === 'zone-breach')).toHaveLength(1);
    expect(new Set(kinds).size).toBe(kinds.length); // no alert raised twice across the kill
    // Received before the kill and in the .tlog, but still in the write queue's memory at the kill: stored at the restart from the .tlog.
    const stored = new Set(telemetry.map((sample) => sample.recordedAtMs));
    const onlyInTlog = [...loggedAtKill].filter((atMs) => !stored.has(atMs)).length;
    const recovered = Number(second.logged('positions recovered from the flight log')[0]?.positions ?? 0);
    expect(onlyInTlog).toBe(0);
    // None stored twice (packets read in one burst share a millisecond; each position has its own latitude).
    expect(telemetry).toHaveLength(new Set(telemetry.map((sample) => `${sample.recordedAtMs}/${sample.lat}`)).size);
    console.info(`[crash-restart ${kind}] stored before the kill ${storedBeforeKill.length}, .tlog positions at the kill ${loggedAtKill.size}, `
      + `recovered from the .tlog at the restart ${recovered}, torn bytes cut ${truncatedBytes}, stored in all ${telemetry.length}, .tlog packets in all ${entries.length}`);
  });
});
