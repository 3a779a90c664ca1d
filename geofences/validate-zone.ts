/**
 * Validation of a zone at the library's boundary (run once by `compileZones`, never per
 * sample). Errors name the bad part by its path in the zone and the expected form.
 */
import type { Zone } from './zone.ts';
import { zoneProblems } from './zone-problems.ts';

const MESSAGES = {
  notObject: (value: unknown) => `zone must be an object, got ${JSON.stringify(value)}`,
  bad: (zone: string, path: string, problem: string) => `zone ${zone}: ${path} ${problem}`,
} as const;

/**
 * Throw an Error naming the first bad part of `zone`: unclosed ring, < 4 positions, lon/lat out of range ("likely swapped"
 * when |lat| > 90 but |lon| ≤ 90), antimeridian jump, self-intersecting or zero-area ring, band minM > maxM,
 * negative marginM, non-positive radiusM, unknown kind/restriction/reference, an empty or inverted time window
 * (startMs ≥ endMs), a version that is not an integer ≥ 1. Returns nothing when valid.
 * @example validateZone({ ...town, shape: { type: 'circle', center: [-13.034, 33.483], radiusM: 1200 } }) // throws "… likely swapped …"
 */
export function validateZone(zone: Zone): void {
  if (!zone || typeof zone !== 'object') throw new Error(MESSAGES.notObject(zone));
  const [first] = zoneProblems(zone);
  if (!first) return;
  const label = typeof zone.id === 'string' && zone.id !== '' ? `"${zone.id}"` : '(no id)';
  throw new Error(MESSAGES.bad(label, first.path, first.problem));
}
