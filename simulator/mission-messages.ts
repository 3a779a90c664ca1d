/**
 * Routes the mission-protocol messages a ground station sends on one channel to the pure protocol
 * steps (mission-transfer.ts): uploads, downloads and clears of the aircraft's mission.
 */
import { common, type MavLinkData } from '../protocol/index.ts';
import {
  ack, checkTransferTimeout, MAV_MISSION, missionCountMessage, missionItemFrom, missionItemMessage, receiveItem, startUpload,
  type MissionItem, type Peer, type TransferStep,
} from './mission-transfer.ts';
import type { TelemetryChannel } from './telemetry-channel.ts';

/** MAV_MISSION_TYPE_MISSION: the only type flown (fence and rally uploads are taken and set aside). */
export const MISSION_TYPE_MISSION = 0;

/** What handling one message gave: replies for the channel, and a finished upload of the flight mission. */
export interface MissionMessageResult {
  replies: MavLinkData[];
  uploaded?: MissionItem[];
}

/** Handles `data` if it is a mission-protocol message (else null); `stored` is the mission a download reads. */
export function handleMissionMessage(channel: TelemetryChannel, data: unknown, peer: Peer, stored: readonly MissionItem[], nowS: number): MissionMessageResult | null {
  if (data instanceof common.MissionCount) return apply(channel, startUpload(data.count, data.missionType ?? 0, peer, nowS));
  if (data instanceof common.MissionItemInt || data instanceof common.MissionItem) return apply(channel, receiveItem(channel.transfer, missionItemFrom(data), nowS));
  if (data instanceof common.MissionRequestList) {
    const count = (data.missionType ?? 0) === MISSION_TYPE_MISSION ? stored.length : 0;
    return { replies: [missionCountMessage(peer, count, data.missionType ?? 0)] };
  }
  if (data instanceof common.MissionRequestInt || data instanceof common.MissionRequest) {
    const item = (data.missionType ?? 0) === MISSION_TYPE_MISSION ? stored[data.seq] : undefined;
    return { replies: [item === undefined ? ack(peer, MAV_MISSION.ERROR, data.missionType ?? 0) : missionItemMessage(peer, item, MISSION_TYPE_MISSION)] };
  }
  if (data instanceof common.MissionClearAll) {
    const missionType = data.missionType ?? 0;
    return { replies: [ack(peer, MAV_MISSION.ACCEPTED, missionType)], ...(missionType === MISSION_TYPE_MISSION ? { uploaded: [] } : {}) };
  }
  return null;
}

/** Re-requests or cancels a stalled upload on `channel`; returns the replies to send. */
export function checkMissionTimeout(channel: TelemetryChannel, nowS: number): MavLinkData[] {
  return apply(channel, checkTransferTimeout(channel.transfer, nowS)).replies;
}

function apply(channel: TelemetryChannel, step: TransferStep): MissionMessageResult {
  channel.transfer = step.transfer;
  const isFlightMission = step.completed !== undefined && step.completed.missionType === MISSION_TYPE_MISSION;
  return { replies: step.replies, ...(isFlightMission ? { uploaded: step.completed!.items } : {}) };
}
