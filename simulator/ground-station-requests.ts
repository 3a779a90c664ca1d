/**
 * What a simulated aircraft does with each frame a ground station sends on a channel: counts
 * HEARTBEATs, sets stream rates (REQUEST_DATA_STREAM), runs COMMAND_LONG and SET_MODE with a
 * COMMAND_ACK, and hands mission-protocol messages to mission-messages.ts. Frames addressed to
 * another system or component are ignored, as ArduPilot's router does.
 */
import { common, minimal, type DecodedFrame, type MavLinkData } from '../protocol/index.ts';
import type { AircraftKind } from './aircraft-definition.ts';
import { changeMode, interpretCommand, MAV_RESULT, modeForCustomMode, type CommandEffect } from './aircraft-commands.ts';
import { buildTelemetryMessage, type TelemetrySnapshot } from './aircraft-telemetry.ts';
import type { MissionState } from './autopilot.ts';
import { handleMissionMessage } from './mission-messages.ts';
import type { MissionItem, Peer } from './mission-transfer.ts';
import type { AircraftState } from './physics.ts';
import { AUTOPILOT_COMPONENT_ID, type TelemetryChannel } from './telemetry-channel.ts';

/** What the handler may read and change of the aircraft. */
export interface AircraftControl {
  readonly systemId: number;
  readonly kind: AircraftKind;
  mission(): MissionState;
  state(): AircraftState;
  missionItems(): readonly MissionItem[];
  snapshot(): TelemetrySnapshot;
  /** Applies a command's mission change and text. */
  apply(effect: Pick<CommandEffect, 'mission' | 'text'>): void;
  /** Takes an uploaded flight mission. */
  loadMission(items: MissionItem[]): void;
  countHeartbeat(): void;
}

/** Handles one frame from a ground station; returns the replies to send on its channel. */
export function handleGroundStationFrame(control: AircraftControl, channel: TelemetryChannel, frame: DecodedFrame, nowS: number): MavLinkData[] {
  const data = frame.data;
  if (data instanceof minimal.Heartbeat) {
    control.countHeartbeat();
    return [];
  }
  if (!isAddressedTo(control.systemId, data)) return [];
  const peer = { systemId: frame.systemId, componentId: frame.componentId };
  if (data instanceof common.RequestDataStream) {
    channel.scheduler.requestDataStream(data.reqStreamId, data.reqMessageRate, data.startStop === 1, nowS);
    return [];
  }
  if (data instanceof common.CommandLong) return runCommand(control, channel, data, peer, nowS);
  if (data instanceof common.SetMode) {
    // SET_MODE is deprecated but still sent by older MAVProxy; ArduPilot acknowledges it with COMMAND_ACK (command = 11).
    const mode = modeForCustomMode(control.kind, data.customMode);
    const effect = mode === undefined ? { result: MAV_RESULT.DENIED } : changeMode(control.mission(), control.state(), mode);
    control.apply(effect);
    return [commandAck(common.SetMode.MSG_ID, effect.result, peer)];
  }
  const mission = handleMissionMessage(channel, data, peer, control.missionItems(), nowS);
  if (mission?.uploaded !== undefined) control.loadMission(mission.uploaded);
  return mission?.replies ?? [];
}

function runCommand(control: AircraftControl, channel: TelemetryChannel, request: common.CommandLong, peer: Peer, nowS: number): MavLinkData[] {
  const params = [request._param1, request._param2, request._param3, request._param4, request._param5, request._param6, request._param7];
  const effect = interpretCommand({ command: request.command, params }, control.kind, control.mission(), control.state());
  control.apply(effect);
  let result = effect.result;
  if (effect.messageInterval) result = channel.scheduler.setMessageInterval(effect.messageInterval.messageId, effect.messageInterval.intervalUs, nowS);
  const extra: MavLinkData[] = [];
  if (effect.requestedMessageId !== undefined) {
    const message = buildTelemetryMessage(effect.requestedMessageId, control.snapshot());
    if (message === null) result = MAV_RESULT.UNSUPPORTED;
    else extra.push(message);
  }
  return [commandAck(request.command, result, peer), ...extra];
}

function isAddressedTo(systemId: number, data: unknown): boolean {
  const { targetSystem, targetComponent } = data as { targetSystem?: unknown; targetComponent?: unknown };
  const systemOk = typeof targetSystem !== 'number' || targetSystem === 0 || targetSystem === systemId;
  const componentOk = typeof targetComponent !== 'number' || targetComponent === 0 || targetComponent === AUTOPILOT_COMPONENT_ID;
  return systemOk && componentOk;
}

function commandAck(command: number, result: number, peer: Peer): MavLinkData {
  return Object.assign(new common.CommandAck(), { command, result, targetSystem: peer.systemId, targetComponent: peer.componentId });
}
