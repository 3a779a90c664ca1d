/**
 * One ED-269 / ED-318 geometry element (`UASZone.geometry[i]`) as a zone's shape and altitude
 * band: `horizontalProjection` Polygon (GeoJSON rings, [lon, lat]) or Circle (`center` [lon, lat],
 * `radius`), and vertical limits in `uomDimensions` ('M' | 'FT', which also applies to the radius)
 * against 'AGL' | 'AMSL' | 'WGS84'. Feet are converted to metres (1 ft = 0.3048 m exactly).
 */
import type { AltitudeBand, AltitudeReference, ZoneShape } from './zone.ts';

const FOOT_M = 0.3048;

const MESSAGES = {
  notObject: (value: unknown) => `must be an object with uomDimensions, limits and horizontalProjection, got ${JSON.stringify(value)?.slice(0, 80)}`,
  badUnit: (value: unknown) => `must be 'M' or 'FT', got ${JSON.stringify(value)}`,
  badLimit: (value: unknown) => `must be a finite number, got ${JSON.stringify(value)}`,
  noUpper: 'is missing; the platform needs a ceiling for every zone (state it in uomDimensions)',
  badReference: (value: unknown) => `must be 'AGL', 'AMSL' or 'WGS84', got ${JSON.stringify(value)}`,
  wgs84: 'is WGS84 (height above the ellipsoid), which the platform cannot compare with MSL telemetry without the geoid height; '
    + 'pass options.geoidUndulationM (the geoid height above the ellipsoid at the zone, in metres) to convert',
  mixed: (lower: string, upper: string) => `lower reference ${lower} and upper reference ${upper} differ; one band needs one reference `
    + '(a lower limit of 0 AGL, the surface, may go with any upper reference)',
  badProjection: (value: unknown) => `must be 'Polygon' or 'Circle', got ${JSON.stringify(value)}`,
} as const;

/** Options for reading vertical limits. */
export interface Ed269VolumeOptions {
  /** Geoid height above the WGS84 ellipsoid in metres (N), to turn WGS84 heights h into MSL (h − N). Default: WGS84 refused. */
  geoidUndulationM?: number;
}

/** A problem inside one geometry element: path relative to it (`lowerLimit`, `horizontalProjection.type`…) and what is wrong. */
export type Report = (path: string, problem: string) => void;

type Reference = 'AGL' | 'AMSL' | 'WGS84';

function readLimit(element: Record<string, unknown>, side: 'lower' | 'upper', scale: number, options: Ed269VolumeOptions, report: Report):
  { valueM: number; reference: Reference } | null {
  const limitKey = `${side}Limit`;
  const referenceKey = `${side}VerticalReference`;
  const raw = element[limitKey];
  // A missing lower limit is the surface; a missing upper limit is refused rather than guessed.
  if (raw === undefined || raw === null) {
    if (side === 'lower') return { valueM: 0, reference: 'AGL' };
    report(limitKey, MESSAGES.noUpper);
    return null;
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    report(limitKey, MESSAGES.badLimit(raw));
    return null;
  }
  const reference = element[referenceKey];
  if (reference !== 'AGL' && reference !== 'AMSL' && reference !== 'WGS84') {
    report(referenceKey, MESSAGES.badReference(reference));
    return null;
  }
  if (reference !== 'WGS84') return { valueM: raw * scale, reference };
  if (options.geoidUndulationM === undefined) {
    report(referenceKey, MESSAGES.wgs84);
    return null;
  }
  return { valueM: raw * scale - options.geoidUndulationM, reference: 'AMSL' };
}

/** The band of one element, or null after reporting why not. */
export function ed269Band(element: Record<string, unknown>, options: Ed269VolumeOptions, report: Report): AltitudeBand | null {
  const unit = element.uomDimensions;
  if (unit !== 'M' && unit !== 'FT') {
    report('uomDimensions', MESSAGES.badUnit(unit));
    return null;
  }
  const scale = unit === 'FT' ? FOOT_M : 1;
  const lower = readLimit(element, 'lower', scale, options, report);
  const upper = readLimit(element, 'upper', scale, options, report);
  if (!lower || !upper) return null;
  const isSurface = lower.reference === 'AGL' && lower.valueM === 0;
  if (lower.reference !== upper.reference && !isSurface) {
    report('lowerVerticalReference', MESSAGES.mixed(lower.reference, upper.reference));
    return null;
  }
  // With the surface as floor the band takes the upper reference: 0 MSL as a floor is the ground too (floors ≤ 0 are not checked by default).
  const reference: AltitudeReference = upper.reference === 'AGL' ? 'AGL' : 'MSL';
  return { minM: lower.valueM, maxM: upper.valueM, reference };
}

/** The shape of one element as read (rings are checked afterwards), or null after reporting why not. */
export function ed269Shape(element: Record<string, unknown>, report: Report): ZoneShape | null {
  const projection = element.horizontalProjection as Record<string, unknown> | undefined;
  const type = projection?.type;
  if (type === 'Polygon') return { type: 'polygon', polygon: { type: 'Polygon', coordinates: structuredClone(projection?.coordinates) as GeoJSON.Position[][] } };
  if (type !== 'Circle') {
    report('horizontalProjection.type', MESSAGES.badProjection(type));
    return null;
  }
  const scale = element.uomDimensions === 'FT' ? FOOT_M : 1;
  const radius = projection?.radius;
  const center = Array.isArray(projection?.center) ? [...projection.center] : projection?.center;
  return { type: 'circle', center: center as [number, number], radiusM: typeof radius === 'number' ? radius * scale : (radius as number) };
}

/** Whether `value` can be read as one geometry element. */
export function isElement(value: unknown, report: Report): value is Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) return true;
  report('', MESSAGES.notObject(value));
  return false;
}
