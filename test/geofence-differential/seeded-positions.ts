/**
 * Seeded random positions around the shipped corridors' seed areas (server/db/corridor-seeds.ts):
 * half spread over the area's surroundings, half within a few hundred metres of its boundary,
 * where the two judges are most likely to differ. [lon, lat] degrees; distances in metres.
 */
import { destination } from '@turf/destination';
import type { SeedArea } from '../../server/db/corridor-seeds.ts';

type Position = [number, number];

/** A small seeded generator (LCG), uniform in [0, 1): the same positions on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function move(from: Position, metres: number, bearingDeg: number): Position {
  const [lon, lat] = destination(from, Math.abs(metres), metres < 0 ? bearingDeg + 180 : bearingDeg, { units: 'meters' }).geometry.coordinates;
  return [lon as number, lat as number];
}

/** A point on the area's outline and the outward bearing there (for routes, the buffer's side: the route offset by halfWidthM). */
function onOutline(area: SeedArea, random: () => number): { at: Position; outwardDeg: number } {
  switch (area.type) {
    case 'circle': {
      const bearing = random() * 360;
      return { at: move(area.center, area.radiusM, bearing), outwardDeg: bearing };
    }
    case 'route': {
      const leg = Math.floor(random() * (area.route.length - 1));
      const [a, b] = [area.route[leg] as Position, area.route[leg + 1] as Position];
      const t = random();
      const along: Position = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
      const heading = (Math.atan2((b[0] - a[0]) * Math.cos((a[1] * Math.PI) / 180), b[1] - a[1]) * 180) / Math.PI;
      const side = random() < 0.5 ? 90 : -90;
      return { at: move(along, area.halfWidthM, heading + side), outwardDeg: heading + side };
    }
    case 'box': {
      const edge = Math.floor(random() * 4);
      const t = random();
      const { west, south, east, north } = area;
      const points: Array<[Position, number]> = [
        [[west + t * (east - west), south], 180], [[east, south + t * (north - south)], 90],
        [[west + t * (east - west), north], 0], [[west, south + t * (north - south)], 270],
      ];
      const [at, outwardDeg] = points[edge] as [Position, number];
      return { at, outwardDeg };
    }
  }
}

/** [west, south, east, north] of the area, widened by `metres`. */
function extent(area: SeedArea, metres: number): [number, number, number, number] {
  const points: Position[] = area.type === 'circle'
    ? [0, 90, 180, 270].map((bearing) => move(area.center, area.radiusM + metres, bearing))
    : area.type === 'route'
      ? area.route.flatMap((p) => [0, 90, 180, 270].map((bearing) => move(p, area.halfWidthM + metres, bearing)))
      : [move([area.west, area.south], metres, 225), move([area.east, area.north], metres, 45)];
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/**
 * `count` positions round `area`: half uniform over its extent widened by 30 % of its size (at least 1 km), half
 * within ±`nearM` metres of its outline (default 300), measured along the outward direction.
 */
export function positionsAround(area: SeedArea, count: number, random: () => number, nearM = 300): Position[] {
  const sizeM = area.type === 'circle' ? area.radiusM : area.type === 'route' ? area.halfWidthM * 4 : 2000;
  const [west, south, east, north] = extent(area, Math.max(1000, 0.3 * sizeM));
  return Array.from({ length: count }, (_, i): Position => {
    if (i % 2 === 0) return [west + random() * (east - west), south + random() * (north - south)];
    const { at, outwardDeg } = onOutline(area, random);
    return move(at, (random() * 2 - 1) * nearM, outwardDeg);
  });
}
