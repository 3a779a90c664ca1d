/** MAV_AUTOPILOT_ARDUPILOTMEGA: custom_mode is an ArduPilot mode number. */
export const MAV_AUTOPILOT_ARDUPILOTMEGA = 3;
/** MAV_AUTOPILOT_PX4: custom_mode packs PX4's main mode (bits 16–23) and sub mode (bits 24–31). */
export const MAV_AUTOPILOT_PX4 = 12;

/** MAV_TYPE_GCS: the HEARTBEAT of a ground station, not of a vehicle. */
const MAV_TYPE_GCS = 6;

/** Whether a message is another ground station's HEARTBEAT (it says nothing about any vehicle). */
export function isGroundStationHeartbeat(message: { name: string; data: unknown }): boolean {
  return message.name === 'HEARTBEAT' && (message.data as { type?: unknown } | null)?.type === MAV_TYPE_GCS;
}

/** MAV_TYPEs flown by ArduCopter: quad, coaxial, heli, hexa, octo, tri, dodeca, deca, generic multirotor. */
const COPTER_TYPES: ReadonlySet<number> = new Set([2, 3, 4, 13, 14, 15, 29, 35, 43]);
/** MAV_TYPEs flown by ArduPlane: fixed wing and the VTOL types a QuadPlane reports. */
const PLANE_TYPES: ReadonlySet<number> = new Set([1, 19, 20, 21, 22, 23, 24, 25]);

/** Which ArduPilot firmware flies a HEARTBEAT type (MAV_TYPE): 'copter', 'plane', or null for anything else. */
export function ardupilotFamily(vehicleType: number): 'copter' | 'plane' | null {
  if (COPTER_TYPES.has(vehicleType)) return 'copter';
  if (PLANE_TYPES.has(vehicleType)) return 'plane';
  return null;
}
