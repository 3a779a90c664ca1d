/**
 * simulator/: SITL-compatible aircraft (pure physics, mission logic and MAVLink channels built with
 * protocol/), a fleet runner serving each aircraft on TCP as SITL instances do (with an optional UDP
 * --out), and named scenarios. The entry file is main.ts.
 */
export { isLinkDownAt, isSigningAt, validateAircraftDefinition } from './aircraft-definition.ts';
export type { AircraftDefinition, AircraftKind, LinkOutage, Waypoint } from './aircraft-definition.ts';
export { interpretCommand, MAV_CMD, MAV_RESULT, modeForCustomMode } from './aircraft-commands.ts';
export type { CommandEffect, CommandRequest } from './aircraft-commands.ts';
export { buildTelemetryMessage, CUSTOM_MODES } from './aircraft-telemetry.ts';
export type { TelemetrySnapshot } from './aircraft-telemetry.ts';
export { advanceMission, createMission, isOnGround, progressTexts, requestMode } from './autopilot.ts';
export { missionCommand } from './mission-command.ts';
export type { AutopilotMode, FlightPlan, MissionPhase, MissionState } from './autopilot.ts';
export { checkBatteryFailsafe } from './battery-failsafe.ts';
export { BATTERY, batteryVoltageV, consumedMah } from './battery-model.ts';
export { Fleet, sitlTcpPort } from './fleet.ts';
export type { FleetEvents, FleetOptions } from './fleet.ts';
export { bearingDeg, distanceM, offsetLonLat } from './geo-math.ts';
export type { LonLat } from './geo-math.ts';
export { NO_GPS_ERROR, stepGpsError } from './gps-noise.ts';
export type { GpsError } from './gps-noise.ts';
export { missionFromPlan, planFromMission } from './mission-plan.ts';
export type { MissionItem, MissionTransfer } from './mission-transfer.ts';
export { CALM, DEFAULT_PERFORMANCE, parkedAircraft, PERFORMANCE_PROFILES, stepAircraft } from './physics.ts';
export type { AircraftPerformance, AircraftState, FlightCommand, Wind } from './physics.ts';
export { demoFleet, scenarioFleet, SCENARIOS } from './scenarios.ts';
export { aircraftSeed, SeededRandom } from './seeded-random.ts';
export { PRIMARY_CHANNEL, SimulatedAircraft } from './simulated-aircraft.ts';
export type { SimulatedAircraftOptions } from './simulated-aircraft.ts';
export { loadSimulatorConfig, SIMULATOR_USAGE } from './simulator-config.ts';
export type { SimulatorConfig } from './simulator-config.ts';
export { ARDUCOPTER_DEFAULT_RATES_HZ, forwardedRatesHz, StreamScheduler } from './stream-scheduler.ts';
export type { GroupRatesHz, StreamGroup } from './stream-scheduler.ts';
export { freeSystemIds, SURVEY_CELL_COUNT, surveyAircraft } from './survey-aircraft.ts';
