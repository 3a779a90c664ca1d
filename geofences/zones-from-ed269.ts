/**
 * Zones from an ED-269 / ED-318 geozone document (EUROCAE's UAS geographical zone format that
 * authorities publish): `{ features: UASZone[] }` (a bare array is accepted too). Each UASZone has an
 * `identifier`, `name`, `type` (COMMON | CUSTOMIZED), `restriction`, `geometry` (an array of volumes,
 * ed269-volume.ts) and `applicability` (time periods). Geozones restrict flight inside them, so
 * every zone is an exclusion zone:
 * - restriction PROHIBITED → 'prohibited', REQ_AUTHORISATION → 'authorisation', CONDITIONAL → 'conditional';
 *   NO_RESTRICTION zones restrict nothing and are left out.
 * - one zone per geometry element and applicability period: id `identifier`, suffixed `#g` (1-based element)
 *   when there are several elements and `@p` (1-based period) when there are several periods.
 * - a period is `startDateTime`…`endDateTime` (either may be open); `permanent: 'YES'`, a period without dates
 *   or no applicability at all means always in force. A daily `schedule` inside a period cannot be expressed
 *   by one window: the zone is taken as in force for the whole period (the cautious reading for an exclusion).
 */
import { ed269Band, ed269Shape, isElement, type Ed269VolumeOptions } from './ed269-volume.ts';
import { featureLabel, ImportProblems, parseIsoTime } from './import-problems.ts';
import type { RestrictionClass, TimeWindow, Zone } from './zone.ts';
import { timeWindowProblems } from './zone-problems.ts';

/** Options for `zonesFromEd269`. */
export interface Ed269Options extends Ed269VolumeOptions {
  /** 'Approaching' margin in metres given to every zone (ED-269 has none). Default 0. */
  marginM?: number;
}

const MESSAGES = {
  notDocument: (value: unknown) => `zonesFromEd269: expected an ED-269 document { features: UASZone[] } or an array of UASZone, got ${JSON.stringify(value)?.slice(0, 80)}`,
  badMargin: (value: unknown) => `zonesFromEd269: options.marginM must be a finite number ≥ 0 metres, got ${String(value)}`,
  notObject: (value: unknown) => `must be a UASZone object, got ${JSON.stringify(value)?.slice(0, 80)}`,
  noIdentifier: (value: unknown) => `must be a non-empty string, got ${JSON.stringify(value)}`,
  badRestriction: (value: unknown) => `must be one of 'PROHIBITED', 'REQ_AUTHORISATION', 'CONDITIONAL', 'NO_RESTRICTION', got ${JSON.stringify(value)}`,
  noGeometry: (value: unknown) => `must be a non-empty array of geometry elements, got ${JSON.stringify(value)?.slice(0, 80)}`,
  badPeriod: (value: unknown) => `must be an object with startDateTime/endDateTime or permanent, got ${JSON.stringify(value)?.slice(0, 80)}`,
  duplicateId: (id: string, first: number) => `"${id}" is already used by features[${first}]; identifiers must be unique`,
} as const;

const RESTRICTIONS: Readonly<Record<string, RestrictionClass | null>> = {
  PROHIBITED: 'prohibited', REQ_AUTHORISATION: 'authorisation', CONDITIONAL: 'conditional', NO_RESTRICTION: null,
};

type Report = (path: string, problem: string) => void;

/** The valid windows of a feature's applicability; [null] when it is ever permanent (always in force). */
function windowsOf(applicability: unknown, report: Report): (TimeWindow | null)[] {
  if (applicability === undefined || applicability === null) return [null];
  const periods = Array.isArray(applicability) ? applicability : [applicability];
  const path = (k: number) => (Array.isArray(applicability) ? `applicability[${k}]` : 'applicability');
  const windows: (TimeWindow | null)[] = [];
  periods.forEach((period: Record<string, unknown>, k) => {
    if (!period || typeof period !== 'object') return report(path(k), MESSAGES.badPeriod(period));
    if (period.permanent === 'YES' || (period.startDateTime == null && period.endDateTime == null)) {
      windows.push(null);
      return;
    }
    const startMs = period.startDateTime == null ? -Infinity : parseIsoTime(period.startDateTime);
    const endMs = period.endDateTime == null ? Infinity : parseIsoTime(period.endDateTime);
    if (typeof startMs === 'string') report(`${path(k)}.startDateTime`, startMs);
    if (typeof endMs === 'string') report(`${path(k)}.endDateTime`, endMs);
    if (typeof startMs !== 'number' || typeof endMs !== 'number') return;
    const problems = timeWindowProblems({ startMs, endMs }, path(k));
    for (const { path: at, problem } of problems) report(at, problem);
    if (problems.length === 0) windows.push({ startMs, endMs });
  });
  return windows.includes(null) ? [null] : windows;
}

/** Where a zone's own paths lie in geometry element `at`, for problem messages. */
const pathsIn = (at: string): Record<string, string> => ({
  'shape.polygon': `${at}.horizontalProjection`, 'shape.center': `${at}.horizontalProjection.center`,
  'shape.radiusM': `${at}.horizontalProjection.radius`, 'band.minM': `${at}.lowerLimit`, 'band.maxM': `${at}.upperLimit`,
  band: `${at} (lowerLimit, upperLimit)`,
});

/** Zones of one UASZone feature; every problem is reported through `problems`, and a feature with any yields none. */
function featureZones(feature: Record<string, unknown>, where: string, options: Ed269Options, problems: ImportProblems): Zone[] {
  const before = problems.count;
  const report: Report = (path, problem) => problems.add(where, path, problem);
  const { identifier, restriction: rawRestriction, geometry, applicability } = feature;
  if (typeof identifier !== 'string' || identifier === '') report('identifier', MESSAGES.noIdentifier(identifier));
  const restriction = RESTRICTIONS[rawRestriction as string];
  if (restriction === undefined) report('restriction', MESSAGES.badRestriction(rawRestriction));
  if (!Array.isArray(geometry) || geometry.length === 0) report('geometry', MESSAGES.noGeometry(geometry));
  const windows = windowsOf(applicability, report);
  if (restriction === null || !Array.isArray(geometry)) return [];
  const id = typeof identifier === 'string' ? identifier : '(no identifier)';
  const name = typeof feature.name === 'string' && feature.name !== '' ? feature.name : id;
  const volumes: Array<Pick<Zone, 'shape' | 'band'>> = [];
  geometry.forEach((element: unknown, g) => {
    const at = `geometry[${g}]`;
    const reportHere: Report = (path, problem) => report(path === '' ? at : `${at}.${path}`, problem);
    if (!isElement(element, reportHere)) return;
    const band = ed269Band(element, options, reportHere);
    const shape = ed269Shape(element, reportHere);
    if (!shape) return;
    // Checked once per element (not per period), with a stand-in band when the limits were already refused, so shape problems still show.
    const zone: Zone = { id, name, kind: 'exclusion', restriction: restriction ?? 'prohibited', shape, band: band ?? { minM: 0, maxM: 0, reference: 'AGL' }, marginM: 0 };
    problems.addZoneProblems(where, zone, pathsIn(at));
    if (band) volumes.push({ shape, band });
  });
  if (problems.count > before || restriction === undefined) return [];
  return volumes.flatMap(({ shape, band }, g) => windows.map((timeWindow, p): Zone => structuredClone({
    id: `${id}${geometry.length > 1 ? `#${g + 1}` : ''}${windows.length > 1 ? `@${p + 1}` : ''}`,
    name, kind: 'exclusion', restriction, shape, band, marginM: options.marginM ?? 0, ...(timeWindow ? { timeWindow } : {}),
  })));
}

/**
 * Exclusion zones from an ED-269 / ED-318 document, in feature order; feet become metres; never mutates its input.
 * Throws one Error listing every problem with where it is (feature index and identifier, geometry element, ring and
 * position index, limit, period): unknown restriction or unit, a missing ceiling, WGS84 heights without
 * options.geoidUndulationM, mixed vertical references, bad rings (unclosed, self-intersecting, out of range, likely
 * swapped), lower limit above upper, times without a zone, an empty or inverted period, duplicate identifiers.
 * Options: `marginM` (default 0), `geoidUndulationM` (default none: WGS84 heights refused).
 * @example zonesFromEd269({ features: [{ identifier: 'FWKG-1', restriction: 'PROHIBITED', geometry: [{ uomDimensions: 'FT', lowerLimit: 0, lowerVerticalReference: 'AGL', upperLimit: 400, upperVerticalReference: 'AGL', horizontalProjection: { type: 'Circle', center: [33.47, -13.01], radius: 3000 } }] }] })[0].band.maxM // 121.92
 */
export function zonesFromEd269(document: unknown, options: Ed269Options = {}): Zone[] {
  const features = Array.isArray(document) ? document : (document as { features?: unknown } | null)?.features;
  if (!Array.isArray(features)) throw new Error(MESSAGES.notDocument(document));
  const { marginM = 0 } = options;
  if (typeof marginM !== 'number' || !Number.isFinite(marginM) || marginM < 0) throw new Error(MESSAGES.badMargin(marginM));
  const problems = new ImportProblems('zonesFromEd269');
  const zones: Zone[] = [];
  const firstIndex = new Map<string, number>();
  features.forEach((feature: unknown, index) => {
    if (!feature || typeof feature !== 'object') return problems.add(`features[${index}]`, '', MESSAGES.notObject(feature));
    const { identifier } = feature as { identifier?: unknown };
    const where = featureLabel(index, identifier);
    if (typeof identifier === 'string' && firstIndex.has(identifier)) problems.add(where, 'identifier', MESSAGES.duplicateId(identifier, firstIndex.get(identifier) ?? 0));
    else if (typeof identifier === 'string') firstIndex.set(identifier, index);
    zones.push(...featureZones(feature as Record<string, unknown>, where, options, problems));
  });
  problems.throwIfAny();
  return zones;
}
