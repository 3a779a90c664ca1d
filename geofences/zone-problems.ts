/**
 * Every problem of one zone, each with its path inside the zone (`shape.polygon.coordinates[0]`,
 * `band.minM`, `timeWindow` …). `validateZone` throws the first; the importers list them all.
 */
import { positionProblem } from './position-problem.ts';
import { ringProblems } from './ring-problem.ts';
import type { Zone } from './zone.ts';

const MESSAGES = {
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
  badWindow: (value: unknown) => `must be null or { startMs, endMs } in ms since the epoch, got ${JSON.stringify(value)}`,
  badWindowEnd: (value: unknown) => `must be a number of ms since the epoch (±Infinity for an open end), got ${JSON.stringify(value)}`,
  emptyWindow: (start: number, end: number) => start === end
    ? `is empty: startMs equals endMs (${start}); a window needs startMs < endMs`
    : `is inverted: startMs ${start} is after endMs ${end}; a window needs startMs < endMs`,
  badVersion: (value: unknown) => `must be an integer ≥ 1, got ${JSON.stringify(value)}`,
} as const;

/** One problem: where in the zone (a path such as `band.minM`) and what is wrong there. */
export interface ZoneProblem {
  path: string;
  problem: string;
}

type Report = (path: string, problem: string | null) => void;

function checkNumber(value: unknown, path: string, report: Report, rule: 'any' | 'nonNegative' | 'positive'): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) return report(path, MESSAGES.notFinite(value));
  if (rule === 'nonNegative' && value < 0) report(path, MESSAGES.negative(value));
  if (rule === 'positive' && !(value > 0)) report(path, MESSAGES.notPositive(value));
}

function checkPolygonGeometry(polygon: unknown, path: string, report: Report): void {
  const geometry = polygon as { type?: unknown; coordinates?: unknown } | null;
  const type = geometry?.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') return report(`${path}.type`, MESSAGES.badGeometry(type));
  const coordinates = geometry?.coordinates;
  if (!Array.isArray(coordinates) || coordinates.length === 0) return report(`${path}.coordinates`, MESSAGES.emptyGeometry);
  const polygons: unknown[] = type === 'Polygon' ? [coordinates] : coordinates;
  polygons.forEach((rings, p) => {
    const prefix = type === 'Polygon' ? `${path}.coordinates` : `${path}.coordinates[${p}]`;
    if (!Array.isArray(rings) || rings.length === 0) return report(prefix, MESSAGES.emptyGeometry);
    rings.forEach((ring, r) => ringProblems(ring).forEach((problem) => report(`${prefix}[${r}]`, problem)));
  });
}

function checkShape(shape: unknown, report: Report): void {
  const value = shape as { type?: unknown; polygon?: unknown; center?: unknown; radiusM?: unknown } | null;
  if (value?.type === 'polygon') return checkPolygonGeometry(value.polygon, 'shape.polygon', report);
  if (value?.type !== 'circle') return report('shape', MESSAGES.badShape(value?.type));
  report('shape.center', positionProblem(value.center));
  checkNumber(value.radiusM, 'shape.radiusM', report, 'positive');
}

function checkBand(band: unknown, report: Report): void {
  const value = (band ?? {}) as { minM?: unknown; maxM?: unknown; reference?: unknown };
  if (value.reference !== 'AGL' && value.reference !== 'MSL') report('band.reference', MESSAGES.notOneOf(['AGL', 'MSL'], value.reference));
  checkNumber(value.minM, 'band.minM', report, 'any');
  checkNumber(value.maxM, 'band.maxM', report, 'any');
  if (typeof value.minM === 'number' && typeof value.maxM === 'number' && value.minM > value.maxM) {
    report('band', MESSAGES.minAboveMax(value.minM, value.maxM));
  }
}

/** Problems of an optional time window at `path`: ends that are not numbers (NaN included), or startMs ≥ endMs. */
export function timeWindowProblems(window: unknown, path = 'timeWindow'): ZoneProblem[] {
  if (window === undefined || window === null) return [];
  if (typeof window !== 'object') return [{ path, problem: MESSAGES.badWindow(window) }];
  const { startMs, endMs } = window as { startMs?: unknown; endMs?: unknown };
  const problems: ZoneProblem[] = [];
  const isEnd = (value: unknown): value is number => typeof value === 'number' && !Number.isNaN(value);
  if (!isEnd(startMs)) problems.push({ path: `${path}.startMs`, problem: MESSAGES.badWindowEnd(startMs) });
  if (!isEnd(endMs)) problems.push({ path: `${path}.endMs`, problem: MESSAGES.badWindowEnd(endMs) });
  if (isEnd(startMs) && isEnd(endMs) && !(startMs < endMs)) problems.push({ path, problem: MESSAGES.emptyWindow(startMs, endMs) });
  return problems;
}

/**
 * Every problem of `zone`, in a fixed order (id, name, kind, restriction, shape, band, margin, time window, version);
 * [] when it is valid. Never throws.
 * @example zoneProblems({ ...town, marginM: -1 }) // [{ path: 'marginM', problem: 'must be ≥ 0 metres, got -1' }]
 */
export function zoneProblems(zone: Zone): ZoneProblem[] {
  const problems: ZoneProblem[] = [];
  const report: Report = (path, problem) => {
    if (problem) problems.push({ path, problem });
  };
  if (typeof zone.id !== 'string' || zone.id === '') report('id', MESSAGES.notString(zone.id));
  if (typeof zone.name !== 'string') report('name', MESSAGES.notText(zone.name));
  if (zone.kind !== 'inclusion' && zone.kind !== 'exclusion') report('kind', MESSAGES.notOneOf(['inclusion', 'exclusion'], zone.kind));
  const restrictions = ['prohibited', 'authorisation', 'conditional'] as const;
  if (!restrictions.includes(zone.restriction)) report('restriction', MESSAGES.notOneOf(restrictions, zone.restriction));
  checkShape(zone.shape, report);
  checkBand(zone.band, report);
  checkNumber(zone.marginM, 'marginM', report, 'nonNegative');
  problems.push(...timeWindowProblems(zone.timeWindow));
  if (zone.version !== undefined && !(Number.isInteger(zone.version) && zone.version >= 1)) report('version', MESSAGES.badVersion(zone.version));
  return problems;
}
