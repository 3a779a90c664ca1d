/**
 * What the autopilot asks of the airframe in each mission phase, pure: climb, fly to the route point,
 * return home, hold (a multirotor hovers, a fixed wing circles), land on a spot or where it stops.
 */
import { cruiseAltitude, home, type FlightPlan, type MissionState } from './autopilot.ts';
import { bearingDeg, distanceM, offsetLonLat } from './geo-math.ts';
import type { AircraftState, FlightCommand } from './physics.ts';

/** ArduPlane's loiter radius (WP_LOITER_RAD default 60 m) and how far ahead on the circle it aims. */
const LOITER_RADIUS_M = 60;
const LOITER_LEAD_DEG = 40;
/** Landing approach: decelerate gently towards the spot, land within a few metres of it, descend within 25 m of it. */
const APPROACH_DECELERATION_MPS2 = 1;
const LANDING_SPOT_M = 3;
const DESCEND_WITHIN_M = 25;

/** What the autopilot asks of the airframe now; pure. */
export function missionCommand(mission: MissionState, aircraft: AircraftState, plan: FlightPlan): FlightCommand {
  const isArmed = mission.isArmed;
  switch (mission.phase) {
    case 'takeoff':
      return { isArmed, target: null, speedMps: 0, altitudeRelativeM: mission.takeoffAltitudeM ?? cruiseAltitude(plan, mission.waypointIndex) };
    case 'enroute': {
      const point = plan.route[mission.waypointIndex];
      if (point === undefined) return holdCommand(mission, aircraft, plan);
      return { isArmed, target: [point[0], point[1]], speedMps: plan.speedMps, altitudeRelativeM: point[2] };
    }
    case 'returning': {
      const [lon, lat, altitudeAglM] = home(plan);
      return { isArmed, target: [lon, lat], speedMps: plan.speedMps, altitudeRelativeM: Math.max(altitudeAglM, aircraft.altitudeRelativeM) };
    }
    case 'holding':
      return holdCommand(mission, aircraft, plan);
    case 'landing':
      return landingCommand(mission, aircraft, plan);
    default: // preflight, ready, landed
      return { isArmed, target: null, speedMps: 0, altitudeRelativeM: 0 };
  }
}

/** Hold: a multirotor stops (hard in BRAKE) and hovers; a fixed wing circles the hold centre at cruise speed. */
function holdCommand(mission: MissionState, aircraft: AircraftState, plan: FlightPlan): FlightCommand {
  const base = { isArmed: mission.isArmed, altitudeRelativeM: mission.holdAltitudeM };
  if (plan.kind === 'copter') return { ...base, target: null, speedMps: 0, isBraking: mission.mode === 'BRAKE' };
  const centre = mission.holdCentre ?? [aircraft.lon, aircraft.lat];
  const aroundDeg = distanceM(centre, [aircraft.lon, aircraft.lat]) < 1 ? 0 : bearingDeg(centre, [aircraft.lon, aircraft.lat]);
  const aimRad = (aroundDeg + LOITER_LEAD_DEG) * Math.PI / 180;
  const target = offsetLonLat(centre[0], centre[1], LOITER_RADIUS_M * Math.cos(aimRad), LOITER_RADIUS_M * Math.sin(aimRad));
  return { ...base, target, speedMps: plan.speedMps };
}

/**
 * Landing: on the lift motors (no minimum airspeed), slowing on the way to the landing spot so as to
 * stop on it (speed √(2·a·d) with a gentle APPROACH_DECELERATION_MPS2), descending once over it; without
 * a spot (LAND from a ground station), stopping and descending where it is, as ArduCopter's LAND does.
 */
function landingCommand(mission: MissionState, aircraft: AircraftState, plan: FlightPlan): FlightCommand {
  const spot = mission.holdCentre;
  if (spot === null) return { isArmed: mission.isArmed, target: null, speedMps: 0, altitudeRelativeM: 0, isVtol: true };
  const distance = distanceM([aircraft.lon, aircraft.lat], spot);
  const speedMps = Math.min(plan.speedMps, Math.sqrt(2 * APPROACH_DECELERATION_MPS2 * Math.max(0, distance - LANDING_SPOT_M)));
  const altitudeRelativeM = distance <= DESCEND_WITHIN_M ? 0 : aircraft.altitudeRelativeM;
  return { isArmed: mission.isArmed, target: distance > LANDING_SPOT_M ? spot : null, speedMps, altitudeRelativeM, isVtol: true };
}
