/**
 * Scenario fleets, named for the CLI. Coordinates are [lon, lat] degrees and approximate, as are the
 * zones they fly around (server/db/corridor-seeds.ts); altitudes are metres above home (AGL over flat
 * terrain). System ids 11, 12, 13, 21 and 22 are the demo aircraft the platform registers; 99 and the
 * survey fill-ups (101…) are not registered.
 */
import { signingKeyFromPassphrase } from '../protocol/index.ts';
import type { AircraftDefinition } from './aircraft-definition.ts';
import { freeSystemIds, KASUNGU_HOME_MSL_M, surveyAircraft } from './survey-aircraft.ts';

/** Coastal launch sites in Vanuatu. */
const VANUATU_HOME_MSL_M = 10;
/** Dillon's Bay → Cook's Bay on Erromango, through the middle of the corridor's buffer. */
const ERROMANGO_ROUTE = [[169.0, -18.81, 100], [169.13, -18.8, 100], [169.27, -18.75, 100]] as const;

/**
 * The demo fleet (the battery failsafe is off: the demo flies on indefinitely):
 * - 11 KAS-1: a survey lawnmower south-west of Kasungu aerodrome, well inside the 40 km corridor and
 *   more than 3 km from the aerodrome and town-centre exclusion zones, 120 m AGL, 20 m/s, looping.
 * - 12 KAS-2: takes off east of town and flies west straight through the town-centre exclusion zone
 *   (circle [33.483, -13.034], 1.2 km), entering it about 33 s after start (arm at 2 s, 10 m vertical
 *   climb, then 25 m/s), then loops south of it; its westbound leg passes ~800 m south of the aerodrome box.
 * - 21 ERR-1: Dillon's Bay → Cook's Bay on Erromango and back, 100 m AGL (ceiling 120 m), 25 m/s, looping.
 * - 22 EPI-1: Vaemali → Lamen Bay on Epi and back at 90 m AGL, 22 m/s, then lands and disarms.
 */
export function demoFleet(): AircraftDefinition[] {
  return [kas1(), kas2(), {
    systemId: 21, callsign: 'ERR-1', kind: 'copter', speedMps: 25, loop: true, homeAltitudeMslM: VANUATU_HOME_MSL_M, batteryFailsafePct: 0,
    route: [...ERROMANGO_ROUTE, [169.13, -18.8, 100]],
  }, {
    systemId: 22, callsign: 'EPI-1', kind: 'copter', speedMps: 22, loop: false, homeAltitudeMslM: VANUATU_HOME_MSL_M, batteryFailsafePct: 0,
    route: [[168.2, -16.72, 90], [168.16, -16.59, 90], [168.2, -16.72, 90]],
  }];
}

function kas1(overrides: Partial<AircraftDefinition> = {}): AircraftDefinition {
  return {
    systemId: 11, callsign: 'KAS-1', kind: 'copter', speedMps: 20, loop: true, homeAltitudeMslM: KASUNGU_HOME_MSL_M, batteryFailsafePct: 0,
    route: [
      [33.4, -13.06, 120], [33.35, -13.06, 120], [33.35, -13.07, 120], [33.4, -13.07, 120],
      [33.4, -13.08, 120], [33.35, -13.08, 120], [33.35, -13.09, 120], [33.4, -13.09, 120],
    ],
    ...overrides,
  };
}

function kas2(): AircraftDefinition {
  return {
    systemId: 12, callsign: 'KAS-2', kind: 'copter', speedMps: 25, loop: true, loopFromIndex: 2, homeAltitudeMslM: KASUNGU_HOME_MSL_M, batteryFailsafePct: 0,
    route: [
      [33.5, -13.034, 100], [33.458, -13.04, 100],
      [33.458, -13.056, 100], [33.458, -13.072, 100], [33.51, -13.072, 100], [33.51, -13.056, 100],
    ],
  };
}

/** Scenario name → its fleet; the CLI picks one by name. Each description is in simulator/README.md. */
export const SCENARIOS: Readonly<Record<string, () => AircraftDefinition[]>> = Object.freeze({
  demo: demoFleet,
  /** KAS-1's lawnmower with the battery failsafe on; --vehicles adds survey cells over the corridor. */
  'kasungu-survey': () => [kas1({ batteryFailsafePct: 20 })],
  /** ERR-1 as a VTOL fixed wing: Dillon's Bay → Cook's Bay at 100 m AGL, 25 m/s (about 20 min), lands there. */
  'erromango-delivery': (): AircraftDefinition[] => [{
    systemId: 21, callsign: 'ERR-1', kind: 'plane', speedMps: 25, loop: false, homeAltitudeMslM: VANUATU_HOME_MSL_M, route: [...ERROMANGO_ROUTE],
  }],
  /** KAS-2 through the Kasungu town-centre exclusion zone (~33 s after start), as in the demo. */
  'zone-breach': () => [kas2()],
  /** KAS-1 climbs from 120 m to 450 m AGL on its second leg: above Kasungu's 400 m ceiling. */
  'ceiling-breach': () => [kas1({ route: [[33.4, -13.06, 120], [33.35, -13.06, 120], [33.35, -13.07, 450], [33.4, -13.07, 450]], loopFromIndex: 1 })],
  /** KAS-1 goes silent for 10 s (sends nothing, hears nothing) 60 s after start, and every 5 min after. */
  'link-loss': () => [kas1({ linkOutages: Array.from({ length: 12 }, (_, index) => ({ atS: 60 + 300 * index, durationS: 10 })) })],
  /** KAS-1 takes off with 30 % and drains fast: at 20 % ("Battery 1 is low …", critical) it returns home (RTL) and lands. */
  'low-battery-rtl': () => [kas1({ batteryPct: 30, batteryFailsafePct: 20, performance: { batteryDrainPctPerS: 0.1 } })],
  /** System id 99, which no partner registered, surveying in Kasungu. */
  unregistered: () => [surveyAircraft(3, 99, 'UNREG-99')],
  /** KAS-3 (13) signs with the key of passphrase 'kas-3-demo-key', then sends unsigned frames from 20 s on. */
  'unsigned-from-signed': (): AircraftDefinition[] => [{
    ...surveyAircraft(1, 13, 'KAS-3'), signingKey: signingKeyFromPassphrase('kas-3-demo-key'), unsignedAfterS: 20,
  }],
});

/**
 * The fleet of a scenario with `vehicles` aircraft in all: its own aircraft first (the first `vehicles` of
 * them if fewer are asked for), then survey aircraft over Kasungu with distinct free system ids.
 * Throws an Error for an unknown scenario or a count outside 1–253.
 */
export function scenarioFleet(name: string, options: { vehicles?: number } = {}): AircraftDefinition[] {
  const build = Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name] : undefined;
  if (build === undefined) throw new Error(`scenarioFleet: no scenario '${name}'; expected one of ${Object.keys(SCENARIOS).join(', ')}`);
  const own = build();
  const vehicles = options.vehicles ?? own.length;
  if (!Number.isInteger(vehicles) || vehicles < 1 || vehicles > 253) throw new Error(`scenarioFleet: vehicles must be an integer 1–253, got ${vehicles}`);
  if (vehicles <= own.length) return own.slice(0, vehicles);
  const systemIds = freeSystemIds(new Set([...own.map((definition) => definition.systemId), 99]), vehicles - own.length);
  // Cell 0 is left to the scenario's own aircraft style; fill-ups start at cell 4 to stay clear of KAS-1's box.
  return [...own, ...systemIds.map((systemId, index) => surveyAircraft(index + 4, systemId))];
}
