/**
 * Scenario fleets. Coordinates are [lon, lat] degrees and approximate, as are the zones they fly
 * around (server/db/corridor-seeds.ts); altitudes are metres above home (AGL over flat terrain).
 */
import type { AircraftDefinition } from './aircraft-definition.ts';

/** Ground altitude of Kasungu aerodrome (FWKG) and town, approximately. */
const KASUNGU_HOME_MSL_M = 1050;
/** Coastal launch sites in Vanuatu. */
const VANUATU_HOME_MSL_M = 10;

/**
 * The demo fleet:
 * - 11 KAS-1: a survey lawnmower south-west of Kasungu aerodrome, well inside the 40 km corridor and
 *   more than 3 km from the aerodrome and town-centre exclusion zones, 120 m AGL, 20 m/s, looping.
 * - 12 KAS-2: takes off east of town and flies west straight through the town-centre exclusion zone
 *   (circle [33.483, -13.034], 1.2 km), entering it about 33 s after start (arm at 2 s, 10 m vertical
 *   climb, then 25 m/s), then loops south of it; its westbound leg passes ~800 m south of the aerodrome box.
 * - 21 ERR-1: Dillon's Bay → Cook's Bay on Erromango and back, 100 m AGL (ceiling 120 m), 25 m/s, looping.
 * - 22 EPI-1: Vaemali → Lamen Bay on Epi and back at 90 m AGL, 22 m/s, then lands and disarms.
 */
export function demoFleet(): AircraftDefinition[] {
  return [
    {
      systemId: 11, callsign: 'KAS-1', kind: 'copter', speedMps: 20, loop: true, homeAltitudeMslM: KASUNGU_HOME_MSL_M,
      route: [
        [33.4, -13.06, 120], [33.35, -13.06, 120], [33.35, -13.07, 120], [33.4, -13.07, 120],
        [33.4, -13.08, 120], [33.35, -13.08, 120], [33.35, -13.09, 120], [33.4, -13.09, 120],
      ],
    },
    {
      systemId: 12, callsign: 'KAS-2', kind: 'copter', speedMps: 25, loop: true, loopFromIndex: 2, homeAltitudeMslM: KASUNGU_HOME_MSL_M,
      route: [
        [33.5, -13.034, 100], [33.458, -13.04, 100],
        [33.458, -13.056, 100], [33.458, -13.072, 100], [33.51, -13.072, 100], [33.51, -13.056, 100],
      ],
    },
    {
      systemId: 21, callsign: 'ERR-1', kind: 'copter', speedMps: 25, loop: true, homeAltitudeMslM: VANUATU_HOME_MSL_M,
      route: [[169.0, -18.81, 100], [169.13, -18.8, 100], [169.27, -18.75, 100], [169.13, -18.8, 100]],
    },
    {
      systemId: 22, callsign: 'EPI-1', kind: 'copter', speedMps: 22, loop: false, homeAltitudeMslM: VANUATU_HOME_MSL_M,
      route: [[168.2, -16.72, 90], [168.16, -16.59, 90], [168.2, -16.72, 90]],
    },
  ];
}

/** Scenario name → fleet; the simulator's entry file picks one by name. */
export const SCENARIOS: Readonly<Record<string, () => AircraftDefinition[]>> = Object.freeze({ demo: demoFleet });
