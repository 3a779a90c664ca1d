/**
 * The simulator's flight dynamics: a pure step (state, command, dt → next state). Ground speed
 * follows the command with a first-order lag inside an acceleration limit, heading within a
 * turn-rate limit, altitude within climb and descent limits. Wind moves the air the aircraft
 * flies in: the autopilot holds the commanded ground track and speed as far as the airspeed limits
 * allow (a fixed wing also cannot fly slower than its minimum airspeed), the nose points into the
 * air-relative velocity (a fixed wing crabs; a multirotor keeps its nose on the track). The battery
 * drains while flying. Flat terrain at home altitude, so AGL = height above home.
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
  /** Where the nose points, degrees clockwise from north in [0, 360) (differs from the course in a crosswind). */
  yawDeg: number;
  /** Speed through the air (= ground speed without wind). */
  airspeedMps: number;
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
  /** Ground speed wanted; 0 = hover (a VTOL hovers on its lift motors, whatever its minimum airspeed). */
  speedMps: number;
  altitudeRelativeM: number;
  /** Stop as hard as the airframe can (ArduCopter BRAKE). */
  isBraking?: boolean;
  /** Fly on the lift motors (a QuadPlane's Q modes): no minimum airspeed. */
  isVtol?: boolean;
}

/** Airframe limits and lags; every field has a default (PERFORMANCE_PROFILES). */
export interface AircraftPerformance {
  maxTurnRateDegPs: number;
  maxClimbMps: number;
  maxDescentMps: number;
  /** Largest change of ground speed per second in normal flight. */
  maxAccelerationMps2: number;
  /** Deceleration in BRAKE. */
  brakeDecelerationMps2: number;
  /** Slowest airspeed in forward flight (0 for a multirotor). */
  minAirspeedMps: number;
  maxAirspeedMps: number;
  speedTimeConstantS: number;
  headingTimeConstantS: number;
  altitudeTimeConstantS: number;
  /** Battery use while flying, %/s (0.05 %/s ≈ 33 min from full). */
  batteryDrainPctPerS: number;
}

/** Wind the aircraft flies in: speed and the direction it blows FROM, degrees clockwise from north (as METARs give it). */
export interface Wind {
  speedMps: number;
  fromDeg: number;
}

/** No wind. */
export const CALM: Readonly<Wind> = Object.freeze({ speedMps: 0, fromDeg: 0 });

/** A small multirotor (ArduCopter-like: up to 5 m/s² as LOIT_ACC_MAX allows, BRAKE ~7.5 m/s²) and a small VTOL fixed wing (ArduPlane QuadPlane-like). */
export const PERFORMANCE_PROFILES: Readonly<Record<'copter' | 'plane', Readonly<AircraftPerformance>>> = Object.freeze({
  copter: Object.freeze({
    maxTurnRateDegPs: 30, maxClimbMps: 5, maxDescentMps: 3, maxAccelerationMps2: 5, brakeDecelerationMps2: 7.5,
    minAirspeedMps: 0, maxAirspeedMps: 30, speedTimeConstantS: 3, headingTimeConstantS: 1, altitudeTimeConstantS: 2, batteryDrainPctPerS: 0.05,
  }),
  plane: Object.freeze({
    maxTurnRateDegPs: 20, maxClimbMps: 5, maxDescentMps: 3, maxAccelerationMps2: 1.5, brakeDecelerationMps2: 1.5,
    minAirspeedMps: 14, maxAirspeedMps: 32, speedTimeConstantS: 4, headingTimeConstantS: 1.5, altitudeTimeConstantS: 3, batteryDrainPctPerS: 0.03,
  }),
});

/** The default airframe: the multirotor profile. */
export const DEFAULT_PERFORMANCE: Readonly<AircraftPerformance> = PERFORMANCE_PROFILES.copter;

/** Longest internal step, so that a large dt (a sped-up clock) stays stable. */
const MAX_SUBSTEP_S = 0.1;
/** Slowest climb or descent while off the commanded altitude (ArduCopter lands at 0.5 m/s). */
const MIN_VERTICAL_RATE_MPS = 0.5;
/** Below this speed a direction from velocity is noise: keep the last yaw. */
const MIN_DIRECTION_SPEED_MPS = 1;
const RADIANS_PER_DEGREE = Math.PI / 180;

/** A parked aircraft at [lon, lat] on the ground at home, facing north, battery full. */
export function parkedAircraft(lon: number, lat: number, homeAltitudeMslM: number): AircraftState {
  return {
    lon, lat, altitudeRelativeM: 0, altitudeMslM: homeAltitudeMslM, homeAltitudeMslM,
    groundSpeedMps: 0, headingDeg: 0, yawDeg: 0, airspeedMps: 0, climbRateMps: 0, turnRateDegPs: 0, batteryRemainingPct: 100,
  };
}

/** Advances the aircraft by `dtS` seconds (≥ 0) under `command`; pure. Throws on a negative or non-finite dt. */
export function stepAircraft(
  state: AircraftState, command: FlightCommand, dtS: number, performance: AircraftPerformance = DEFAULT_PERFORMANCE, wind: Wind = CALM,
): AircraftState {
  if (!Number.isFinite(dtS) || dtS < 0) throw new Error(`stepAircraft: dtS must be a finite number of seconds ≥ 0, got ${dtS}`);
  const substeps = Math.ceil(dtS / MAX_SUBSTEP_S);
  let next = state;
  for (let index = 0; index < substeps; index++) next = substep(next, command, dtS / substeps, performance, wind);
  return next;
}

function substep(state: AircraftState, command: FlightCommand, dtS: number, performance: AircraftPerformance, wind: Wind): AircraftState {
  const onGround = state.altitudeRelativeM <= 0 && command.altitudeRelativeM <= 0;
  if (!command.isArmed || onGround) {
    return { ...state, altitudeRelativeM: Math.max(0, state.altitudeRelativeM), groundSpeedMps: 0, airspeedMps: 0, climbRateMps: 0, turnRateDegPs: 0 };
  }
  const wantedHeadingDeg = command.target === null ? state.headingDeg : bearingDeg([state.lon, state.lat], command.target);
  const turnRateDegPs = clamp(turnDeg(state.headingDeg, wantedHeadingDeg) / Math.max(performance.headingTimeConstantS, dtS),
    -performance.maxTurnRateDegPs, performance.maxTurnRateDegPs);
  const headingDeg = normaliseDeg(state.headingDeg + turnRateDegPs * dtS);
  const groundSpeedMps = nextGroundSpeed(state, command, headingDeg, dtS, performance, wind);

  const altitudeErrorM = command.altitudeRelativeM - state.altitudeRelativeM;
  // First order, but never slower than MIN_VERTICAL_RATE_MPS, so that it arrives (and lands) in finite time.
  const firstOrderMps = altitudeErrorM / performance.altitudeTimeConstantS;
  const wantedClimbMps = clamp(Math.sign(altitudeErrorM) * Math.max(Math.abs(firstOrderMps), MIN_VERTICAL_RATE_MPS),
    -performance.maxDescentMps, performance.maxClimbMps);
  const climbRateMps = Math.abs(wantedClimbMps * dtS) > Math.abs(altitudeErrorM) ? altitudeErrorM / dtS : wantedClimbMps;
  const altitudeRelativeM = Math.max(0, state.altitudeRelativeM + climbRateMps * dtS);

  const meanSpeedMps = (state.groundSpeedMps + groundSpeedMps) / 2;
  const headingRad = headingDeg * RADIANS_PER_DEGREE;
  const [lon, lat] = offsetLonLat(state.lon, state.lat, meanSpeedMps * Math.cos(headingRad) * dtS, meanSpeedMps * Math.sin(headingRad) * dtS);
  const { airspeedMps, yawDeg } = airRelative(groundSpeedMps, headingDeg, state.yawDeg, performance.minAirspeedMps > 0, wind);
  return {
    lon, lat, altitudeRelativeM, altitudeMslM: state.homeAltitudeMslM + altitudeRelativeM, homeAltitudeMslM: state.homeAltitudeMslM,
    groundSpeedMps, headingDeg, yawDeg, airspeedMps, climbRateMps, turnRateDegPs,
    batteryRemainingPct: Math.max(0, state.batteryRemainingPct - performance.batteryDrainPctPerS * dtS),
  };
}

/** The ground speed after dtS: towards the command (kept inside what the airspeed limits allow in this wind), lagged and acceleration-limited. */
function nextGroundSpeed(state: AircraftState, command: FlightCommand, headingDeg: number, dtS: number, performance: AircraftPerformance, wind: Wind): number {
  // No forward flight on the ground: a multirotor or VTOL lifts off vertically first.
  let targetMps = state.altitudeRelativeM > 0 ? Math.max(0, command.speedMps) : 0;
  if (targetMps > 0) {
    const { alongMps, crossMps } = windComponents(wind, headingDeg);
    const fastestMps = alongMps + Math.sqrt(Math.max(0, performance.maxAirspeedMps ** 2 - crossMps ** 2));
    const slowestMps = alongMps + Math.sqrt(Math.max(0, performance.minAirspeedMps ** 2 - crossMps ** 2));
    const hasMinimum = performance.minAirspeedMps > 0 && command.isVtol !== true;
    targetMps = Math.max(0, clamp(targetMps, hasMinimum ? slowestMps : 0, fastestMps));
  }
  // BRAKE stops at the airframe's hardest deceleration; otherwise the speed follows a lag inside the acceleration limit.
  if (command.isBraking === true && targetMps < state.groundSpeedMps) return Math.max(targetMps, state.groundSpeedMps - performance.brakeDecelerationMps2 * dtS);
  const laggedMps = state.groundSpeedMps + (targetMps - state.groundSpeedMps) * (1 - Math.exp(-dtS / performance.speedTimeConstantS));
  const limitMps = performance.maxAccelerationMps2 * dtS;
  return Math.max(0, clamp(laggedMps, state.groundSpeedMps - limitMps, state.groundSpeedMps + limitMps));
}

/** Wind velocity split along and across a course (positive along = tailwind, positive across = from the left). */
function windComponents(wind: Wind, courseDeg: number): { alongMps: number; crossMps: number } {
  if (wind.speedMps === 0) return { alongMps: 0, crossMps: 0 };
  const towardsRad = (wind.fromDeg + 180) * RADIANS_PER_DEGREE;
  const courseRad = courseDeg * RADIANS_PER_DEGREE;
  return { alongMps: wind.speedMps * Math.cos(towardsRad - courseRad), crossMps: wind.speedMps * Math.sin(towardsRad - courseRad) };
}

/** Airspeed and yaw from the ground velocity and the wind: a fixed wing points into its air velocity, a multirotor along its track. */
function airRelative(groundSpeedMps: number, headingDeg: number, yawDeg: number, isFixedWing: boolean, wind: Wind): { airspeedMps: number; yawDeg: number } {
  const courseRad = headingDeg * RADIANS_PER_DEGREE;
  const towardsRad = (wind.fromDeg + 180) * RADIANS_PER_DEGREE;
  const airNorthMps = groundSpeedMps * Math.cos(courseRad) - wind.speedMps * Math.cos(towardsRad);
  const airEastMps = groundSpeedMps * Math.sin(courseRad) - wind.speedMps * Math.sin(towardsRad);
  const airspeedMps = Math.hypot(airNorthMps, airEastMps);
  if (isFixedWing && airspeedMps >= MIN_DIRECTION_SPEED_MPS) return { airspeedMps, yawDeg: normaliseDeg(Math.atan2(airEastMps, airNorthMps) / RADIANS_PER_DEGREE) };
  return { airspeedMps, yawDeg: groundSpeedMps >= MIN_DIRECTION_SPEED_MPS ? headingDeg : yawDeg };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
