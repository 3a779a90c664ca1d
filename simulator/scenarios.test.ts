import { describe, expect, it } from 'vitest';
import type { AircraftDefinition } from './aircraft-definition.ts';
import { distanceM, type LonLat } from './geo-math.ts';
import type { AircraftState } from './physics.ts';
import { demoFleet } from './scenarios.ts';
import { SimulatedAircraft } from './simulated-aircraft.ts';

/** Zones of the seeded corridors (server/db/corridor-seeds.ts), approximate. */
const KASUNGU_CORRIDOR = { center: [33.4686, -13.0146] as LonLat, radiusM: 40_000, ceilingM: 400 };
const TOWN_CENTRE = { center: [33.483, -13.034] as LonLat, radiusM: 1200 };
const AERODROME_BOX = { west: 33.462, south: -13.03, east: 33.476, north: -13.0, topM: 150 };

/** Every sample of a simulated flight, stepped with a fixed dt (pure: no clock, no sockets). */
function fly(callsign: string, seconds: number, dtS = 0.25): Array<{ tS: number; state: AircraftState; isArmed: boolean }> {
  const definition = demoFleet().find((candidate) => candidate.callsign === callsign)!;
  const aircraft = new SimulatedAircraft(definition);
  aircraft.advance(0);
  const samples = [];
  for (let tS = dtS; tS <= seconds; tS += dtS) {
    aircraft.advance(dtS);
    samples.push({ tS, state: aircraft.state, isArmed: aircraft.mission.isArmed });
  }
  return samples;
}

function at(state: AircraftState): LonLat {
  return [state.lon, state.lat];
}

/** Distance in metres from a point to a box of [lon, lat] bounds (0 inside), flat-earth. */
function distanceToBoxM(point: LonLat, box: typeof AERODROME_BOX): number {
  const lon = Math.min(Math.max(point[0], box.west), box.east);
  const lat = Math.min(Math.max(point[1], box.south), box.north);
  return distanceM(point, [lon, lat]);
}

/** Distance in metres from a point to a polyline, on a local flat-earth projection. */
function distanceToPolylineM(point: LonLat, line: readonly LonLat[]): number {
  const metresPerDegreeLat = 111_320;
  const metresPerDegreeLon = metresPerDegreeLat * Math.cos(point[1] * Math.PI / 180);
  const project = ([lon, lat]: LonLat): [number, number] => [(lon - point[0]) * metresPerDegreeLon, (lat - point[1]) * metresPerDegreeLat];
  let best = Infinity;
  for (let index = 1; index < line.length; index++) {
    const [ax, ay] = project(line[index - 1]!);
    const [bx, by] = project(line[index]!);
    const t = Math.max(0, Math.min(1, -(ax * (bx - ax) + ay * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    best = Math.min(best, Math.hypot(ax + t * (bx - ax), ay + t * (by - ay)));
  }
  return best;
}

describe('demoFleet', () => {
  it('has the four demo aircraft with distinct system ids', () => {
    const fleet: AircraftDefinition[] = demoFleet();
    expect(fleet.map(({ systemId, callsign }) => [systemId, callsign])).toEqual([[11, 'KAS-1'], [12, 'KAS-2'], [21, 'ERR-1'], [22, 'EPI-1']]);
  });

  it('KAS-2 enters the Kasungu town-centre zone 15–45 s after start, leaves it on the far side and stays out', () => {
    const samples = fly('KAS-2', 1800);
    const isInside = (state: AircraftState): boolean => distanceM(at(state), TOWN_CENTRE.center) < TOWN_CENTRE.radiusM;
    const entry = samples.findIndex((sample) => isInside(sample.state));
    const entryS = samples[entry]!.tS;
    expect(entryS).toBeGreaterThanOrEqual(15);
    expect(entryS).toBeLessThanOrEqual(45);
    expect(samples[entry]!.state.altitudeRelativeM).toBeGreaterThan(60);
    const exit = samples.findIndex((sample, index) => index > entry && !isInside(sample.state));
    expect(samples[exit]!.state.lon).toBeLessThan(TOWN_CENTRE.center[0]); // the far (west) side
    expect(samples.slice(exit).some((sample) => isInside(sample.state))).toBe(false);
    const nearestAerodromeM = Math.min(...samples.map((sample) => distanceToBoxM(at(sample.state), AERODROME_BOX)));
    expect(nearestAerodromeM).toBeGreaterThan(500);
  });

  it('KAS-1 surveys inside the corridor, more than 3 km from both exclusion zones, at 120 m', () => {
    const samples = fly('KAS-1', 1900, 0.5); // one full lap is ~25 min
    const start = samples[0]!.state;
    expect(distanceM(at(start), [33.4, -13.06])).toBeLessThan(100);
    for (const { state } of samples) {
      expect(distanceM(at(state), KASUNGU_CORRIDOR.center)).toBeLessThan(KASUNGU_CORRIDOR.radiusM);
      expect(distanceM(at(state), TOWN_CENTRE.center) - TOWN_CENTRE.radiusM).toBeGreaterThan(3000);
      expect(distanceToBoxM(at(state), AERODROME_BOX)).toBeGreaterThan(3000);
      expect(state.altitudeRelativeM).toBeLessThanOrEqual(120.5);
    }
    expect(Math.max(...samples.map((sample) => sample.state.groundSpeedMps))).toBeCloseTo(20, 0);
    expect(distanceM(at(samples.at(-1)!.state), [33.4, -13.06])).toBeLessThan(3000); // back round to the start
  });

  it('ERR-1 flies Dillon’s Bay → Cook’s Bay and back within 1 km of the route, under the 120 m ceiling', () => {
    const route: LonLat[] = [[169.0, -18.81], [169.13, -18.8], [169.27, -18.75]];
    const samples = fly('ERR-1', 2600, 0.5);
    for (const { state } of samples) {
      expect(distanceToPolylineM(at(state), route)).toBeLessThan(1000);
      expect(state.altitudeRelativeM).toBeLessThanOrEqual(100.5);
      expect(state.altitudeMslM).toBeCloseTo(10 + state.altitudeRelativeM, 6);
    }
    expect(Math.min(...samples.map((sample) => distanceM(at(sample.state), [169.27, -18.75])))).toBeLessThan(100);
    const laterS = samples.filter((sample) => sample.tS > 1500);
    expect(Math.min(...laterS.map((sample) => distanceM(at(sample.state), [169.0, -18.81])))).toBeLessThan(100); // back over home, and on again
  });

  it('EPI-1 flies Vaemali → Lamen Bay and back at 90 m, then lands and disarms', () => {
    const samples = fly('EPI-1', 1500, 0.5);
    expect(Math.min(...samples.map((sample) => distanceM(at(sample.state), [168.16, -16.59])))).toBeLessThan(100);
    expect(Math.max(...samples.map((sample) => sample.state.altitudeRelativeM))).toBeLessThanOrEqual(90.5);
    const last = samples.at(-1)!;
    expect(last.isArmed).toBe(false);
    expect(last.state.altitudeRelativeM).toBe(0);
    expect(distanceM(at(last.state), [168.2, -16.72])).toBeLessThan(100);
  });
});
