/**
 * Corridors compiled for the per-position fence check: each corridor's current zones
 * (its own boundary-and-ceiling inclusion zone and its exclusions) in one evaluator, and a
 * quick way to find which corridor a position belongs to.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { compileZones, type Zone, type ZoneEvaluator } from '../../geofences/index.ts';
import type { CorridorView, ZoneView } from '../contracts/index.ts';

export interface CorridorFence {
  corridor: CorridorView;
  evaluator: ZoneEvaluator;
  zonesById: ReadonlyMap<string, ZoneView>;
  /** [west, south, east, north] of the boundary, widened by `catchmentDeg`. */
  catchment: [number, number, number, number];
}

export interface CorridorFences {
  readonly fences: readonly CorridorFence[];
  /** The corridor a position belongs to: the one it is in, else the one whose catchment holds it. */
  locate(lon: number, lat: number, current: CorridorFence | null): CorridorFence | null;
}

/** Predicted breaches: 10 s along the velocity horizontally; climbs and descents for 3 s only, since an autopilot
 * levels off at its target altitude (a take-off climb extrapolated for 10 s "busts" every ceiling). */
const LOOK_AHEAD_S = 10;
const VERTICAL_LOOK_AHEAD_S = 3;

/** How far beyond a corridor's boundary an aircraft is still judged against it (≈ 20 km). */
const CATCHMENT_DEG = 0.2;

function toZone(view: ZoneView): Zone {
  return {
    id: view.id,
    name: view.name,
    kind: view.kind,
    restriction: view.restriction,
    // The stored polygon, even for circles: live checks must agree with PostGIS queries over
    // history, which see the stored 64-gon, not the ideal circle (up to ~48 m apart at 40 km).
    shape: { type: 'polygon', polygon: view.geometry },
    band: { minM: view.altitudeMinM, maxM: view.altitudeMaxM, reference: view.altitudeReference },
    marginM: view.marginM,
    version: view.version,
    timeWindow:
      view.windowStartMs === null && view.windowEndMs === null
        ? null
        : { startMs: view.windowStartMs ?? -Infinity, endMs: view.windowEndMs ?? Infinity },
  };
}

function boundsOf(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): [number, number, number, number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const bounds: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of polygons.flat()) {
    for (const [lon, lat] of ring as [number, number][]) {
      bounds[0] = Math.min(bounds[0], lon);
      bounds[1] = Math.min(bounds[1], lat);
      bounds[2] = Math.max(bounds[2], lon);
      bounds[3] = Math.max(bounds[3], lat);
    }
  }
  return bounds;
}

function inCatchment(fence: CorridorFence, lon: number, lat: number): boolean {
  const [west, south, east, north] = fence.catchment;
  return lon >= west && lon <= east && lat >= south && lat <= north;
}

/** Compile corridors (with their zones) into fences. */
export function createCorridorFences(corridors: readonly CorridorView[]): CorridorFences {
  const fences: CorridorFence[] = corridors.map((corridor) => {
    const [west, south, east, north] = boundsOf(corridor.boundary);
    return {
      corridor,
      evaluator: compileZones(corridor.zones.map(toZone), { lookAheadS: LOOK_AHEAD_S, verticalLookAheadS: VERTICAL_LOOK_AHEAD_S }),
      zonesById: new Map(corridor.zones.map((zone) => [zone.id, zone])),
      catchment: [west - CATCHMENT_DEG, south - CATCHMENT_DEG, east + CATCHMENT_DEG, north + CATCHMENT_DEG],
    };
  });
  return {
    fences,
    locate(lon, lat, current) {
      const candidates = fences.filter((fence) => inCatchment(fence, lon, lat));
      const inside = candidates.find((fence) => booleanPointInPolygon([lon, lat], fence.corridor.boundary));
      if (inside) return inside;
      if (current && candidates.includes(current)) return current;
      return candidates[0] ?? null;
    },
  };
}
