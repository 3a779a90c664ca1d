/**
 * The simulator's flight dynamics: a pure step (state, command, dt → next state). Speed, heading
 * and altitude follow the command with first-order lags, heading within a turn-rate limit and
 * altitude within climb and descent limits; the battery drains while armed. Flat terrain at home
 * altitude, no wind, so airspeed = ground speed and AGL = height above home.
 */
import { bearingDeg, normaliseDeg, offsetLonLat, turnDeg, type LonLat } from './geo-math.ts';

/** Where the aircraft is and how it moves; [lon, lat] degrees, SI units. */
export interface AircraftState {
  lon: number;
  lat: number;
  /** Height above home (= AGL over the simulator's flat terrain). */
  altitudeRelativeM: number;
  /** Home altitude + relative altitude. */
  altitudeMslM: number;
  homeAltitudeMslM: number;
  groundSpeedMps: number;
  /** Course over ground, degrees clockwise from north in [0, 360). */
  headingDeg: number;
  /** Positive up. */
  climbRateMps: number;
  /** Positive clockwise (for roll and yaw rate in ATTITUDE). */
  turnRateDegPs: number;
  batteryRemainingPct: number;
}

/** What the autopilot asks of the airframe for the next step. */
export interface FlightCommand {
  isArmed: boolean;
  /** Fly towards this [lon, lat]; null holds the current heading. */
  target: LonLat | null;
  speedMps: number;
  altitudeRelativeM: number;
}

/** Airframe limits and lags; every field has a default (DEFAULT_PERFORMANCE). */
export interface AircraftPerformance {
  maxTurnRateDegPs: number;
  maxClimbMps: number;
  maxDescentMps: number;
  speedTimeConstantS: number;
  headingTimeConstantS: number;
  altitudeTimeConstantS: number;
  /** Battery use while armed, %/s (0.05 %/s ≈ 33 min from full). */
  batteryDrainPctPerS: number;
}

/** Defaults of AircraftPerformance: a small multirotor or VTOL. */
export const DEFAULT_PERFORMANCE: Readonly<AircraftPerformance> = Object.freeze({
  maxTurnRateDegPs: 30,
  maxClimbMps: 5,
  maxDescentMps: 3,
  speedTimeConstantS: 3,
  headingTimeConstantS: 1,
  altitudeTimeConstantS: 2,
  batteryDrainPctPerS: 0.05,
});

/** Longest internal step, so that a large dt (a sped-up clock) stays stable. */
const MAX_SUBSTEP_S = 0.1;
/** Slowest climb or descent while off the commanded altitude (ArduCopter lands at 0.5 m/s). */
const MIN_VERTICAL_RATE_MPS = 0.5;

/** A parked aircraft at [lon, lat] on the ground at home, facing north, battery full. */
export function parkedAircraft(lon: number, lat: number, homeAltitudeMslM: number): AircraftState {
  return {
    lon, lat, altitudeRelativeM: 0, altitudeMslM: homeAltitudeMslM, homeAltitudeMslM,
    groundSpeedMps: 0, headingDeg: 0, climbRateMps: 0, turnRateDegPs: 0, batteryRemainingPct: 100,
  };
}

/** Advances the aircraft by `dtS` seconds (≥ 0) under `command`; pure. Throws on a negative or non-finite dt. */
export function stepAircraft(state: AircraftState, command: FlightCommand, dtS: number, performance: AircraftPerformance = DEFAULT_PERFORMANCE): AircraftState {
  if (!Number.isFinite(dtS) || dtS < 0) throw new Error(`stepAircraft: dtS must be a finite number of seconds ≥ 0, got ${dtS}`);
  const substeps = Math.ceil(dtS / MAX_SUBSTEP_S);
  let next = state;
  for (let index = 0; index < substeps; index++) next = substep(next, command, dtS / substeps, performance);
  return next;
}

function substep(state: AircraftState, command: FlightCommand, dtS: number, performance: AircraftPerformance): AircraftState {
  const onGround = state.altitudeRelativeM <= 0 && command.altitudeRelativeM <= 0;
  if (!command.isArmed || onGround) {
    return { ...state, altitudeRelativeM: Math.max(0, state.altitudeRelativeM), groundSpeedMps: 0, climbRateMps: 0, turnRateDegPs: 0 };
  }
  // No forward flight on the ground: a multirotor or VTOL lifts off vertically first.
  const speedTargetMps = state.altitudeRelativeM > 0 ? Math.max(0, command.speedMps) : 0;
  const groundSpeedMps = state.groundSpeedMps + (speedTargetMps - state.groundSpeedMps) * (1 - Math.exp(-dtS / performance.speedTimeConstantS));

  const wantedHeadingDeg = command.target === null ? state.headingDeg : bearingDeg([state.lon, state.lat], command.target);
  const turnRateDegPs = clamp(turnDeg(state.headingDeg, wantedHeadingDeg) / Math.max(performance.headingTimeConstantS, dtS),
    -performance.maxTurnRateDegPs, performance.maxTurnRateDegPs);
  const headingDeg = normaliseDeg(state.headingDeg + turnRateDegPs * dtS);

  const altitudeErrorM = command.altitudeRelativeM - state.altitudeRelativeM;
  // First order, but never slower than MIN_VERTICAL_RATE_MPS, so that it arrives (and lands) in finite time.
  const firstOrderMps = altitudeErrorM / performance.altitudeTimeConstantS;
  const wantedClimbMps = clamp(Math.sign(altitudeErrorM) * Math.max(Math.abs(firstOrderMps), MIN_VERTICAL_RATE_MPS),
    -performance.maxDescentMps, performance.maxClimbMps);
  const climbRateMps = Math.abs(wantedClimbMps * dtS) > Math.abs(altitudeErrorM) ? altitudeErrorM / dtS : wantedClimbMps;
  const altitudeRelativeM = Math.max(0, state.altitudeRelativeM + climbRateMps * dtS);

  const meanSpeedMps = (state.groundSpeedMps + groundSpeedMps) / 2;
  const headingRad = headingDeg * Math.PI / 180;
  const [lon, lat] = offsetLonLat(state.lon, state.lat, meanSpeedMps * Math.cos(headingRad) * dtS, meanSpeedMps * Math.sin(headingRad) * dtS);
  return {
    lon, lat, altitudeRelativeM, altitudeMslM: state.homeAltitudeMslM + altitudeRelativeM, homeAltitudeMslM: state.homeAltitudeMslM,
    groundSpeedMps, headingDeg, climbRateMps, turnRateDegPs,
    batteryRemainingPct: Math.max(0, state.batteryRemainingPct - performance.batteryDrainPctPerS * dtS),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
