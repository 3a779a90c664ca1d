/**
 * End-to-end ingest benchmark: N aircraft, each on its own UDP socket, send
 * GLOBAL_POSITION_INT at 10 Hz for a fixed time into the real platform (fence check,
 * telemetry stored through the write queue, live updates to one Socket.IO client).
 * Reports positions sent, accepted (decoded by the server), stored and lost (sent − stored),
 * and send→client latency (p50, p99, max; after a first second of first contacts). Bounded:
 * loopback only, fixed count and time.
 */
import dgram from 'node:dgram';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { pino } from 'pino';
import { io } from 'socket.io-client';
import { common, encodeMessage, MessageSequence, minimal } from '../../protocol/index.ts';
import { loadConfig } from '../../server/config.ts';
import type { VehicleView } from '../../server/contracts/index.ts';
import { startPlatform } from '../../server/platform.ts';
import { signInAt } from '../support/platform-harness.ts';

export interface IngestRun {
  database: 'embedded' | 'postgres';
  aircraft: number;
  rateHz: number;
  seconds: number;
}

export interface IngestResult extends IngestRun {
  sent: number;
  accepted: number;
  stored: number;
  lost: number;
  sentPerS: number;
  /** Alerts and violations the load raised (its circles cross the seeded exclusion zones). */
  alerts: number;
  violations: number;
  storedPerS: number;
  drainS: number;
  latencyMs: { p50: number; p99: number; max: number; samples: number };
}

const KASUNGU: [number, number] = [33.4686, -13.0146];

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function scratchDatabase(kind: IngestRun['database']): Promise<{ url: string | null; dataDir: string; drop(): Promise<void> }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'corridor-bench-'));
  if (kind === 'embedded') return { url: null, dataDir, drop: () => fs.rm(dataDir, { recursive: true, force: true }) };
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `corridor_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  await admin.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.raw(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    async drop() {
      await admin.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.destroy();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Run one load level; resolves with its figures. */
export async function runIngest(run: IngestRun): Promise<IngestResult> {
  const database = await scratchDatabase(run.database);
  const admin = { email: 'bench@test.example', password: 'bench admin password' }; // the live client signs in as the first admin
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', MAVLINK_LINKS: 'udpin:127.0.0.1:0', DATA_DIR: database.dataDir, DATABASE_URL: database.url ?? undefined, LOG_LEVEL: 'silent',
    ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password,
    LIVE_TELEMETRY_HZ: '1000', // every position measured, as before the pages were throttled to 2 Hz per aircraft
  });
  const platform = await startPlatform(config, pino({ level: 'silent' }));
  const { cookie } = await signInAt(`http://127.0.0.1:${platform.httpPort}`, admin.email, admin.password);
  const socket = io(`http://127.0.0.1:${platform.httpPort}`, { transports: ['websocket'], extraHeaders: { cookie } });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  socket.on('vehicle:telemetry', (vehicle: VehicleView) => {
    const key = `${vehicle.systemId}:${Math.round(vehicle.position!.lat * 1e7)}`;
    const at = sentAt.get(key);
    if (at !== undefined) latencies.push(Date.now() - at);
  });

  const senders = await Promise.all(Array.from({ length: run.aircraft }, async (_, index) => {
    const udp = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    return { udp, systemId: index + 1, sequence: new MessageSequence() };
  }));
  const send = (sender: (typeof senders)[number], message: minimal.Heartbeat | common.GlobalPositionInt) =>
    sender.udp.send(encodeMessage(message, { systemId: sender.systemId, componentId: 1, sequence: sender.sequence.next() }), platform.links[0]!.port, '127.0.0.1');

  const heartbeat = new minimal.Heartbeat();
  heartbeat.type = minimal.MavType.QUADROTOR;
  heartbeat.autopilot = minimal.MavAutopilot.ARDUPILOTMEGA;
  heartbeat.baseMode = minimal.MavModeFlag.SAFETY_ARMED;
  heartbeat.systemStatus = minimal.MavState.ACTIVE;
  senders.forEach((sender) => send(sender, heartbeat));

  const ticks = run.seconds * run.rateHz;
  let sent = 0;
  const startedAtMs = Date.now();
  for (let tick = 0; tick < ticks; tick += 1) {
    if (tick % run.rateHz === 0) senders.forEach((sender) => send(sender, heartbeat));
    for (const sender of senders) {
      // Each aircraft flies its own circle of 2–10 km round the aerodrome; every sample's latitude is unique.
      const radiusDeg = 0.02 + (sender.systemId % 50) * 0.0015;
      const angle = (tick / ticks) * Math.PI * 2 + sender.systemId;
      const position = new common.GlobalPositionInt();
      position.lat = Math.round((KASUNGU[1] + radiusDeg * Math.sin(angle)) * 1e7) + tick;
      position.lon = Math.round((KASUNGU[0] + radiusDeg * Math.cos(angle)) * 1e7);
      position.alt = 1_150_000;
      position.relativeAlt = 100_000;
      position.vx = 500;
      position.vy = 500;
      position.hdg = 4500;
      position.timeBootMs = tick * (1000 / run.rateHz);
      // Latency is measured after the first second: that second is each aircraft's first contact
      // (registration lookup, unregistered alert, stream requests), a start-up burst, not steady state.
      if (tick >= run.rateHz) sentAt.set(`${sender.systemId}:${position.lat}`, Date.now());
      send(sender, position);
      sent += 1;
    }
    const nextAtMs = startedAtMs + ((tick + 1) * 1000) / run.rateHz;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextAtMs - Date.now())));
  }
  const sendingS = (Date.now() - startedAtMs) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 500)); // let the last datagrams land
  const drainStartedAtMs = Date.now();
  await platform.writeQueue.flush();
  const drainS = (Date.now() - drainStartedAtMs) / 1000;
  const { knex } = platform.database;
  const [{ n: stored }] = await knex('telemetry').select(knex.raw('count(*)::int as n'));
  const [{ n: alerts }] = await knex('alerts').select(knex.raw('count(*)::int as n'));
  if (process.env.BENCH_DEBUG) console.log(await knex('alerts').groupBy('kind').select('kind', knex.raw('count(*)::int as n')));
  const [{ n: violations }] = await knex('violations').select(knex.raw('count(*)::int as n'));

  socket.disconnect();
  senders.forEach((sender) => sender.udp.close());
  const positionsAccepted = platform.ingest.statistics.positions;
  await platform.close();
  await database.drop();
  latencies.sort((a, b) => a - b);
  return {
    ...run,
    sent,
    accepted: positionsAccepted,
    stored,
    lost: sent - stored,
    alerts,
    violations,
    sentPerS: Math.round(sent / sendingS),
    storedPerS: Math.round(stored / (sendingS + drainS)),
    drainS,
    latencyMs: { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies.at(-1) ?? NaN, samples: latencies.length },
  };
}
