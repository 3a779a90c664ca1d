/**
 * One SITL-like vehicle: its system id, its own MessageSequence, ArduCopter or ArduPlane identity,
 * physics and mission, and the MAVLink 2 telemetry streams it sends (HEARTBEAT 1 Hz,
 * GLOBAL_POSITION_INT and ATTITUDE at the position rate, GPS_RAW_INT and VFR_HUD 2 Hz, SYS_STATUS
 * 1 Hz). Time is simulated: `advance(dtS)` moves it on and hands back the frames now due. No sockets.
 */
import { encodeMessage, MavlinkDecoder, MessageSequence, common, type MavLinkData } from '../protocol/index.ts';
import { validateAircraftDefinition, type AircraftDefinition } from './aircraft-definition.ts';
import { interpretCommand, MAV_RESULT } from './aircraft-commands.ts';
import {
  attitudeMessage, globalPositionMessage, gpsRawMessage, heartbeatMessage, statusTextMessage, sysStatusMessage, vfrHudMessage,
  type TelemetrySnapshot,
} from './aircraft-telemetry.ts';
import { advanceMission, createMission, missionCommand, type MissionState } from './autopilot.ts';
import { bearingDeg } from './geo-math.ts';
import { DEFAULT_PERFORMANCE, parkedAircraft, stepAircraft, type AircraftPerformance, type AircraftState } from './physics.ts';

/** Options of SimulatedAircraft. */
export interface SimulatedAircraftOptions {
  /** GLOBAL_POSITION_INT and ATTITUDE rate, Hz, 0.1–10; default 4. */
  positionRateHz?: number;
  /** Airframe limits; default DEFAULT_PERFORMANCE. */
  performance?: Partial<AircraftPerformance>;
}

interface Stream {
  readonly messageId: number;
  readonly defaultRateHz: number;
  readonly build: (snapshot: TelemetrySnapshot) => MavLinkData;
  rateHz: number;
  nextDueS: number;
}

/** Autopilot component id (MAV_COMP_ID_AUTOPILOT1). */
const COMPONENT_ID = 1;
const MAX_RATE_HZ = 10;

/** One simulated vehicle: advance(dtS) → telemetry frames due; receive(bytes) → COMMAND_ACK replies. */
export class SimulatedAircraft {
  readonly definition: AircraftDefinition;
  private aircraft: AircraftState;
  private missionState: MissionState = createMission();
  private readonly performance: AircraftPerformance;
  private readonly sequence = new MessageSequence();
  private readonly decoder = new MavlinkDecoder();
  private readonly streams: Stream[];
  private readonly texts: string[] = [];
  private heardHeartbeats = 0;

  /** Throws an Error naming a bad definition field or option. */
  constructor(definition: AircraftDefinition, options: SimulatedAircraftOptions = {}) {
    this.definition = validateAircraftDefinition(definition);
    const positionRateHz = options.positionRateHz ?? 4;
    if (!(positionRateHz >= 0.1 && positionRateHz <= MAX_RATE_HZ)) {
      throw new Error(`SimulatedAircraft ${definition.callsign}: positionRateHz must be 0.1–${MAX_RATE_HZ}, got ${positionRateHz}`);
    }
    this.performance = { ...DEFAULT_PERFORMANCE, ...options.performance };
    const [home, first] = definition.route as [AircraftDefinition['route'][0], AircraftDefinition['route'][0]];
    this.aircraft = { ...parkedAircraft(home[0], home[1], definition.homeAltitudeMslM), headingDeg: bearingDeg([home[0], home[1]], [first[0], first[1]]) };
    const stream = (messageId: number, rateHz: number, build: Stream['build']): Stream => ({ messageId, defaultRateHz: rateHz, build, rateHz, nextDueS: 0 });
    this.streams = [
      stream(0, 1, heartbeatMessage),
      stream(33, positionRateHz, globalPositionMessage),
      stream(30, positionRateHz, attitudeMessage),
      stream(24, 2, gpsRawMessage),
      stream(74, 2, vfrHudMessage),
      stream(1, 1, sysStatusMessage),
    ];
  }

  /** Where it is and how it moves. */
  get state(): AircraftState {
    return this.aircraft;
  }

  /** Its mission phase, mode and armed flag. */
  get mission(): MissionState {
    return this.missionState;
  }

  /** HEARTBEATs heard from ground stations so far. */
  get groundStationHeartbeats(): number {
    return this.heardHeartbeats;
  }

  /** Moves simulated time on by `dtS` seconds (≥ 0) and returns the frames now due; advance(0) at start sends the first of each. */
  advance(dtS: number): Buffer[] {
    if (!Number.isFinite(dtS) || dtS < 0) throw new Error(`SimulatedAircraft.advance: dtS must be a finite number ≥ 0, got ${dtS}`);
    if (dtS > 0) {
      this.aircraft = stepAircraft(this.aircraft, missionCommand(this.missionState, this.aircraft, this.definition), dtS, this.performance);
      const before = this.missionState;
      this.missionState = advanceMission(before, this.aircraft, this.definition, dtS);
      this.noteProgress(before, this.missionState);
    }
    const frames = this.texts.splice(0).map((text) => this.encode(statusTextMessage(text)));
    const nowS = this.missionState.elapsedS;
    const snapshot: TelemetrySnapshot = { kind: this.definition.kind, aircraft: this.aircraft, mission: this.missionState, timeBootMs: Math.round(nowS * 1000) };
    for (const stream of this.streams) {
      if (stream.rateHz <= 0 || stream.nextDueS > nowS) continue;
      frames.push(this.encode(stream.build(snapshot)));
      // After a long step send once, not a burst of stale copies.
      stream.nextDueS = Math.max(stream.nextDueS + 1 / stream.rateHz, nowS + 0.5 / stream.rateHz);
    }
    return frames;
  }

  /** Takes bytes from a ground station (any garbage is counted and dropped); returns the reply frames (COMMAND_ACK). */
  receive(bytes: Buffer): Buffer[] {
    const replies: Buffer[] = [];
    for (const frame of this.decoder.push(bytes)) {
      if (frame.name === 'HEARTBEAT') this.heardHeartbeats++;
      if (!(frame.data instanceof common.CommandLong)) continue;
      const request = frame.data;
      if (request.targetSystem !== 0 && request.targetSystem !== this.definition.systemId) continue;
      const params = [request._param1, request._param2, request._param3, request._param4, request._param5, request._param6, request._param7];
      const effect = interpretCommand({ command: request.command, params }, this.definition.kind, this.missionState, this.aircraft);
      if (effect.mission) this.missionState = effect.mission;
      if (effect.text) this.texts.push(effect.text);
      const result = effect.messageInterval ? this.setInterval(effect.messageInterval.messageId, effect.messageInterval.intervalUs) : effect.result;
      replies.push(this.encode(Object.assign(new common.CommandAck(), {
        command: request.command, result, targetSystem: frame.systemId, targetComponent: frame.componentId,
      })));
    }
    return replies;
  }

  private setInterval(messageId: number, intervalUs: number): number {
    const stream = this.streams.find((candidate) => candidate.messageId === messageId);
    if (stream === undefined || (messageId === 0 && intervalUs !== 0)) return MAV_RESULT.UNSUPPORTED;
    stream.rateHz = intervalUs === 0 ? stream.defaultRateHz : intervalUs < 0 ? 0 : Math.min(MAX_RATE_HZ, 1e6 / intervalUs);
    stream.nextDueS = this.missionState.elapsedS;
    return MAV_RESULT.ACCEPTED;
  }

  private noteProgress(before: MissionState, after: MissionState): void {
    if (!before.isArmed && after.isArmed) this.texts.push('Arming motors');
    if (before.phase === 'takeoff' && after.phase === 'enroute') this.texts.push('Mission: takeoff complete');
    if (before.phase === 'enroute' && after.waypointIndex !== before.waypointIndex) this.texts.push(`Reached waypoint #${before.waypointIndex}`);
    if (before.phase === 'enroute' && after.phase === 'landing') this.texts.push('Mission complete: landing');
    if (before.isArmed && !after.isArmed) this.texts.push('Disarming motors');
  }

  private encode(message: MavLinkData): Buffer {
    return encodeMessage(message, { systemId: this.definition.systemId, componentId: COMPONENT_ID, sequence: this.sequence.next() });
  }
}
