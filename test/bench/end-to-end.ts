/**
 * End-to-end load benchmark: the server as its own process (`node --import tsx server/main.ts`, a
 * fresh database, one `udpin` link per 250 aircraft on fixed free ports), N aircraft at 10 Hz over
 * real UDP from a worker thread (e2e-sender.ts), M signed-in Socket.IO clients on this thread.
 * Reports positions sent and accepted (/s), stored (rows in `telemetry`, counted in the database
 * after the server stopped with SIGTERM) and lost (sent − stored), how long the writes took to
 * drain, the send → client latency (p50, p99, max after the first WARM_UP_S seconds, when every
 * aircraft makes first contact at once, and the worst of those seconds apart; one clock), the share of positions the clients got (live updates are volatile), the server process's
 * CPU (% of one core, /proc) and peak resident memory, the PostgreSQL backends' CPU, the event-loop
 * lag — and, in the same run, how many of the same datagrams a bare Node UDP socket in its own
 * process receives per second when they are sent flat out (bare-udp-receiver.ts): the ceiling.
 * (Deliberately over 200 lines: one run, read top to bottom.)
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import type { VehicleView } from '../../server/contracts/index.ts';
import type { SenderOptions, SenderResult } from './e2e-sender.ts';
import {
  cpuSecondsOf, freeTcpPort, freeUdpPorts, metricValue, quantile, residentMbOf, scratchDatabase, type DatabaseKind, type ScratchDatabase,
} from './e2e-support.ts';

export interface EndToEndRun {
  database: DatabaseKind;
  aircraft: number;
  rateHz: number;
  seconds: number;
  /** Socket.IO clients receiving every position (signed in as the admin, who sees every aircraft). */
  clients: number;
  /** The server's LIVE_TELEMETRY_HZ: 1000 forwards every position (each one's latency measured); the default 2 is what pages get. */
  liveHz: number;
}

export interface EndToEndResult extends EndToEndRun {
  sent: number;
  accepted: number;
  /** Positions the ingest had taken by the end of sending, per second of sending: the sustained rate. */
  acceptedPerS: number;
  stored: number;
  lost: number;
  /** From the end of sending until every accepted position was written (s). */
  drainS: number;
  /** After the first WARM_UP_S seconds (steady state). */
  latencyMs: { p50: number; p99: number; max: number; samples: number };
  /** The worst of the first WARM_UP_S seconds, while every aircraft makes first contact at once. */
  startUpLatencyMaxMs: number;
  /** Positions the clients received / positions sent after the first second × clients (%). */
  receivedPct: number;
  serverCpuPct: number;
  serverRssMaxMb: number;
  /** PostgreSQL backends serving the run (% of one core); null on the embedded database. */
  postgresCpuPct: number | null;
  eventLoopLagP99Ms: number;
  /** This process — sender worker and Socket.IO clients — while sending (% of one core). */
  benchCpuPct: number;
  /** Telemetry rows the write queue sent to its disk spool (it could not keep up in memory). */
  spilledRows: number;
  ceiling: { sent: number; received: number; receivedPerS: number };
}

const root = new URL('../..', import.meta.url).pathname;
/** System ids per link: MAVLink ids are 1–255, and a link keys vehicles by (link, system id, component id). */
const AIRCRAFT_PER_LINK = 250;
/** Seconds of start-up (every aircraft's first contact at once) kept out of the steady-state latency and reported apart. */
const WARM_UP_S = 3;
const ADMIN = { email: 'bench@test.example', password: 'bench admin password' };
const METRICS_TOKEN = 'end-to-end-benchmark-metrics-token';

/** A worker thread does not inherit tsx's loader: it registers it (tsx/esm/api) before importing the TypeScript sender. */
const SENDER_BOOT = (() => {
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const sender = new URL('./e2e-sender.ts', import.meta.url).href;
  return `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(sender)}); })`;
})();

function startSender(options: Omit<SenderOptions, 'sentAtMs'> & { sentAtMs?: SharedArrayBuffer }): Promise<SenderResult> {
  const worker = new Worker(SENDER_BOOT, { eval: true, workerData: { sentAtMs: new SharedArrayBuffer(8), ...options } });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: SenderResult) => void worker.terminate().then(() => resolve(result)));
    worker.once('error', reject);
  });
}

/** The ceiling: the same positions sent flat out for `seconds` into a bare Node UDP socket in another process. */
async function measureCeiling(run: EndToEndRun): Promise<EndToEndResult['ceiling']> {
  const receiver = fork(path.join(root, 'test/bench/bare-udp-receiver.ts'), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ port }] = (await once(receiver, 'message')) as [{ port: number }];
  try {
    receiver.send('start');
    const ports = Array.from({ length: Math.ceil(run.aircraft / AIRCRAFT_PER_LINK) }, () => port);
    const sender = await startSender({ mode: 'flat-out', aircraft: run.aircraft, ports, perLink: AIRCRAFT_PER_LINK, rateHz: run.rateHz, seconds: run.seconds });
    receiver.send('stop');
    const [{ datagrams }] = (await once(receiver, 'message')) as [{ datagrams: number }];
    return { sent: sender.sent, received: datagrams, receivedPerS: Math.round(datagrams / sender.sendingS) };
  } finally {
    if (receiver.exitCode === null) receiver.kill();
  }
}

async function startServer(run: EndToEndRun, database: ScratchDatabase, httpPort: number, linkPorts: number[]): Promise<{ child: ChildProcess; logFile: string }> {
  const logFile = path.join(database.dataDir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(httpPort), HOST: '127.0.0.1', DATA_DIR: database.dataDir, DATABASE_URL: database.url ?? '',
    MAVLINK_LINKS: linkPorts.map((port) => `udpin:127.0.0.1:${port}`).join(','),
    ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SEED_DEMO: 'false', METRICS_TOKEN,
    LIVE_TELEMETRY_HZ: String(run.liveHz),
    LOG_LEVEL: 'info', INGEST_SUMMARY_S: '5', WEB_DIST_DIR: path.join(database.dataDir, 'no-web'),
  };
  // BENCH_SERVER_ARGS: extra node options for the server, e.g. '--cpu-prof --cpu-prof-dir=/tmp/profiles' to profile a run.
  const extraArgs = process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extraArgs, '--import', 'tsx', 'server/main.ts'], { cwd: root, env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`server exited (${code}) before it was ready; log: ${logFile}\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
  });
  const ready = (async () => {
    for (const deadline = Date.now() + 180_000; Date.now() < deadline;) {
      const answer = await fetch(`http://127.0.0.1:${httpPort}/healthz`).catch(() => null);
      if (answer?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`server not ready after 180 s; log: ${logFile}`);
  })();
  await Promise.race([ready, exited]);
  exited.catch(() => undefined); // later exits are ours (SIGTERM)
  return { child, logFile };
}

async function connectClients(run: EndToEndRun, baseUrl: string): Promise<Socket[]> {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (!login.ok) throw new Error(`sign-in refused: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((header) => header.split(';')[0]).join('; ');
  return Promise.all(Array.from({ length: run.clients }, async () => {
    const socket = io(baseUrl, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie } });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  }));
}

/** Run one load level on one database; resolves with its figures. */
export async function runEndToEnd(run: EndToEndRun): Promise<EndToEndResult> {
  const ceiling = process.env.BENCH_SKIP_CEILING ? { sent: 0, received: 0, receivedPerS: 0 } : await measureCeiling(run);
  const database = await scratchDatabase(run.database, `${run.database}_${run.aircraft}`);
  const httpPort = await freeTcpPort();
  const linkPorts = await freeUdpPorts(Math.ceil(run.aircraft / AIRCRAFT_PER_LINK));
  const baseUrl = `http://127.0.0.1:${httpPort}`;
  const { child, logFile } = await startServer(run, database, httpPort, linkPorts);
  const scrape = async () => (await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  try {
    const sockets = await connectClients(run, baseUrl);
    const ticks = run.rateHz * run.seconds;
    const sentAtMs = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT * run.aircraft * ticks);
    const sentAt = new Float64Array(sentAtMs);
    const linkIndex = new Map(linkPorts.map((port, index) => [`udp-${port}`, index]));
    const latencies: number[] = [];
    const startUpLatencies: number[] = [];
    /** BENCH_LATENCY_BY_SECOND=1 prints p50/p99 for each second of sending (where a slow start or a stall sits). */
    const latencyBySecond: number[][] = [];
    for (const socket of sockets) {
      socket.on('vehicle:telemetry', (vehicle: VehicleView) => {
        const atMs = performance.timeOrigin + performance.now();
        const tick = Math.round((vehicle.position!.altitudeRelativeM - 100) * 1000);
        const index = linkIndex.get(vehicle.linkId)! * AIRCRAFT_PER_LINK + vehicle.systemId - 1;
        const sentAtMs = sentAt[index * ticks + tick];
        // The first seconds are every aircraft's first contact at once (new vehicle, unregistered alert, flight and
        // .tlog opened): reported apart as the start-up latency, the rest is the steady state.
        if (sentAtMs) (tick >= WARM_UP_S * run.rateHz ? latencies : startUpLatencies).push(atMs - sentAtMs);
        if (sentAtMs) (latencyBySecond[Math.floor(tick / run.rateHz)] ??= []).push(atMs - sentAtMs);
      });
    }

    const pgPids = await database.backendPids();
    const cpuAtStart = await cpuSecondsOf(child.pid!);
    const pgCpuAtStart = new Map(await Promise.all(pgPids.map(async (pid) => [pid, await cpuSecondsOf(pid)] as const)));
    let rssMaxMb = 0;
    const rssSampler = setInterval(() => void residentMbOf(child.pid!).then((mb) => (rssMaxMb = Math.max(rssMaxMb, mb ?? 0))), 500);
    const benchCpuAtStart = process.cpuUsage();
    const startedAtMs = Date.now();
    const sender = await startSender({ mode: 'schedule', aircraft: run.aircraft, ports: linkPorts, perLink: AIRCRAFT_PER_LINK, rateHz: run.rateHz, seconds: run.seconds, sentAtMs });
    const wallS = (Date.now() - startedAtMs) / 1000;
    if (process.env.BENCH_LATENCY_BY_SECOND) {
      const sorted = latencyBySecond.map((values) => Float64Array.from(values ?? []).sort());
      console.log(sorted.map((values, second) => `${second}s ${quantile(values, 0.5).toFixed(0)}/${quantile(values, 0.99).toFixed(0)}`).join('  '));
    }
    const serverCpuPct = (((await cpuSecondsOf(child.pid!)) ?? NaN) - cpuAtStart!) / wallS * 100;
    let pgCpuS = 0;
    for (const pid of await database.backendPids()) pgCpuS += ((await cpuSecondsOf(pid)) ?? 0) - (pgCpuAtStart.get(pid) ?? 0);
    clearInterval(rssSampler);
    const benchCpu = process.cpuUsage(benchCpuAtStart);
    const benchCpuPct = ((benchCpu.user + benchCpu.system) / 1e6 / wallS) * 100;
    // The event-loop lag over the sending (prom-client's histogram restarts at each scrape), and what the
    // ingest had taken by the end of it (an overloaded server takes the rest from its kernel buffers later).
    const atEndOfSending = await scrape();
    const lagP99Ms = metricValue(atEndOfSending, 'nodejs_eventloop_lag_p99_seconds') * 1000;
    const acceptedWhileSending = metricValue(atEndOfSending, 'corridor_positions_total');

    // Drain: until every accepted position is written, or nothing moved for 10 s.
    const drainStartedAtMs = Date.now();
    let metrics = await scrape();
    let lastWritten = -1;
    let lastProgressAtMs = Date.now();
    for (;;) {
      const written = metricValue(metrics, 'corridor_telemetry_rows_written_total');
      if (written >= metricValue(metrics, 'corridor_positions_total')) break;
      if (written !== lastWritten) [lastWritten, lastProgressAtMs] = [written, Date.now()];
      if (Date.now() - lastProgressAtMs > 10_000) break;
      await new Promise((resolve) => setTimeout(resolve, 1000)); // a scrape costs the server a few ms: not too often
      metrics = await scrape();
    }
    const drainS = (Date.now() - drainStartedAtMs) / 1000;
    sockets.forEach((socket) => socket.disconnect());

    child.kill('SIGTERM');
    await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, 60_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    const opened = await database.open();
    const [{ n: stored }] = await opened.knex('telemetry').select(opened.knex.raw('count(*)::int as n'));
    await opened.close();

    latencies.sort((a, b) => a - b);
    const expectedReceipts = run.aircraft * (ticks - WARM_UP_S * run.rateHz) * run.clients * Math.min(1, run.liveHz / run.rateHz);
    const accepted = metricValue(metrics, 'corridor_positions_total');
    return {
      ...run,
      sent: sender.sent,
      accepted,
      acceptedPerS: Math.round(acceptedWhileSending / sender.sendingS),
      stored: stored as number,
      lost: sender.sent - (stored as number),
      drainS,
      latencyMs: { p50: Math.round(quantile(latencies, 0.5)), p99: Math.round(quantile(latencies, 0.99)), max: Math.round(latencies.at(-1) ?? NaN), samples: latencies.length },
      startUpLatencyMaxMs: Math.round(startUpLatencies.reduce((most, value) => Math.max(most, value), 0)),
      receivedPct: Math.round((latencies.length / expectedReceipts) * 1000) / 10,
      serverCpuPct: Math.round(serverCpuPct),
      serverRssMaxMb: Math.round(rssMaxMb),
      postgresCpuPct: run.database === 'postgres' ? Math.round((pgCpuS / wallS) * 100) : null,
      eventLoopLagP99Ms: Math.round(lagP99Ms),
      benchCpuPct: Math.round(benchCpuPct),
      spilledRows: metricValue(metrics, 'corridor_telemetry_rows_spilled_total'),
      ceiling,
    };
  } catch (error) {
    console.error(`end-to-end ${run.database} ${run.aircraft}: ${(error as Error).message}; server log: ${logFile}`);
    throw error;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (!process.env.BENCH_KEEP) await database.drop();
  }
}

/** The table's header and one row per result (Markdown). */
export const END_TO_END_HEADER = [
  '| database | aircraft | sent | accepted/s | stored | lost | drain (s) | latency p50 / p99 / max (ms), steady | start-up max (ms), first 3 s | clients got | server CPU (% of a core) | server RSS max (MB) | PostgreSQL CPU | event-loop lag p99 (ms) | bench CPU (sender + clients) | spilled rows | bare UDP socket ceiling (datagrams/s) |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
].join('\n');

export function endToEndRow(result: EndToEndResult): string {
  const { p50, p99, max } = result.latencyMs;
  return `| ${result.database} | ${result.aircraft} | ${result.sent} | ${result.acceptedPerS} | ${result.stored} | ${result.lost} | ${result.drainS.toFixed(1)} | ${p50} / ${p99} / ${max} | ${result.startUpLatencyMaxMs} | ${result.receivedPct} % `
    + `| ${result.serverCpuPct} | ${result.serverRssMaxMb} | ${result.postgresCpuPct === null ? '—' : `${result.postgresCpuPct} %`} | ${result.eventLoopLagP99Ms} | ${result.benchCpuPct} | ${result.spilledRows} | ${result.ceiling.receivedPerS} (${result.ceiling.received} of ${result.ceiling.sent}) |`;
}
