/**
 * A zone's horizontal extent as GeoJSON, for maps and PostGIS. Polygons come back as a copy;
 * circles become a `steps`-gon with vertices on the circle (so edges cut inside it by up to
 * r·(1 − cos(π/steps)), ≈ 48 m for 40 km at 64 steps) — the fence check itself uses the exact circle.
 */
import { circle } from '@turf/circle';
import { haversineDistanceM } from './haversine-distance.ts';
import { splitRingAtAntimeridian, unwrapRing } from './split-ring-at-antimeridian.ts';
import type { Zone } from './zone.ts';

type Position = [number, number];

/** Options for `zoneToPolygon`. */
export interface ZoneToPolygonOptions {
  /** Vertices around a circle. Default 64. */
  steps?: number;
}

const MESSAGES = {
  badSteps: (steps: unknown) => `zoneToPolygon: options.steps must be an integer ≥ 3, got ${String(steps)}`,
} as const;

/**
 * A ring around a pole in [lon, lat] form: the circle's vertices by longitude from -180 to 180,
 * closed along the two antimeridian sides and the pole itself (the usual map rendering of a polar cap).
 */
function polarCapRing(ring: readonly Position[], poleLat: 90 | -90): Position[] {
  const vertices = ring.slice(0, -1).map(([lon, lat]): Position => [((((lon + 180) % 360) + 360) % 360) - 180, lat]);
  vertices.sort((a, b) => a[0] - b[0]);
  const first = vertices[0] as Position;
  const last = vertices[vertices.length - 1] as Position;
  // Latitude where the circle meets ±180: interpolate across the wrap from the last vertex to the first.
  const span = first[0] + 360 - last[0];
  const edgeLat = span === 0 ? first[1] : last[1] + ((180 - last[0]) / span) * (first[1] - last[1]);
  const cap: Position[] = [[-180, edgeLat], ...vertices, [180, edgeLat], [180, poleLat], [-180, poleLat], [-180, edgeLat]];
  // Exterior rings run counter-clockwise (RFC 7946 §3.1.6): west→east along the south side is CCW for a north cap.
  return poleLat === 90 ? cap : cap.reverse();
}

function circleToPolygon(center: [number, number], radiusM: number, steps: number): GeoJSON.Polygon | GeoJSON.MultiPolygon {
  const ring = circle(center, radiusM, { steps, units: 'meters' }).geometry.coordinates[0] as Position[];
  for (const poleLat of [90, -90] as const) {
    if (haversineDistanceM(center[0], center[1], 0, poleLat) <= radiusM) {
      return { type: 'Polygon', coordinates: [polarCapRing(ring, poleLat)] };
    }
  }
  const parts = splitRingAtAntimeridian(unwrapRing(ring));
  if (parts.length === 1) return { type: 'Polygon', coordinates: [parts[0] as Position[]] };
  return { type: 'MultiPolygon', coordinates: parts.map((part) => [part]) };
}

/**
 * The zone's area as GeoJSON [lon, lat]: a copy of a polygon zone, or a circle approximated by `steps` vertices
 * (default 64), split into a MultiPolygon across the antimeridian and closed over the pole when it contains one;
 * throws an Error when steps is not an integer ≥ 3.
 * @example zoneToPolygon({ ...town, shape: { type: 'circle', center: [33.483, -13.034], radiusM: 1200 } }).coordinates[0].length // 65
 */
export function zoneToPolygon(zone: Zone, options: ZoneToPolygonOptions = {}): GeoJSON.Polygon | GeoJSON.MultiPolygon {
  const { steps = 64 } = options;
  if (!Number.isInteger(steps) || steps < 3) throw new Error(MESSAGES.badSteps(steps));
  if (zone.shape.type === 'polygon') return structuredClone(zone.shape.polygon);
  return circleToPolygon(zone.shape.center, zone.shape.radiusM, steps);
}
