/**
 * The vehicle side of the MAVLink mission protocol (https://mavlink.io/en/services/mission.html), pure:
 * upload (MISSION_COUNT → MISSION_REQUEST_INT n → MISSION_ITEM_INT n … → MISSION_ACK), with re-requests
 * after a silence and a cancelled ACK after too many; download (MISSION_REQUEST_LIST → MISSION_COUNT,
 * MISSION_REQUEST_INT n → MISSION_ITEM_INT n). Items of every mission type are taken; the caller flies type 0.
 */
import { common, type MavLinkData } from '../protocol/index.ts';

/** One mission item as MISSION_ITEM_INT carries it (x, y: latitude, longitude × 1e7; z: altitude, m, per `frame`). */
export interface MissionItem {
  seq: number;
  frame: number;
  command: number;
  params: readonly [number, number, number, number];
  x: number;
  y: number;
  z: number;
  autocontinue: number;
}

/** Who the transfer is with. */
export interface Peer {
  systemId: number;
  componentId: number;
}

/** An upload in progress, or none. */
export type MissionTransfer =
  | { state: 'idle' }
  | { state: 'receiving'; missionType: number; count: number; items: MissionItem[]; peer: Peer; requestedAtS: number; retries: number };

/** What one step of the protocol produced: the new state, replies to send, and a finished upload. */
export interface TransferStep {
  transfer: MissionTransfer;
  replies: MavLinkData[];
  completed?: { missionType: number; items: MissionItem[] };
}

/** MAV_MISSION_RESULT values used. */
export const MAV_MISSION = { ACCEPTED: 0, ERROR: 1, OPERATION_CANCELLED: 15 } as const;
/** Re-request an item after this long without it, simulated seconds; give up after MAX_RETRIES. */
const ITEM_TIMEOUT_S = 1.5;
const MAX_RETRIES = 5;
const IDLE: MissionTransfer = { state: 'idle' };

/** MISSION_COUNT: starts an upload (replacing one in progress); a count of 0 clears at once. */
export function startUpload(count: number, missionType: number, peer: Peer, nowS: number): TransferStep {
  if (count <= 0) return { transfer: IDLE, replies: [ack(peer, MAV_MISSION.ACCEPTED, missionType)], completed: { missionType, items: [] } };
  const transfer: MissionTransfer = { state: 'receiving', missionType, count, items: [], peer, requestedAtS: nowS, retries: 0 };
  return { transfer, replies: [request(peer, 0, missionType)] };
}

/** MISSION_ITEM_INT (or MISSION_ITEM): keeps the expected item and asks for the next; re-asks for the expected one otherwise. */
export function receiveItem(transfer: MissionTransfer, item: MissionItem, nowS: number): TransferStep {
  if (transfer.state !== 'receiving') return { transfer, replies: [] };
  const expected = transfer.items.length;
  if (item.seq !== expected) return { transfer: { ...transfer, requestedAtS: nowS }, replies: [request(transfer.peer, expected, transfer.missionType)] };
  const items = [...transfer.items, item];
  if (items.length < transfer.count) {
    return { transfer: { ...transfer, items, requestedAtS: nowS, retries: 0 }, replies: [request(transfer.peer, items.length, transfer.missionType)] };
  }
  return { transfer: IDLE, replies: [ack(transfer.peer, MAV_MISSION.ACCEPTED, transfer.missionType)], completed: { missionType: transfer.missionType, items } };
}

/** Called as time passes: re-requests a late item, or cancels after MAX_RETRIES. */
export function checkTransferTimeout(transfer: MissionTransfer, nowS: number): TransferStep {
  if (transfer.state !== 'receiving' || nowS - transfer.requestedAtS < ITEM_TIMEOUT_S) return { transfer, replies: [] };
  if (transfer.retries >= MAX_RETRIES) return { transfer: IDLE, replies: [ack(transfer.peer, MAV_MISSION.OPERATION_CANCELLED, transfer.missionType)] };
  return {
    transfer: { ...transfer, requestedAtS: nowS, retries: transfer.retries + 1 },
    replies: [request(transfer.peer, transfer.items.length, transfer.missionType)],
  };
}

/** A MISSION_ITEM_INT's fields as a MissionItem; MISSION_ITEM (float degrees) is converted. */
export function missionItemFrom(data: common.MissionItemInt | common.MissionItem): MissionItem {
  const isInt = data instanceof common.MissionItemInt;
  return {
    seq: data.seq, frame: data.frame, command: data.command, params: [data.param1, data.param2, data.param3, data.param4],
    x: isInt ? data.x : Math.round(data.x * 1e7), y: isInt ? data.y : Math.round(data.y * 1e7), z: data.z, autocontinue: data.autocontinue,
  };
}

/** MISSION_COUNT answering MISSION_REQUEST_LIST. */
export function missionCountMessage(peer: Peer, count: number, missionType: number): MavLinkData {
  return Object.assign(new common.MissionCount(), { targetSystem: peer.systemId, targetComponent: peer.componentId, count, missionType });
}

/** MISSION_ITEM_INT answering MISSION_REQUEST_INT. */
export function missionItemMessage(peer: Peer, item: MissionItem, missionType: number): MavLinkData {
  const [param1, param2, param3, param4] = item.params;
  return Object.assign(new common.MissionItemInt(), {
    targetSystem: peer.systemId, targetComponent: peer.componentId, seq: item.seq, frame: item.frame, command: item.command,
    current: item.seq === 0 ? 1 : 0, autocontinue: item.autocontinue, param1, param2, param3, param4, x: item.x, y: item.y, z: item.z, missionType,
  });
}

/** MISSION_ACK with a MAV_MISSION_RESULT. */
export function ack(peer: Peer, type: number, missionType: number): MavLinkData {
  return Object.assign(new common.MissionAck(), { targetSystem: peer.systemId, targetComponent: peer.componentId, type, missionType });
}

function request(peer: Peer, seq: number, missionType: number): MavLinkData {
  return Object.assign(new common.MissionRequestInt(), { targetSystem: peer.systemId, targetComponent: peer.componentId, seq, missionType });
}
