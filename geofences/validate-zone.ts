/**
 * Validation of a zone at the library's boundary (run once by `compileZones`, never per
 * sample). Errors name the bad part by its path in the zone and the expected form.
 */
import { positionProblem } from './position-problem.ts';
import { ringProblem } from './ring-problem.ts';
import type { Zone } from './zone.ts';

const MESSAGES = {
  notObject: (value: unknown) => `zone must be an object, got ${JSON.stringify(value)}`,
  bad: (zone: string, path: string, problem: string) => `zone ${zone}: ${path} ${problem}`,
  notOneOf: (values: readonly string[], value: unknown) => `must be one of ${values.map((v) => `'${v}'`).join(', ')}, got ${JSON.stringify(value)}`,
  notFinite: (value: unknown) => `must be a finite number, got ${JSON.stringify(value)}`,
  negative: (value: number) => `must be ≥ 0 metres, got ${value}`,
  notPositive: (value: number) => `must be > 0 metres, got ${value}`,
  minAboveMax: (min: number, max: number) => `minM ${min} is above maxM ${max}; the band needs minM ≤ maxM`,
  notString: (value: unknown) => `must be a non-empty string, got ${JSON.stringify(value)}`,
  notText: (value: unknown) => `must be a string, got ${JSON.stringify(value)}`,
  badShape: (value: unknown) => `must be { type: 'polygon', polygon } or { type: 'circle', center, radiusM }, got type ${JSON.stringify(value)}`,
  badGeometry: (value: unknown) => `must be a GeoJSON Polygon or MultiPolygon, got type ${JSON.stringify(value)}`,
  emptyGeometry: 'has no polygon (expected at least one outer ring)',
} as const;

type Check = (path: string, problem: string | null) => void;

function checkNumber(value: unknown, path: string, check: Check, rule: 'any' | 'nonNegative' | 'positive'): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) return check(path, MESSAGES.notFinite(value));
  if (rule === 'nonNegative' && value < 0) check(path, MESSAGES.negative(value));
  if (rule === 'positive' && !(value > 0)) check(path, MESSAGES.notPositive(value));
}

function checkPolygonGeometry(polygon: unknown, path: string, check: Check): void {
  const geometry = polygon as { type?: unknown; coordinates?: unknown } | null;
  const type = geometry?.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') return check(`${path}.type`, MESSAGES.badGeometry(type));
  const coordinates = geometry?.coordinates;
  if (!Array.isArray(coordinates) || coordinates.length === 0) return check(`${path}.coordinates`, MESSAGES.emptyGeometry);
  const polygons: unknown[] = type === 'Polygon' ? [coordinates] : coordinates;
  polygons.forEach((rings, p) => {
    const prefix = type === 'Polygon' ? `${path}.coordinates` : `${path}.coordinates[${p}]`;
    if (!Array.isArray(rings) || rings.length === 0) return check(prefix, MESSAGES.emptyGeometry);
    rings.forEach((ring, r) => check(`${prefix}[${r}]`, ringProblem(ring)));
  });
}

function checkShape(shape: unknown, check: Check): void {
  const value = shape as { type?: unknown; polygon?: unknown; center?: unknown; radiusM?: unknown } | null;
  if (value?.type === 'polygon') return checkPolygonGeometry(value.polygon, 'shape.polygon', check);
  if (value?.type !== 'circle') return check('shape', MESSAGES.badShape(value?.type));
  check('shape.center', positionProblem(value.center));
  checkNumber(value.radiusM, 'shape.radiusM', check, 'positive');
}

function checkBand(band: unknown, check: Check): void {
  const value = (band ?? {}) as { minM?: unknown; maxM?: unknown; reference?: unknown };
  if (value.reference !== 'AGL' && value.reference !== 'MSL') check('band.reference', MESSAGES.notOneOf(['AGL', 'MSL'], value.reference));
  checkNumber(value.minM, 'band.minM', check, 'any');
  checkNumber(value.maxM, 'band.maxM', check, 'any');
  if (typeof value.minM === 'number' && typeof value.maxM === 'number' && value.minM > value.maxM) {
    check('band', MESSAGES.minAboveMax(value.minM, value.maxM));
  }
}

/**
 * Throw an Error naming the first bad part of `zone`: unclosed ring, < 4 positions, lon/lat out of range ("likely swapped"
 * when |lat| > 90 but |lon| ≤ 90), antimeridian jump, self-intersecting or zero-area ring, band minM > maxM,
 * negative marginM, non-positive radiusM, unknown kind/restriction/reference. Returns nothing when valid.
 * @example validateZone({ ...town, shape: { type: 'circle', center: [-13.034, 33.483], radiusM: 1200 } }) // throws "… likely swapped …"
 */
export function validateZone(zone: Zone): void {
  if (!zone || typeof zone !== 'object') throw new Error(MESSAGES.notObject(zone));
  const label = typeof zone.id === 'string' && zone.id !== '' ? `"${zone.id}"` : '(no id)';
  const check: Check = (path, problem) => {
    if (problem) throw new Error(MESSAGES.bad(label, path, problem));
  };
  if (typeof zone.id !== 'string' || zone.id === '') check('id', MESSAGES.notString(zone.id));
  if (typeof zone.name !== 'string') check('name', MESSAGES.notText(zone.name));
  if (zone.kind !== 'inclusion' && zone.kind !== 'exclusion') check('kind', MESSAGES.notOneOf(['inclusion', 'exclusion'], zone.kind));
  const restrictions = ['prohibited', 'authorisation', 'conditional'] as const;
  if (!restrictions.includes(zone.restriction)) check('restriction', MESSAGES.notOneOf(restrictions, zone.restriction));
  checkShape(zone.shape, check);
  checkBand(zone.band, check);
  checkNumber(zone.marginM, 'marginM', check, 'nonNegative');
}
