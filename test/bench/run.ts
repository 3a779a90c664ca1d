/**
 * `npm run bench`: prints the platform's performance figures (record them in BENCHMARKS.md).
 * Sections, all by default, or name some: `npm run bench -- end-to-end --aircraft 100 --db postgres --seconds 10`.
 *   decode      MAVLink decode rate on the real SITL .tlog fixture (protocol/decode.bench.ts);
 *   fences      fence evaluations per second for a 10-zone corridor (geofences/evaluate-position.bench.ts);
 *   scaling     against 10 … 10,000 zones beside a naive Turf loop and a PostGIS query per position (test/bench/geofence-scaling.ts);
 *   ingest      in-process: N aircraft × 10 Hz into startPlatform (test/bench/ingest-throughput.ts;
 *               `BENCH_AIRCRAFT=100,250`, at most 254, and `BENCH_SECONDS=10`);
 *   end-to-end  the server as its own process, N aircraft × 10 Hz over UDP, M Socket.IO clients, the bare-UDP
 *               ceiling (test/bench/end-to-end.ts); `--aircraft 100,1000,2000 --db postgres,embedded --seconds 30 --clients 2 --live-hz 2` (the server's default page rate; 1000 forwards every position).
 * PostgreSQL is used when reachable at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import knexFactory from 'knex';
import { END_TO_END_HEADER, endToEndRow, runEndToEnd } from './end-to-end.ts';
import { ADMIN_DATABASE_URL, type DatabaseKind } from './e2e-support.ts';
import { runIngest } from './ingest-throughput.ts';

const SECTIONS = ['decode', 'fences', 'scaling', 'ingest', 'end-to-end'] as const;
const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    aircraft: { type: 'string', default: '100,1000,2000' },
    db: { type: 'string', default: 'postgres,embedded' },
    seconds: { type: 'string', default: '30' },
    clients: { type: 'string', default: '2' },
    'live-hz': { type: 'string', default: '2' },
  },
});
const unknown = positionals.filter((name) => !(SECTIONS as readonly string[]).includes(name));
if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(', ')}: expected some of ${SECTIONS.join(', ')}`);
const wanted = (section: (typeof SECTIONS)[number]) => positionals.length === 0 || positionals.includes(section);

const root = new URL('../..', import.meta.url).pathname;
const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

async function postgresReachable(): Promise<boolean> {
  const knex = knexFactory({ client: 'pg', connection: { connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 2000 }, pool: { min: 0, max: 1 } });
  try {
    await knex.raw('select 1');
    return true;
  } catch {
    return false; // no server: the PostgreSQL rows are left out, and the output says so
  } finally {
    await knex.destroy();
  }
}

console.log(`# corridor benchmarks — ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model}\n`);
if (wanted('decode')) {
  console.log('## MAVLink decode (protocol/decode.bench.ts)');
  run(process.execPath, ['--import', 'tsx', 'protocol/decode.bench.ts']);
}
if (wanted('fences')) {
  console.log('\n## Fence evaluation (geofences/evaluate-position.bench.ts; hz = evaluations/s)');
  run(process.execPath, ['node_modules/vitest/vitest.mjs', 'bench', '--run', 'geofences/evaluate-position.bench.ts']);
}
if (wanted('scaling')) {
  console.log('\n## Fence evaluation against many zones (test/bench/geofence-scaling.ts; positions/s)');
  run(process.execPath, ['--import', 'tsx', 'test/bench/geofence-scaling.ts']);
}

const reachable = await postgresReachable();
if (!reachable) console.log('\n(PostgreSQL not reachable: embedded database only)');
const databasesOf = (list: string): DatabaseKind[] => list.split(',').map((kind) => {
  if (kind !== 'postgres' && kind !== 'embedded') throw new Error(`--db: expected postgres and/or embedded, got ${kind}`);
  return kind;
}).filter((kind) => reachable || kind === 'embedded');

if (wanted('ingest')) {
  const aircraftCounts = (process.env.BENCH_AIRCRAFT ?? '100,250').split(',').map(Number);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  console.log(`\n## In-process ingest: aircraft × 10 Hz for ${seconds} s over loopback UDP → fence check → stored → Socket.IO client`);
  console.log('| database | aircraft | sent | accepted | stored | lost | sent/s | stored/s | alerts | violations | drain after send (s) | latency p50 / p99 / max (ms) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const database of databasesOf('postgres,embedded')) {
    for (const aircraft of aircraftCounts) {
      const result = await runIngest({ database, aircraft, rateHz: 10, seconds });
      const { p50, p99, max } = result.latencyMs;
      console.log(`| ${database} | ${aircraft} | ${result.sent} | ${result.accepted} | ${result.stored} | ${result.lost} | ${result.sentPerS} | ${result.storedPerS} | ${result.alerts} | ${result.violations} | ${result.drainS.toFixed(1)} | ${p50} / ${p99} / ${max} |`);
    }
  }
}

if (wanted('end-to-end')) {
  const seconds = Number(options.seconds);
  const clients = Number(options.clients);
  console.log(`\n## End to end: server process, aircraft × 10 Hz for ${seconds} s over UDP, ${clients} Socket.IO clients, LIVE_TELEMETRY_HZ=${options['live-hz']} (test/bench/end-to-end.ts)`);
  console.log(END_TO_END_HEADER);
  for (const database of databasesOf(options.db)) {
    for (const aircraft of options.aircraft.split(',').map(Number)) {
      console.log(endToEndRow(await runEndToEnd({ database, aircraft, rateHz: 10, seconds, clients, liveHz: Number(options['live-hz']) })));
    }
  }
}
