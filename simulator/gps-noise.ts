/**
 * GPS position error as a first-order Gauss–Markov process per axis (the usual model for the slowly
 * wandering error of a GNSS fix): the error decays towards 0 with time constant tauS while fresh noise
 * keeps its standard deviation at sigmaM. Pure given the random source.
 */
import type { SeededRandom } from './seeded-random.ts';

/** Current position error, metres north, east and up. */
export interface GpsError {
  northM: number;
  eastM: number;
  upM: number;
}

/** No error. */
export const NO_GPS_ERROR: Readonly<GpsError> = Object.freeze({ northM: 0, eastM: 0, upM: 0 });

/** Correlation time of the error; a few tens of seconds, as for a consumer GNSS receiver. */
const TAU_S = 30;
/** Vertical error is worse than horizontal for GNSS. */
const VERTICAL_FACTOR = 1.5;

/** The error `dtS` seconds later for a horizontal standard deviation of `sigmaM` metres (0 = no noise). */
export function stepGpsError(error: GpsError, dtS: number, sigmaM: number, random: SeededRandom): GpsError {
  if (sigmaM <= 0 || dtS <= 0) return error;
  const decay = Math.exp(-dtS / TAU_S);
  const spread = sigmaM * Math.sqrt(1 - decay * decay);
  return {
    northM: error.northM * decay + spread * random.normal(),
    eastM: error.eastM * decay + spread * random.normal(),
    upM: error.upM * decay + VERTICAL_FACTOR * spread * random.normal(),
  };
}
