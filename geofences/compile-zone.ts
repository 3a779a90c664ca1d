/**
 * One zone prepared for the hot path: horizontal containment and boundary distance as
 * closures over precomputed geometry, the effective altitude band, and the search box
 * (bounding box widened by the margin) that the R-tree indexes.
 */
import { bbox } from '@turf/bbox';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { boundarySegments, distanceToBoundaryM } from './distance-to-boundary.ts';
import { EARTH_RADIUS_M, haversineDistanceM, metresToLatitudeDeg } from './haversine-distance.ts';
import { circleLegCrossings, polygonLegCrossings } from './leg-crossings.ts';
import type { Zone } from './zone.ts';

const RAD = Math.PI / 180;

/** A zone with its geometry precomputed for `compileZones`; lon/lat in degrees, distances in metres. */
export interface CompiledZone {
  zone: Zone;
  /** True when [lon, lat] is inside or exactly on the boundary (holes are outside, their rims inside). */
  contains(lon: number, lat: number): boolean;
  /** Unsigned great-circle metres from [lon, lat] to the nearest boundary (any ring). */
  distanceToBoundaryM(lon: number, lat: number): number;
  /** Fractions 0…1 along the straight [lon, lat] leg A→B where it crosses the boundary (see leg-crossings.ts). */
  legCrossings(lonA: number, latA: number, lonB: number, latB: number): number[];
  /** Band floor in metres, or -Infinity when the floor is the ground (see `ignoreFloorAtOrBelowZero`). */
  floorM: number;
  ceilingM: number;
  /** [west, south, east, north] degrees: the bounding box widened by marginM, whole-world in lon when it reaches a pole or ±180. */
  searchBox: [number, number, number, number];
}

/** Options for `compileZone`. */
export interface CompileZoneOptions {
  /** Treat a band floor ≤ 0 m as the ground, i.e. no floor limit (relative altitude reads slightly negative on the pad). Default true. */
  ignoreFloorAtOrBelowZero?: boolean;
}

/** Widen [west, south, east, north] by `metres` on the sphere, conservatively; never throws. */
function widenBox(box: readonly number[], metres: number): [number, number, number, number] {
  const [west = -180, south = -90, east = 180, north = 90] = box;
  const dLat = metresToLatitudeDeg(metres);
  const newSouth = Math.max(-90, south - dLat);
  const newNorth = Math.min(90, north + dLat);
  const poleward = Math.max(Math.abs(newSouth), Math.abs(newNorth));
  if (poleward >= 89.999) return [-180, newSouth, 180, newNorth];
  const dLon = dLat / Math.cos(poleward * RAD);
  if (west - dLon < -180 || east + dLon > 180) return [-180, newSouth, 180, newNorth];
  return [west - dLon, newSouth, east + dLon, newNorth];
}

type Parts = Pick<CompiledZone, 'contains' | 'distanceToBoundaryM' | 'legCrossings'> & { box: number[] };

function circleParts(center: [number, number], radiusM: number): Parts {
  const [cLon, cLat] = center;
  const dLat = metresToLatitudeDeg(radiusM);
  const reachesPole = Math.abs(cLat) + dLat >= 90;
  const poleward = Math.min(89.999, Math.abs(cLat) + dLat);
  const dLon = reachesPole || radiusM >= EARTH_RADIUS_M * (Math.PI / 2) ? 180 : dLat / Math.cos(poleward * RAD);
  return {
    // Exact on the sphere (not the 64-gon zoneToPolygon draws): the boundary is the circle itself.
    contains: (lon, lat) => haversineDistanceM(cLon, cLat, lon, lat) <= radiusM,
    distanceToBoundaryM: (lon, lat) => Math.abs(haversineDistanceM(cLon, cLat, lon, lat) - radiusM),
    legCrossings: (lonA, latA, lonB, latB) => circleLegCrossings(cLon, cLat, radiusM, lonA, latA, lonB, latB),
    box: reachesPole || dLon >= 180
      ? [-180, Math.max(-90, cLat - dLat), 180, Math.min(90, cLat + dLat)]
      : [cLon - dLon, cLat - dLat, cLon + dLon, cLat + dLat],
  };
}

function polygonParts(polygon: GeoJSON.Polygon | GeoJSON.MultiPolygon): Parts {
  const segments = boundarySegments(polygon);
  const scratch = new Float64Array(segments.length / 4); // per zone, reused by every distance query
  const position: [number, number] = [0, 0];
  return {
    contains: (lon, lat) => {
      position[0] = lon;
      position[1] = lat;
      return booleanPointInPolygon(position, polygon);
    },
    distanceToBoundaryM: (lon, lat) => distanceToBoundaryM(segments, lon, lat, scratch),
    legCrossings: (lonA, latA, lonB, latB) => polygonLegCrossings(segments, lonA, latA, lonB, latB),
    box: bbox(polygon),
  };
}

/** Precompute one zone (assumed valid: run `validateZone` first); never throws for a valid zone. */
export function compileZone(zone: Zone, options: CompileZoneOptions = {}): CompiledZone {
  const { ignoreFloorAtOrBelowZero = true } = options;
  const parts = zone.shape.type === 'circle'
    ? circleParts(zone.shape.center, zone.shape.radiusM)
    : polygonParts(zone.shape.polygon);
  return {
    zone,
    contains: parts.contains,
    distanceToBoundaryM: parts.distanceToBoundaryM,
    legCrossings: parts.legCrossings,
    floorM: ignoreFloorAtOrBelowZero && zone.band.minM <= 0 ? -Infinity : zone.band.minM,
    ceilingM: zone.band.maxM,
    searchBox: widenBox(parts.box, zone.marginM),
  };
}
