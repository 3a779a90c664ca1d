/**
 * Mission items ↔ the FlightPlan the autopilot flies, as ArduPilot reads a mission: item 0 is home;
 * NAV_WAYPOINT and the NAV_LOITER_* items are points to fly through; NAV_TAKEOFF sets the climb;
 * NAV_LAND ends by landing (at its point, or where the aircraft is), NAV_RETURN_TO_LAUNCH by
 * returning; DO_CHANGE_SPEED sets the cruise speed; anything else is skipped.
 */
import type { AircraftKind, Waypoint } from './aircraft-definition.ts';
import type { FlightPlan } from './autopilot.ts';
import type { MissionItem } from './mission-transfer.ts';

const MAV_CMD = {
  NAV_WAYPOINT: 16, NAV_LOITER_UNLIM: 17, NAV_LOITER_TURNS: 18, NAV_LOITER_TIME: 19, NAV_RETURN_TO_LAUNCH: 20, NAV_LAND: 21,
  NAV_TAKEOFF: 22, DO_CHANGE_SPEED: 178,
} as const;
const POINT_COMMANDS: ReadonlySet<number> = new Set([MAV_CMD.NAV_WAYPOINT, MAV_CMD.NAV_LOITER_UNLIM, MAV_CMD.NAV_LOITER_TURNS, MAV_CMD.NAV_LOITER_TIME]);
/** MAV_FRAME_GLOBAL and MAV_FRAME_GLOBAL_INT: altitude above mean sea level (others are taken as above home: flat terrain). */
const MSL_FRAMES: ReadonlySet<number> = new Set([0, 5]);
/** MAV_FRAME_GLOBAL_RELATIVE_ALT_INT, what the simulator writes. */
const FRAME_RELATIVE_INT = 6;

/** The plan an uploaded mission describes, flown from `home` ([lon, lat] and MSL altitude); null when it has nothing to fly. */
export function planFromMission(
  items: readonly MissionItem[], home: readonly [lon: number, lat: number, altitudeMslM: number], kind: AircraftKind, speedMps: number,
): FlightPlan | null {
  const [homeLon, homeLat, homeMslM] = home;
  const points: Waypoint[] = [];
  let takeoffAltitudeM: number | null = null;
  let endAction: FlightPlan['endAction'] = 'hold';
  let cruiseMps = speedMps;
  for (const item of [...items].sort((a, b) => a.seq - b.seq)) {
    if (item.seq === 0) continue;
    const last = points.at(-1) ?? [homeLon, homeLat, takeoffAltitudeM ?? 10];
    const altitudeM = MSL_FRAMES.has(item.frame) ? item.z - homeMslM : item.z;
    const hasPosition = item.x !== 0 || item.y !== 0;
    const point: Waypoint = hasPosition ? [item.y / 1e7, item.x / 1e7, altitudeM > 0 ? altitudeM : last[2]] : [last[0], last[1], altitudeM > 0 ? altitudeM : last[2]];
    if (POINT_COMMANDS.has(item.command)) points.push(point);
    else if (item.command === MAV_CMD.NAV_TAKEOFF) takeoffAltitudeM = altitudeM > 0 ? altitudeM : 10;
    else if (item.command === MAV_CMD.DO_CHANGE_SPEED && item.params[1] > 0) cruiseMps = item.params[1];
    else if (item.command === MAV_CMD.NAV_RETURN_TO_LAUNCH) endAction = 'rtl';
    else if (item.command === MAV_CMD.NAV_LAND) {
      if (hasPosition) points.push([point[0], point[1], last[2]]);
      endAction = 'land';
    }
    if (endAction !== 'hold') break; // ArduPilot stops at a mission's RTL or LAND
  }
  if (points.length === 0 && endAction === 'hold') return null;
  const firstAltitudeM = takeoffAltitudeM ?? points[0]?.[2] ?? 10;
  return { kind, route: [[homeLon, homeLat, firstAltitudeM], ...points], speedMps: cruiseMps, loop: false, endAction, armAfterS: null };
}

/** A plan written as mission items (for a ground station downloading the mission): home, then each route point as NAV_WAYPOINT. */
export function missionFromPlan(plan: FlightPlan, homeMslM: number): MissionItem[] {
  const [home, ...points] = plan.route;
  if (home === undefined) return [];
  const item = (seq: number, command: number, [lon, lat, altitudeM]: Waypoint, frame: number): MissionItem => ({
    seq, frame, command, params: [0, 0, 0, 0], x: Math.round(lat * 1e7), y: Math.round(lon * 1e7), z: altitudeM, autocontinue: 1,
  });
  const items = [item(0, MAV_CMD.NAV_WAYPOINT, [home[0], home[1], homeMslM], 0)];
  points.forEach((point, index) => items.push(item(index + 1, MAV_CMD.NAV_WAYPOINT, point, FRAME_RELATIVE_INT)));
  if (!plan.loop && plan.endAction === 'rtl') items.push(item(items.length, MAV_CMD.NAV_RETURN_TO_LAUNCH, [0, 0, 0], FRAME_RELATIVE_INT));
  return items;
}
