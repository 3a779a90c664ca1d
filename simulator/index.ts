/**
 * simulator/: SITL-compatible aircraft (pure physics and mission logic, MAVLink 2 telemetry built
 * with protocol/), a UDP fleet runner and scenarios. The entry file is main.ts.
 */
export { validateAircraftDefinition } from './aircraft-definition.ts';
export type { AircraftDefinition, AircraftKind, Waypoint } from './aircraft-definition.ts';
export { interpretCommand, MAV_CMD, MAV_RESULT } from './aircraft-commands.ts';
export type { CommandEffect, CommandRequest } from './aircraft-commands.ts';
export { CUSTOM_MODES } from './aircraft-telemetry.ts';
export { advanceMission, createMission, missionCommand, requestMode } from './autopilot.ts';
export type { AutopilotMode, MissionPhase, MissionState } from './autopilot.ts';
export { Fleet } from './fleet.ts';
export type { FleetEvents, FleetOptions } from './fleet.ts';
export { bearingDeg, distanceM, offsetLonLat } from './geo-math.ts';
export type { LonLat } from './geo-math.ts';
export { DEFAULT_PERFORMANCE, parkedAircraft, stepAircraft } from './physics.ts';
export type { AircraftPerformance, AircraftState, FlightCommand } from './physics.ts';
export { demoFleet, SCENARIOS } from './scenarios.ts';
export { SimulatedAircraft } from './simulated-aircraft.ts';
export type { SimulatedAircraftOptions } from './simulated-aircraft.ts';
export { loadSimulatorConfig, SIMULATOR_USAGE } from './simulator-config.ts';
export type { SimulatorConfig } from './simulator-config.ts';
