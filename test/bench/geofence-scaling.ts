/**
 * Fence check at scale: positions judged per second against 10, 100, 1,000 and 10,000 zones by
 *   1. the compiled evaluator (`compileZones(zones).evaluate`, look-ahead on: each position has a 15 m/s velocity),
 *      reporting every zone's verdict (the default) and only the zones nearby (`report: 'near'`);
 *   2. a naive loop over every zone with turf (booleanPointInPolygon + pointToLineDistance to each ring);
 *   3. one PostGIS query per position, on embedded PGlite + PostGIS (a scratch database in os.tmpdir()) and on
 *      PostgreSQL + PostGIS at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) when reachable,
 *      in a scratch database created and dropped here:
 *      - "every zone": ST_Covers + ST_Distance (sphere, metres) for every zone, as the evaluator reports every zone;
 *      - "GiST 1 km": only zones within 1 km (ST_DWithin on the GiST-indexed geography), PostGIS's best case.
 * Zones and positions are seeded (geofences/test/scaling-zones.ts): illustrative zones round Kasungu, Malawi.
 * Each cell runs for about a second (at least 2 runs), so the whole script stays under two minutes.
 * Run: npx tsx test/bench/geofence-scaling.ts
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { compileZones, zoneToPolygon, type Zone } from '../../geofences/index.ts';
import { naiveEvaluator, scalingSamples, scalingZones } from '../../geofences/test/scaling-zones.ts';

const COUNTS = [10, 100, 1000, 10_000];
const CELL_MS = 1000;
const positions = scalingSamples(1024);

/** Runs per second of `run`, repeated for about CELL_MS (at least twice). */
async function rate(run: (i: number) => unknown): Promise<number> {
  const started = performance.now();
  let runs = 0;
  while (runs < 2 || performance.now() - started < CELL_MS) await run(runs++);
  return runs / ((performance.now() - started) / 1000);
}

interface Sql {
  query(text: string, params?: unknown[]): Promise<unknown[]>;
  close(): Promise<void>;
}

async function embedded(): Promise<Sql> {
  const [{ PGlite }, { postgis }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-postgis')]);
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'geofence-scaling-'));
  const db = await PGlite.create(folder, { extensions: { postgis } });
  return {
    query: async (text, params) => (await db.query(text, params)).rows,
    close: async () => {
      await db.close();
      await fs.rm(folder, { recursive: true, force: true });
    },
  };
}

async function postgres(): Promise<Sql | null> {
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return null; // no server: the PostgreSQL columns say so
  }
  const name = `geofence_scaling_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    query: async (text, params) => (await client.query(text, params)).rows,
    close: async () => {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** One table per zone count: the zones' polygons (circles as their 64-gon) and boundaries as geography, GiST-indexed. */
async function loadZones(sql: Sql, zones: readonly Zone[]): Promise<void> {
  await sql.query('CREATE EXTENSION IF NOT EXISTS postgis');
  const table = `bench_zones_${zones.length}`;
  await sql.query(`DROP TABLE IF EXISTS ${table}`);
  await sql.query(`CREATE TABLE ${table} (id text PRIMARY KEY, area geography NOT NULL, boundary geography NOT NULL)`);
  for (let start = 0; start < zones.length; start += 1000) {
    const batch = zones.slice(start, start + 1000);
    await sql.query(
      `INSERT INTO ${table} SELECT id, g::geography, ST_Boundary(g)::geography
       FROM (SELECT id, ST_SetSRID(ST_GeomFromGeoJSON(json), 4326) AS g FROM unnest($1::text[], $2::text[]) AS t(id, json)) s`,
      [batch.map((zone) => zone.id), batch.map((zone) => JSON.stringify(zoneToPolygon(zone)))],
    );
  }
  await sql.query(`CREATE INDEX ON ${table} USING gist (area)`);
  await sql.query(`ANALYZE ${table}`);
}

async function postgisRates(sql: Sql, count: number): Promise<[number, number]> {
  const table = `bench_zones_${count}`;
  const point = 'ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography';
  const everyZone = `SELECT id, ST_Covers(area, ${point}) AS inside, ST_Distance(boundary, ${point}, false) AS distance_m FROM ${table}`;
  const nearby = `SELECT id, ST_Covers(area, ${point}) AS inside, ST_Distance(boundary, ${point}, false) AS distance_m FROM ${table} WHERE ST_DWithin(area, ${point}, 1000, false)`;
  const at = (i: number) => [positions[i & 1023]?.lon, positions[i & 1023]?.lat];
  return [await rate((i) => sql.query(everyZone, at(i))), await rate((i) => sql.query(nearby, at(i)))];
}

const format = (perS: number | null): string => (perS === null ? '—' : perS >= 100 ? Math.round(perS).toLocaleString('en') : perS.toPrecision(3));

console.log(`# Fence check at scale — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model}`);
console.log(`positions/s; ${positions.length} seeded positions with velocity, zones as in geofences/test/scaling-zones.ts\n`);
const databases: Array<[string, Sql | null]> = [['PGlite', await embedded()], ['PostgreSQL', await postgres()]];
const rows: string[] = [];
for (const count of COUNTS) {
  const zones = scalingZones(count);
  const evaluator = compileZones(zones);
  const near = compileZones(zones, { report: 'near' });
  const naive = naiveEvaluator(zones);
  const cells = [
    format(await rate((i) => evaluator.evaluate(positions[i & 1023]!))),
    format(await rate((i) => near.evaluate(positions[i & 1023]!))),
    format(await rate((i) => naive(positions[i & 1023]!))),
  ];
  for (const [, sql] of databases) {
    if (!sql) {
      cells.push('—', '—');
      continue;
    }
    await loadZones(sql, zones);
    cells.push(...(await postgisRates(sql, count)).map(format));
  }
  rows.push(`| ${count.toLocaleString('en')} | ${cells.join(' | ')} |`);
}
for (const [, sql] of databases) await sql?.close();
console.log('| zones | evaluator, every zone | evaluator, report near | naive turf loop | PGlite, every zone | PGlite, GiST 1 km | PostgreSQL, every zone | PostgreSQL, GiST 1 km |');
console.log('|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
if (!databases[1]?.[1]) console.log('\n(PostgreSQL not reachable: its columns are empty)');
