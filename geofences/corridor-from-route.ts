/**
 * A corridor as a buffer around a launch-to-clinic route (how Vanuatu's corridors are best
 * seeded). turf's buffer works in an azimuthal-equidistant projection centred on the route,
 * so widths are true metres at corridor scale (≤ 100 km); round ends and joins, 8 steps per quarter turn.
 */
import { buffer } from '@turf/buffer';
import { lineString } from '@turf/helpers';
import { positionProblem } from './position-problem.ts';

const MESSAGES = {
  shortRoute: (route: unknown) => `corridorFromRoute: route must be an array of at least 2 [lon, lat] positions, got ${JSON.stringify(route)}`,
  badPosition: (i: number, problem: string) => `corridorFromRoute: route[${i}] ${problem}`,
  badWidth: (width: unknown) => `corridorFromRoute: halfWidthM must be a finite number > 0 metres, got ${String(width)}`,
  antimeridian: 'corridorFromRoute: the corridor would cross the antimeridian (lon ±180), which needs a MultiPolygon; '
    + 'split the route at ±180 and build one corridor per side (RFC 7946 §3.1.9)',
  notOnePolygon: (type: string) => `corridorFromRoute: buffering the route gave a ${type}, expected one Polygon`,
} as const;

function checkInputs(route: readonly (readonly number[])[], halfWidthM: number): void {
  if (!Array.isArray(route) || route.length < 2) throw new Error(MESSAGES.shortRoute(route));
  route.forEach((position, i) => {
    const problem = positionProblem(position);
    if (problem) throw new Error(MESSAGES.badPosition(i, problem));
  });
  if (typeof halfWidthM !== 'number' || !Number.isFinite(halfWidthM) || halfWidthM <= 0) throw new Error(MESSAGES.badWidth(halfWidthM));
}

function jumpsAntimeridian(positions: readonly (readonly number[])[]): boolean {
  return positions.some((p, i) => i > 0 && Math.abs((p[0] ?? 0) - (positions[i - 1]?.[0] ?? 0)) > 180);
}

/**
 * Polygon of every point within `halfWidthM` metres of the [lon, lat] route; throws an Error for < 2 positions, a bad
 * position ("likely swapped" for [lat, lon]), a width ≤ 0, or a corridor that would cross the antimeridian (a single
 * Polygon cannot: split the route there). Never mutates its input.
 * @example corridorFromRoute([[169.0, -18.81], [169.27, -18.75]], 500) // Dillon's Bay → Cook's Bay, Erromango, 1 km wide
 */
export function corridorFromRoute(route: [number, number][], halfWidthM: number): GeoJSON.Polygon {
  checkInputs(route, halfWidthM);
  if (jumpsAntimeridian(route)) throw new Error(MESSAGES.antimeridian);
  const buffered = buffer(lineString(route.map(([lon, lat]) => [lon, lat])), halfWidthM, { units: 'meters' });
  const geometry = buffered?.geometry;
  if (!geometry || geometry.type !== 'Polygon') throw new Error(MESSAGES.notOnePolygon(geometry?.type ?? 'nothing'));
  // d3's inverse projection wraps longitudes into [-180, 180]: a corridor spilling over ±180 shows up as a jump.
  if (geometry.coordinates.some(jumpsAntimeridian)) throw new Error(MESSAGES.antimeridian);
  return { type: 'Polygon', coordinates: geometry.coordinates };
}
