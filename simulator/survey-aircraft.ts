/**
 * Survey aircraft for Kasungu: lawnmower patterns in cells of a grid laid over the corridor (40 km
 * radius around the aerodrome, approximately), each cell at least 4 km from the aerodrome and town
 * exclusion zones, so that many aircraft can fly at once without breaching anything. Coordinates
 * [lon, lat] degrees, approximate.
 */
import type { AircraftDefinition, Waypoint } from './aircraft-definition.ts';
import { distanceM, type LonLat } from './geo-math.ts';

/** Corridor centre (Kasungu aerodrome, FWKG) and ground altitude, approximately. */
export const KASUNGU_CENTRE: LonLat = [33.4686, -13.0146];
export const KASUNGU_HOME_MSL_M = 1050;
/** Zones to keep away from (server/db/corridor-seeds.ts): the town centre and the aerodrome box. */
const KEEP_AWAY: readonly LonLat[] = [[33.483, -13.034], [33.469, -13.015]];
const KEEP_AWAY_M = 6000;
/** Cells: 0.05° of longitude by 0.03° of latitude (about 5.4 km × 3.3 km), gaps between them. */
const CELL_LON = 0.05;
const CELL_LAT = 0.03;
const STEP_LON = 0.06;
const STEP_LAT = 0.04;
/** Cells lie wholly within this distance of the centre (the corridor is 40 km). */
const MAX_CELL_CENTRE_M = 32_000;
const SURVEY_ALTITUDE_M = 120;
/** Aircraft beyond the number of cells reuse them, 20 m higher each round, staying under the 400 m ceiling. */
const ALTITUDE_STEP_M = 20;
const MAX_SURVEY_ALTITUDE_M = 380;

/** South-west corners of the usable cells, nearest the centre first (deterministic). */
function surveyCells(): LonLat[] {
  const cells: Array<{ corner: LonLat; distance: number }> = [];
  for (let column = -7; column <= 7; column++) {
    for (let row = -9; row <= 9; row++) {
      const corner: LonLat = [KASUNGU_CENTRE[0] + column * STEP_LON, KASUNGU_CENTRE[1] + row * STEP_LAT];
      const centre: LonLat = [corner[0] + CELL_LON / 2, corner[1] + CELL_LAT / 2];
      const distance = distanceM(centre, KASUNGU_CENTRE);
      if (distance > MAX_CELL_CENTRE_M || KEEP_AWAY.some((zone) => distanceM(centre, zone) < KEEP_AWAY_M)) continue;
      cells.push({ corner, distance });
    }
  }
  return cells.sort((a, b) => a.distance - b.distance).map((cell) => cell.corner);
}

const CELLS = Object.freeze(surveyCells());

/** How many survey cells the grid has (aircraft beyond that share cells at other heights). */
export const SURVEY_CELL_COUNT = CELLS.length;

/** A lawnmower of four east–west passes over a cell, starting (home) at its north-west corner. */
export function lawnmower(northWest: LonLat, altitudeM: number): Waypoint[] {
  const [west, north] = northWest;
  const east = west + CELL_LON;
  const rows = [0, 1, 2, 3].map((row) => north - row * (CELL_LAT / 3));
  return rows.flatMap((lat, row) => (row % 2 === 0 ? [[west, lat, altitudeM], [east, lat, altitudeM]] : [[east, lat, altitudeM], [west, lat, altitudeM]]) as Waypoint[]);
}

/** Survey aircraft number `index` (0, 1, …) of a fleet: its own cell, or a shared one higher up; loops at 20 m/s. */
export function surveyAircraft(index: number, systemId: number, callsign = `SURVEY-${systemId}`): AircraftDefinition {
  const corner = CELLS[index % CELLS.length] as LonLat;
  const round = Math.floor(index / CELLS.length);
  const altitudeM = Math.min(MAX_SURVEY_ALTITUDE_M, SURVEY_ALTITUDE_M + round * ALTITUDE_STEP_M);
  return {
    systemId, callsign, kind: 'copter', speedMps: 20, loop: true, homeAltitudeMslM: KASUNGU_HOME_MSL_M,
    route: lawnmower([corner[0], corner[1] + CELL_LAT], altitudeM),
    armAfterS: 2 + (index % 10), // not all at once, as a real fleet would not
  };
}

/** `count` system ids not in `used`: 101–254 first, then 30–98, 1–29 and 100 (99 is the unregistered scenario's, 255 a ground station's). */
export function freeSystemIds(used: ReadonlySet<number>, count: number): number[] {
  const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, index) => from + index);
  const candidates = [...range(101, 254), ...range(30, 98), ...range(1, 29), 100];
  const free = candidates.filter((systemId) => !used.has(systemId)).slice(0, count);
  if (free.length < count) throw new Error(`Scenario: cannot give ${count} more aircraft distinct system ids (at most ${free.length} are free)`);
  return free;
}
