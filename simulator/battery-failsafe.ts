/**
 * ArduPilot's low-battery failsafe, pure: the first time the charge falls to the threshold in flight,
 * a critical STATUSTEXT in ArduPilot's words ("Battery 1 is low 14.56V used 4000 mAh") and RTL
 * (BATT_FS_LOW_ACT = RTL). An aircraft already landing or returning carries on.
 */
import { requestMode, type MissionState } from './autopilot.ts';
import { batteryVoltageV, consumedMah } from './battery-model.ts';
import type { AircraftState } from './physics.ts';

/** MAV_SEVERITY_CRITICAL, as ArduPilot sends battery warnings. */
export const SEVERITY_CRITICAL = 2;

/** The mission after a battery check, and the warning to send if the failsafe fired now. */
export function checkBatteryFailsafe(mission: MissionState, aircraft: AircraftState, thresholdPct: number): { mission: MissionState; text: string | null } {
  const isFlying = mission.isArmed && aircraft.altitudeRelativeM > 0;
  if (thresholdPct <= 0 || mission.hasBatteryFailsafe || !isFlying || aircraft.batteryRemainingPct > thresholdPct) return { mission, text: null };
  const flagged = { ...mission, hasBatteryFailsafe: true };
  const carriesOn = mission.phase === 'landing' || mission.phase === 'returning';
  const text = `Battery 1 is low ${batteryVoltageV(aircraft.batteryRemainingPct).toFixed(2)}V used ${consumedMah(aircraft.batteryRemainingPct)} mAh`;
  return { mission: carriesOn ? flagged : requestMode(flagged, aircraft, 'RTL'), text };
}
