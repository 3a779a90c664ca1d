/**
 * Zones from a GeoJSON FeatureCollection (the platform's own exchange form, written by
 * `zonesToGeoJson`). One feature is one zone:
 * - geometry: a Polygon or MultiPolygon ([lon, lat], RFC 7946), or a Point with `radiusM` for a circle;
 * - `id` (the feature's id, or `properties.id`), required; `properties.name` (default: the id);
 * - `properties.kind` ('inclusion' | 'exclusion'), `restriction` ('prohibited' | 'authorisation' | 'conditional');
 * - `altitudeMinM`, `altitudeMaxM`, `altitudeReference` ('AGL' | 'MSL'); `marginM` (default 0);
 * - `start` / `end`: optional ISO 8601 times with a zone, the window in force (either may be left open);
 * - `version`: optional integer ≥ 1.
 */
import { featureLabel, ImportProblems, parseIsoTime } from './import-problems.ts';
import type { TimeWindow, Zone, ZoneShape } from './zone.ts';

const MESSAGES = {
  notCollection: (value: unknown) => `zonesFromGeoJson: expected a GeoJSON FeatureCollection with a features array, got ${JSON.stringify(value)?.slice(0, 80)}`,
  notFeature: (value: unknown) => `must be a GeoJSON Feature, got ${JSON.stringify(value)?.slice(0, 80)}`,
  noId: 'is missing: set the feature\'s id or properties.id (a non-empty string or a number)',
  duplicateId: (id: string, first: number) => `"${id}" is already used by features[${first}]; zone ids must be unique`,
  noRadius: 'is missing: a Point is a circle zone and needs radiusM (metres)',
  badGeometry: (type: unknown) => `must be a Polygon, a MultiPolygon, or a Point with properties.radiusM (a circle), got type ${JSON.stringify(type)}`,
} as const;

/** Where a zone's own paths lie in a feature, for problem messages. */
const PATHS = {
  name: 'properties.name', kind: 'properties.kind', restriction: 'properties.restriction',
  'shape.polygon': 'geometry', 'shape.center': 'geometry.coordinates', 'shape.radiusM': 'properties.radiusM',
  'band.minM': 'properties.altitudeMinM', 'band.maxM': 'properties.altitudeMaxM', 'band.reference': 'properties.altitudeReference',
  band: 'properties (altitudeMinM, altitudeMaxM)', marginM: 'properties.marginM', timeWindow: 'properties (start, end)', version: 'properties.version',
} as const;

type Properties = Record<string, unknown>;

function idOf(feature: GeoJSON.Feature): string | null {
  const id = feature.id ?? (feature.properties as Properties | null)?.id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return typeof id === 'string' && id !== '' ? id : null;
}

function shapeOf(geometry: GeoJSON.Geometry | null, properties: Properties): ZoneShape | null {
  if (geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon') return { type: 'polygon', polygon: structuredClone(geometry) };
  if (geometry?.type === 'Point' && properties.radiusM !== undefined) {
    return { type: 'circle', center: [...geometry.coordinates] as [number, number], radiusM: properties.radiusM as number };
  }
  return null;
}

function windowOf(properties: Properties, where: string, problems: ImportProblems): TimeWindow | null {
  if (properties.start === undefined && properties.end === undefined) return null;
  const startMs = properties.start === undefined ? -Infinity : parseIsoTime(properties.start);
  const endMs = properties.end === undefined ? Infinity : parseIsoTime(properties.end);
  if (typeof startMs === 'string') problems.add(where, 'properties.start', startMs);
  if (typeof endMs === 'string') problems.add(where, 'properties.end', endMs);
  return typeof startMs === 'number' && typeof endMs === 'number' ? { startMs, endMs } : null;
}

/** The zone of one feature, built as given (checked afterwards), or null when it has no usable id or geometry. */
function zoneOf(feature: GeoJSON.Feature, where: string, problems: ImportProblems): Zone | null {
  const properties: Properties = feature.properties ?? {};
  const id = idOf(feature);
  if (id === null) problems.add(where, 'id', MESSAGES.noId);
  const shape = shapeOf(feature.geometry, properties);
  if (!shape && feature.geometry?.type === 'Point') problems.add(where, 'properties.radiusM', MESSAGES.noRadius);
  else if (!shape) problems.add(where, 'geometry', MESSAGES.badGeometry(feature.geometry?.type));
  const timeWindow = windowOf(properties, where, problems);
  if (id === null || !shape) return null;
  const zone = {
    id, name: properties.name ?? id, kind: properties.kind, restriction: properties.restriction, shape,
    band: { minM: properties.altitudeMinM, maxM: properties.altitudeMaxM, reference: properties.altitudeReference },
    marginM: properties.marginM ?? 0,
    ...(timeWindow ? { timeWindow } : {}),
    ...(properties.version !== undefined ? { version: properties.version } : {}),
  } as Zone; // as read: zoneProblems below checks every field
  problems.addZoneProblems(where, zone, PATHS);
  return zone;
}

/**
 * Zones from a GeoJSON FeatureCollection in the form above, in feature order; never mutates its input. Throws one Error
 * listing every problem with where it is (feature index and id, property or ring and position index): a missing or
 * duplicate id, an unsupported geometry, a bad ring (unclosed, self-intersecting, out of range, likely swapped),
 * min altitude above max, a time without a zone, an empty or inverted window.
 * @example zonesFromGeoJson(zonesToGeoJson([town]))[0] // equal to town
 */
export function zonesFromGeoJson(collection: GeoJSON.FeatureCollection): Zone[] {
  const features = (collection as { features?: unknown } | null)?.features;
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(features)) throw new Error(MESSAGES.notCollection(collection));
  const problems = new ImportProblems('zonesFromGeoJson');
  const zones: Zone[] = [];
  const firstIndex = new Map<string, number>();
  features.forEach((feature: GeoJSON.Feature, index) => {
    if (feature?.type !== 'Feature') return problems.add(`features[${index}]`, '', MESSAGES.notFeature(feature));
    const where = featureLabel(index, idOf(feature));
    const zone = zoneOf(feature, where, problems);
    if (!zone) return;
    const first = firstIndex.get(zone.id);
    if (first !== undefined) problems.add(where, 'id', MESSAGES.duplicateId(zone.id, first));
    else firstIndex.set(zone.id, index);
    zones.push(zone);
  });
  problems.throwIfAny();
  return zones;
}
