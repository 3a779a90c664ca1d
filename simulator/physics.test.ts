import { describe, expect, it } from 'vitest';
import { distanceM } from './geo-math.ts';
import {
  CALM, DEFAULT_PERFORMANCE, parkedAircraft, PERFORMANCE_PROFILES, stepAircraft, type AircraftPerformance, type AircraftState, type FlightCommand, type Wind,
} from './physics.ts';

const HOME: [number, number] = [33.4686, -13.0146];

function airborne(overrides: Partial<AircraftState> = {}): AircraftState {
  return { ...parkedAircraft(HOME[0], HOME[1], 1050), altitudeRelativeM: 100, altitudeMslM: 1150, groundSpeedMps: 15, ...overrides };
}

function fly(
  state: AircraftState, command: FlightCommand, seconds: number, dtS = 0.5, each?: (previous: AircraftState, next: AircraftState) => void,
  performance: AircraftPerformance = DEFAULT_PERFORMANCE, wind: Wind = CALM,
): AircraftState {
  let current = state;
  for (let elapsed = 0; elapsed < seconds; elapsed += dtS) {
    const next = stepAircraft(current, command, dtS, performance, wind);
    each?.(current, next);
    current = next;
  }
  return current;
}

describe('stepAircraft', () => {
  it('flies to a waypoint 2 km away at the commanded speed and altitude', () => {
    const target: [number, number] = [33.4686, -12.9966]; // ~2 km north
    const command: FlightCommand = { isArmed: true, target, speedMps: 20, altitudeRelativeM: 120 };
    let state = airborne({ headingDeg: 180 }); // facing away: it must turn round first
    let elapsedS = 0;
    while (distanceM([state.lon, state.lat], target) > 30 && elapsedS < 600) {
      state = stepAircraft(state, command, 0.5);
      elapsedS += 0.5;
    }
    expect(distanceM([state.lon, state.lat], target)).toBeLessThanOrEqual(30);
    expect(elapsedS).toBeGreaterThan(2000 / 20);
    expect(elapsedS).toBeLessThan(2000 / 20 + 30);
    expect(state.groundSpeedMps).toBeCloseTo(20, 0);
    expect(state.altitudeRelativeM).toBeCloseTo(120, 1);
    expect(state.altitudeMslM).toBeCloseTo(1170, 1);
  });

  it('respects the climb and descent limits, whatever the step', () => {
    const up: FlightCommand = { isArmed: true, target: null, speedMps: 0, altitudeRelativeM: 300 };
    const climbed = fly(parkedAircraft(HOME[0], HOME[1], 1050), up, 10, 0.5, (previous, next) => {
      expect(next.altitudeRelativeM - previous.altitudeRelativeM).toBeLessThanOrEqual(DEFAULT_PERFORMANCE.maxClimbMps * 0.5 + 1e-9);
    });
    expect(climbed.altitudeRelativeM).toBeLessThanOrEqual(50 + 1e-9);
    expect(climbed.altitudeRelativeM).toBeGreaterThan(45);
    const inOneStep = stepAircraft(parkedAircraft(HOME[0], HOME[1], 1050), up, 10);
    expect(inOneStep.altitudeRelativeM).toBeLessThanOrEqual(50 + 1e-9);
    const down: FlightCommand = { isArmed: true, target: null, speedMps: 0, altitudeRelativeM: 0 };
    const descended = fly(airborne(), down, 10);
    expect(descended.altitudeRelativeM).toBeGreaterThanOrEqual(100 - DEFAULT_PERFORMANCE.maxDescentMps * 10 - 1e-9);
  });

  it('turns no faster than the turn-rate limit', () => {
    const command: FlightCommand = { isArmed: true, target: [HOME[0], HOME[1] - 0.05], speedMps: 15, altitudeRelativeM: 100 };
    fly(airborne({ headingDeg: 0 }), command, 5, 0.25, (previous, next) => {
      const turned = Math.abs(((next.headingDeg - previous.headingDeg + 540) % 360) - 180);
      expect(turned).toBeLessThanOrEqual(DEFAULT_PERFORMANCE.maxTurnRateDegPs * 0.25 + 1e-9);
    });
  });

  it('does not leave the ground before it is armed, and never goes below it', () => {
    const parked = parkedAircraft(HOME[0], HOME[1], 1050);
    expect(stepAircraft(parked, { isArmed: false, target: [33.5, -13], speedMps: 20, altitudeRelativeM: 100 }, 5)).toMatchObject({ lon: HOME[0], lat: HOME[1], altitudeRelativeM: 0 });
    const landed = fly(airborne({ altitudeRelativeM: 3, groundSpeedMps: 0 }), { isArmed: true, target: null, speedMps: 0, altitudeRelativeM: 0 }, 10);
    expect(landed.altitudeRelativeM).toBe(0);
    expect(landed.altitudeMslM).toBe(1050);
  });

  it('drains the battery slowly while flying', () => {
    const after = fly(airborne(), { isArmed: true, target: null, speedMps: 15, altitudeRelativeM: 100 }, 60);
    expect(after.batteryRemainingPct).toBeCloseTo(100 - DEFAULT_PERFORMANCE.batteryDrainPctPerS * 60, 6);
    expect(after.batteryRemainingPct).toBeGreaterThan(95);
  });

  it('is pure: same input, same output, input untouched', () => {
    const state = Object.freeze(airborne());
    const command = Object.freeze({ isArmed: true, target: [33.5, -13] as const, speedMps: 20, altitudeRelativeM: 150 });
    expect(stepAircraft(state, command, 1.3)).toEqual(stepAircraft(state, command, 1.3));
    expect(stepAircraft(state, command, 0)).toEqual(state);
  });

  it('rejects a negative or non-finite dt', () => {
    expect(() => stepAircraft(airborne(), { isArmed: true, target: null, speedMps: 0, altitudeRelativeM: 0 }, -1)).toThrow(/dtS/);
    expect(() => stepAircraft(airborne(), { isArmed: true, target: null, speedMps: 0, altitudeRelativeM: 0 }, Number.NaN)).toThrow(/dtS/);
  });
});

describe('stepAircraft: acceleration, airframe profiles and wind', () => {
  const cruise = (speedMps: number): FlightCommand => ({ isArmed: true, target: [HOME[0], HOME[1] + 0.5], speedMps, altitudeRelativeM: 100 });

  it('speeds up and slows down no faster than the acceleration limit; BRAKE stops harder', () => {
    const limit = DEFAULT_PERFORMANCE.maxAccelerationMps2;
    fly(airborne({ groundSpeedMps: 0 }), cruise(25), 10, 0.1, (previous, next) => {
      expect(next.groundSpeedMps - previous.groundSpeedMps).toBeLessThanOrEqual(limit * 0.1 + 1e-9);
    });
    const stopping = (isBraking: boolean): number => {
      let state = airborne({ groundSpeedMps: 20, headingDeg: 0 });
      let seconds = 0;
      while (state.groundSpeedMps > 0.5) {
        state = stepAircraft(state, { isArmed: true, target: null, speedMps: 0, altitudeRelativeM: 100, isBraking }, 0.1);
        seconds += 0.1;
      }
      return seconds;
    };
    expect(stopping(true)).toBeLessThan(stopping(false) / 2);
  });

  it('keeps a fixed wing above its minimum airspeed in forward flight, but lets a VTOL hover', () => {
    const plane = PERFORMANCE_PROFILES.plane;
    const slow = fly(airborne({ groundSpeedMps: 20 }), cruise(5), 60, 0.5, undefined, plane);
    expect(slow.airspeedMps).toBeGreaterThanOrEqual(plane.minAirspeedMps - 0.01);
    const hovering = fly(airborne({ groundSpeedMps: 0 }), { isArmed: true, target: null, speedMps: 0, altitudeRelativeM: 100 }, 10, 0.5, undefined, plane);
    expect(hovering.groundSpeedMps).toBe(0);
  });

  it('flies its track in a crosswind: a fixed wing crabs into the wind, a multirotor hovering in wind has airspeed', () => {
    const wind = { speedMps: 10, fromDeg: 270 }; // from the west
    const north: FlightCommand = { isArmed: true, target: [HOME[0], HOME[1] + 0.5], speedMps: 20, altitudeRelativeM: 100 };
    const plane = fly(airborne({ groundSpeedMps: 20, headingDeg: 0, yawDeg: 0 }), north, 30, 0.5, undefined, PERFORMANCE_PROFILES.plane, wind);
    expect(Math.min(plane.headingDeg, 360 - plane.headingDeg)).toBeLessThan(1); // the track stays north
    expect(plane.yawDeg).toBeGreaterThan(360 - 35); // the nose points north-west, into the wind
    expect(plane.yawDeg).toBeLessThan(360 - 20);
    expect(plane.airspeedMps).toBeCloseTo(Math.hypot(20, 10), 0);
    const hover = fly(airborne({ groundSpeedMps: 0 }), { isArmed: true, target: null, speedMps: 0, altitudeRelativeM: 100 }, 5, 0.5, undefined, DEFAULT_PERFORMANCE, wind);
    expect(hover).toMatchObject({ groundSpeedMps: 0, airspeedMps: 10 });
  });

  it('cannot make good more ground speed into a headwind than its top airspeed allows', () => {
    const wind = { speedMps: 15, fromDeg: 0 }; // from the north, dead ahead
    const state = fly(airborne({ groundSpeedMps: 20, headingDeg: 0 }), cruise(25), 60, 0.5, undefined, DEFAULT_PERFORMANCE, wind);
    expect(state.groundSpeedMps).toBeCloseTo(DEFAULT_PERFORMANCE.maxAirspeedMps - 15, 0);
    expect(state.airspeedMps).toBeCloseTo(DEFAULT_PERFORMANCE.maxAirspeedMps, 0);
  });
});
