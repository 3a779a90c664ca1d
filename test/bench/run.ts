/**
 * `npm run bench`: prints the platform's performance figures (record them in BENCHMARKS.md).
 *   1. MAVLink decode rate on the real SITL .tlog fixture (protocol/decode.bench.ts);
 *   2. fence evaluations per second for a 10-zone corridor (geofences/evaluate-position.bench.ts), and
 *      against 10 … 10,000 zones beside a naive Turf loop and a PostGIS query per position
 *      (test/bench/geofence-scaling.ts);
 *   3. end to end: N aircraft × 10 Hz over loopback UDP into the platform, on each database.
 * `BENCH_AIRCRAFT=100,250` (at most 254: one link, one system id each) and `BENCH_SECONDS=10` set the load; PostgreSQL is used when reachable
 * at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import knexFactory from 'knex';
import { runIngest, type IngestRun } from './ingest-throughput.ts';

const root = new URL('../..', import.meta.url).pathname;
const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

console.log(`# corridor benchmarks — ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model}\n`);
console.log('## MAVLink decode (protocol/decode.bench.ts)');
run(process.execPath, ['--import', 'tsx', 'protocol/decode.bench.ts']);
console.log('\n## Fence evaluation (geofences/evaluate-position.bench.ts; hz = evaluations/s)');
run(process.execPath, ['node_modules/vitest/vitest.mjs', 'bench', '--run', 'geofences/evaluate-position.bench.ts']);
console.log('\n## Fence evaluation against many zones (test/bench/geofence-scaling.ts; positions/s)');
run(process.execPath, ['--import', 'tsx', 'test/bench/geofence-scaling.ts']);

async function postgresReachable(): Promise<boolean> {
  const knex = knexFactory({ client: 'pg', connection: { connectionString: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', connectionTimeoutMillis: 2000 }, pool: { min: 0, max: 1 } });
  try {
    await knex.raw('select 1');
    return true;
  } catch {
    return false; // no server: the PostgreSQL rows are left out, and the output says so
  } finally {
    await knex.destroy();
  }
}

const aircraftCounts = (process.env.BENCH_AIRCRAFT ?? '100,250').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const databases: IngestRun['database'][] = (await postgresReachable()) ? ['postgres', 'embedded'] : ['embedded'];
if (databases.length === 1) console.log('\n(PostgreSQL not reachable: embedded database only)');
console.log(`\n## End to end: aircraft × 10 Hz for ${seconds} s over loopback UDP → fence check → stored → Socket.IO client`);
console.log('| database | aircraft | sent | accepted | stored | lost | sent/s | stored/s | alerts | violations | drain after send (s) | latency p50 / p99 / max (ms) |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const database of databases) {
  for (const aircraft of aircraftCounts) {
    const result = await runIngest({ database, aircraft, rateHz: 10, seconds });
    const { p50, p99, max } = result.latencyMs;
    console.log(`| ${database} | ${aircraft} | ${result.sent} | ${result.accepted} | ${result.stored} | ${result.lost} | ${result.sentPerS} | ${result.storedPerS} | ${result.alerts} | ${result.violations} | ${result.drainS.toFixed(1)} | ${p50} / ${p99} / ${max} |`);
  }
}
