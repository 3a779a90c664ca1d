/**
 * The evaluator's guard on its input: one check per sample at the public boundary, so the
 * geometry below never sees NaN or an out-of-range coordinate.
 */
import type { PositionSample } from './position-assessment.ts';

const MESSAGES = {
  badSample: (field: string, value: unknown, range: string) =>
    `evaluate: sample.${field} must be a finite number${range}, got ${String(value)}`,
  badVelocity: (value: unknown) => `evaluate: sample.velocity must be { northMps, eastMps, downMps } of finite numbers (m/s) or absent, got ${JSON.stringify(value)}`,
} as const;

/** Throw an Error naming the field when lon/lat are not finite or out of range, an altitude is not finite, or a velocity component is not finite. */
export function checkSample(sample: PositionSample): void {
  const check = (field: 'lon' | 'lat' | 'altitudeMslM' | 'altitudeAglM', limit: number): void => {
    const value = sample[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) {
      throw new Error(MESSAGES.badSample(field, value, Number.isFinite(limit) ? ` in [-${limit}, ${limit}]` : ''));
    }
  };
  check('lon', 180);
  check('lat', 90);
  check('altitudeMslM', Infinity);
  check('altitudeAglM', Infinity);
  const velocity = sample.velocity;
  if (velocity === undefined) return;
  if (!velocity || ![velocity.northMps, velocity.eastMps, velocity.downMps].every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new Error(MESSAGES.badVelocity(velocity));
  }
}

/** A copy of the sample (velocity included) for the assessment, so later changes to the caller's object do not rewrite evidence. */
export function copySample(sample: PositionSample): PositionSample {
  const { lon, lat, altitudeMslM, altitudeAglM, timeMs, velocity } = sample;
  return velocity
    ? { lon, lat, altitudeMslM, altitudeAglM, timeMs, velocity: { northMps: velocity.northMps, eastMps: velocity.eastMps, downMps: velocity.downMps } }
    : { lon, lat, altitudeMslM, altitudeAglM, timeMs };
}
