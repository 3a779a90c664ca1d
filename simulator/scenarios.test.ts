import { describe, expect, it } from 'vitest';
import { common, MavlinkDecoder } from '../protocol/index.ts';
import { validateAircraftDefinition, type AircraftDefinition } from './aircraft-definition.ts';
import { distanceM, type LonLat } from './geo-math.ts';
import type { AircraftState } from './physics.ts';
import { demoFleet, scenarioFleet, SCENARIOS } from './scenarios.ts';
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

describe('the named scenarios', () => {
  /** Steps a scenario's first aircraft with a fixed dt, keeping every sample and every frame it sent. */
  function simulate(name: string, seconds: number, dtS = 0.5): { aircraft: SimulatedAircraft; samples: Array<{ tS: number; state: AircraftState; phase: string; frames: number }> } {
    const aircraft = new SimulatedAircraft(SCENARIOS[name]!()[0]!);
    aircraft.advance(0);
    const samples = [];
    for (let tS = dtS; tS <= seconds; tS += dtS) samples.push({ tS, frames: aircraft.advance(dtS).length, state: aircraft.state, phase: aircraft.mission.phase });
    return { aircraft, samples };
  }

  it('has every scenario the issue names, each valid, with distinct system ids', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([
      'ceiling-breach', 'demo', 'erromango-delivery', 'kasungu-survey', 'link-loss', 'low-battery-rtl', 'unregistered', 'unsigned-from-signed', 'zone-breach',
    ]);
    for (const [name, build] of Object.entries(SCENARIOS)) {
      const fleet = build();
      expect(fleet.every((definition) => validateAircraftDefinition(definition) === definition), name).toBe(true);
      expect(new Set(fleet.map((definition) => definition.systemId)).size, name).toBe(fleet.length);
    }
    expect(SCENARIOS['unregistered']!()[0]!.systemId).toBe(99);
    expect(SCENARIOS['unsigned-from-signed']!()[0]).toMatchObject({ systemId: 13, callsign: 'KAS-3', unsignedAfterS: 20 });
    expect(SCENARIOS['zone-breach']!()).toEqual([demoFleet()[1]]);
  });

  it('--vehicles fills a scenario up with survey aircraft of distinct free system ids, inside the corridor and clear of its zones', () => {
    const fleet = scenarioFleet('kasungu-survey', { vehicles: 150 });
    expect(fleet).toHaveLength(150);
    expect(new Set(fleet.map((definition) => definition.systemId)).size).toBe(150);
    expect(fleet.some((definition) => [99, 255, 0].includes(definition.systemId))).toBe(false);
    for (const definition of fleet) {
      for (const [lon, lat, altitudeM] of definition.route) {
        expect(distanceM([lon, lat], KASUNGU_CORRIDOR.center)).toBeLessThan(KASUNGU_CORRIDOR.radiusM);
        expect(distanceM([lon, lat], TOWN_CENTRE.center)).toBeGreaterThan(TOWN_CENTRE.radiusM + 1000);
        expect(distanceToBoxM([lon, lat], AERODROME_BOX)).toBeGreaterThan(1000);
        expect(altitudeM).toBeLessThan(KASUNGU_CORRIDOR.ceilingM);
      }
    }
    expect(scenarioFleet('demo', { vehicles: 2 }).map((definition) => definition.callsign)).toEqual(['KAS-1', 'KAS-2']);
    expect(scenarioFleet('demo')).toHaveLength(4);
    expect(() => scenarioFleet('mars')).toThrow(/no scenario 'mars'/);
    expect(() => scenarioFleet('demo', { vehicles: 254 })).toThrow(/1–253/);
  });

  it('ceiling-breach climbs above Kasungu’s 400 m AGL ceiling', () => {
    const { samples } = simulate('ceiling-breach', 400);
    expect(Math.max(...samples.map((sample) => sample.state.altitudeRelativeM))).toBeGreaterThan(KASUNGU_CORRIDOR.ceilingM + 20);
  });

  it('link-loss sends nothing for 10 s from 60 s on, then resumes', () => {
    const { samples } = simulate('link-loss', 90, 0.25);
    const silent = samples.filter((sample) => sample.frames === 0).map((sample) => sample.tS);
    expect(silent).toEqual(samples.filter((sample) => sample.tS >= 60 && sample.tS < 70).map((sample) => sample.tS));
    expect(silent).toHaveLength(40);
    expect(samples.find((sample) => sample.tS === 70)!.frames).toBeGreaterThan(0);
  });

  it('low-battery-rtl warns at 20 % (critical STATUSTEXT in ArduPilot’s words), returns home and lands', () => {
    const aircraft = new SimulatedAircraft(SCENARIOS['low-battery-rtl']!()[0]!);
    const decoder = new MavlinkDecoder();
    const frames = decoder.push(Buffer.concat(aircraft.advance(0)));
    for (let step = 0; step < 2400 && aircraft.mission.phase !== 'landed'; step++) frames.push(...decoder.push(Buffer.concat(aircraft.advance(0.5))));
    const warning = frames.find((frame) => frame.name === 'STATUSTEXT' && (frame.data as common.StatusText).text.startsWith('Battery 1 is low'));
    expect(warning!.data).toMatchObject({ severity: 2 });
    expect((warning!.data as common.StatusText).text).toMatch(/^Battery 1 is low 14\.\d\dV used \d+ mAh$/);
    const modes = frames.filter((frame) => frame.name === 'HEARTBEAT').map((frame) => (frame.data as { customMode: number }).customMode);
    expect(modes).toContain(6); // RTL
    expect(aircraft.mission).toMatchObject({ phase: 'landed', isArmed: false, hasBatteryFailsafe: true });
    expect(distanceM(at(aircraft.state), [33.4, -13.06])).toBeLessThan(50);
  });

  it('erromango-delivery flies Dillon’s Bay → Cook’s Bay as a fixed wing and lands there', () => {
    const { aircraft, samples } = simulate('erromango-delivery', 1800);
    expect(aircraft.definition.kind).toBe('plane');
    const cruising = samples.filter((sample) => sample.phase === 'enroute' && sample.state.altitudeRelativeM > 90);
    expect(Math.min(...cruising.map((sample) => sample.state.airspeedMps))).toBeGreaterThan(13);
    expect(aircraft.mission.phase).toBe('landed');
    expect(distanceM(at(aircraft.state), [169.27, -18.75])).toBeLessThan(150);
  });
});
