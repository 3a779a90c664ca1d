/**
 * Differential test (issue 4): the Turf evaluator (geofences/) and PostGIS (geography, metres) judge
 * the same ≥ 100,000 seeded positions round the shipped corridors and their zones, on each database
 * kind. Both judge the same polygons: the zones' geometry as the seed built it in PostGIS
 * (ST_Buffer on geography for circles and routes, ST_MakeEnvelope for boxes), loaded into the
 * evaluator with ST_AsGeoJSON. Containment must be identical except within 0.5 m of a boundary,
 * and distances to the boundary within 0.5 m.
 *
 * One difference of reading is bridged: PostGIS geography joins vertices by great circles, the
 * evaluator (RFC 7946 §3.1.1) by straight lines in [lon, lat]. On the Erromango route buffer's
 * 14 km sides the two lines part by over a metre mid-edge, so the evaluator is given the polygon
 * segmentized by PostGIS (ST_Segmentize on geography, vertices ≤ 500 m apart: same great-circle
 * shape, lines then within millimetres). The undensified comparison is logged beside it.
 */
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileZones, type Zone } from '../geofences/index.ts';
import { corridorSeeds } from '../server/db/corridor-seeds.ts';
import { openDatabase, type Database } from '../server/db/database.ts';
import { emptyCounts, tally, type DifferentialCounts } from './geofence-differential/compare.ts';
import { judgeInPostgis } from './geofence-differential/postgis-judge.ts';
import { positionsAround, seededRandom } from './geofence-differential/seeded-positions.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/test-database.ts';

const POSITIONS = 100_000;
const BAND_M = 0.5;
const TOLERANCE_M = 0.5;
const SEGMENT_M = 500;

interface ZoneRow {
  id: string;
  slug: string;
  corridor_id: string;
  name: string;
  kind: Zone['kind'];
  restriction: Zone['restriction'];
  altitude_min_m: number;
  altitude_max_m: number;
  altitude_reference: Zone['band']['reference'];
  margin_m: number;
  geometry: string;
  dense: string;
}

async function loadZones(knex: Knex): Promise<ZoneRow[]> {
  const result = await knex.raw(`
    SELECT z.id::text, c.slug, z.corridor_id::text, z.name, z.kind, z.restriction, z.altitude_min_m, z.altitude_max_m,
           z.altitude_reference, z.margin_m, ST_AsGeoJSON(z.geometry, 15) AS geometry,
           ST_AsGeoJSON(ST_Segmentize(z.geometry::geography, ?)::geometry, 15) AS dense
    FROM zones z JOIN corridors c ON c.id = z.corridor_id
    WHERE z.valid_to IS NULL ORDER BY c.slug, z.name`, [SEGMENT_M]);
  return result.rows as ZoneRow[];
}

function zoneOf(row: ZoneRow, geometry: 'geometry' | 'dense'): Zone {
  return {
    id: row.id, name: row.name, kind: row.kind, restriction: row.restriction, marginM: Number(row.margin_m),
    band: { minM: Number(row.altitude_min_m), maxM: Number(row.altitude_max_m), reference: row.altitude_reference },
    shape: { type: 'polygon', polygon: JSON.parse(row[geometry]) as GeoJSON.MultiPolygon },
  };
}

const describeCounts = (label: string, counts: DifferentialCounts): string =>
  `${label}: ${counts.positions} positions, ${counts.pairs} (position, zone) pairs (${counts.inside} inside); `
  + `containment ${counts.containmentAgreements} agree, ${counts.containmentDisagreements} disagree, `
  + `${counts.boundaryBandExclusions} within ${BAND_M} m of a boundary (not compared); `
  + `max distance difference ${counts.maxDistanceDifferenceM.toFixed(4)} m (${counts.distanceDisagreements} over ${TOLERANCE_M} m)`
  + (counts.worst ? `, worst at [${counts.worst.position.map((v) => v.toFixed(6)).join(', ')}]: ${counts.worst.evaluatorM.toFixed(3)} m vs ${counts.worst.postgisM.toFixed(3)} m` : '');

describe.each(databaseKinds())('differential: Turf evaluator vs PostGIS geography on the %s database', (kind) => {
  let testDatabase: TestDatabase | undefined;
  let database: Database | undefined;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    database = await openDatabase({ databaseUrl: testDatabase.databaseUrl, dataDir: testDatabase.dataDir });
  });

  afterAll(async () => {
    await database?.close();
    await testDatabase?.drop();
  });

  it(`agrees on ${POSITIONS.toLocaleString('en')} seeded positions round the seeded corridors and zones`, async () => {
    const knex = (database as Database).knex;
    const rows = await loadZones(knex);
    const areas = corridorSeeds.flatMap((seed) => [seed.area, ...seed.zones.map((zone) => zone.area)].map((area) => ({ slug: seed.slug, area })));
    expect(rows).toHaveLength(areas.length); // every seeded area is a zone: each corridor's own boundary and its exclusions
    const random = seededRandom(20_261_127);
    const perArea = Math.ceil(POSITIONS / areas.length);
    const dense = emptyCounts();
    const asStored = emptyCounts();
    const started = performance.now();
    for (const seed of corridorSeeds) {
      const corridorRows = rows.filter((row) => row.slug === seed.slug);
      const positions = areas.filter((a) => a.slug === seed.slug).flatMap(({ area }) => positionsAround(area, perArea, random));
      const verdicts = await judgeInPostgis(knex, corridorRows[0]?.corridor_id ?? '', positions);
      for (const [counts, geometry] of [[dense, 'dense'], [asStored, 'geometry']] as const) {
        const evaluator = compileZones(corridorRows.map((row) => zoneOf(row, geometry)));
        const assessments = positions.map(([lon, lat], i) => evaluator.evaluate({ lon, lat, altitudeMslM: 1100, altitudeAglM: 50, timeMs: i }));
        tally(counts, positions, assessments, verdicts, BAND_M, TOLERANCE_M);
      }
    }
    console.log(`[${kind}] ${describeCounts(`segmentized to ≤ ${SEGMENT_M} m (asserted)`, dense)}`);
    console.log(`[${kind}] ${describeCounts('as stored, not segmentized (for information)', asStored)}`);
    console.log(`[${kind}] both judges and the comparison took ${((performance.now() - started) / 1000).toFixed(1)} s`);

    expect(dense.positions).toBeGreaterThanOrEqual(POSITIONS);
    expect(dense.containmentDisagreements).toBe(0);
    expect(dense.containmentAgreements + dense.boundaryBandExclusions).toBe(dense.pairs);
    expect(dense.boundaryBandExclusions).toBeLessThan(dense.pairs * 0.01); // the band is narrow: almost every pair is compared
    expect(dense.inside).toBeGreaterThan(dense.pairs * 0.1); // and the positions do reach inside the zones
    expect(dense.maxDistanceDifferenceM).toBeLessThanOrEqual(TOLERANCE_M);
    expect(dense.distanceDisagreements).toBe(0);
  }, 300_000);
});
