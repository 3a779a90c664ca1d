/**
 * The stream requests a ground station sends after it first hears a vehicle: REQUEST_DATA_STREAM
 * for ArduPilot's stream groups (what Mission Planner and MAVProxy send; ArduPilot maps each group to
 * messages, libraries/GCS_MAVLink/GCS_MAVLink_Parameters.cpp) then SET_MESSAGE_INTERVAL per message
 * (MAV_CMD 511, what PX4 and newer ground stations use; ArduPilot honours both, the later one winning).
 */
import { common, type MavLinkData } from 'node-mavlink';

/** The messages the platform reads, by MAVLink name. */
export type StreamedMessage = 'GLOBAL_POSITION_INT' | 'GPS_RAW_INT' | 'SYS_STATUS' | 'BATTERY_STATUS' | 'VFR_HUD' | 'ATTITUDE' | 'HOME_POSITION';

/** Rate per message, Hz (0 = stop it). */
export type StreamRatesHz = Readonly<Record<StreamedMessage, number>>;

/** Default rates: positions and attitude 4 Hz (as MAVProxy's default streamrate), GPS and HUD 2 Hz, power 1 Hz, home every 10 s. */
export const DEFAULT_STREAM_RATES_HZ: StreamRatesHz = Object.freeze({
  GLOBAL_POSITION_INT: 4, ATTITUDE: 4, GPS_RAW_INT: 2, VFR_HUD: 2, SYS_STATUS: 1, BATTERY_STATUS: 1, HOME_POSITION: 0.1,
});

/** Message id and ArduPilot stream group (MAV_DATA_STREAM) of each message; HOME_POSITION is in no group. */
const STREAMED: Readonly<Record<StreamedMessage, { messageId: number; stream: number | null }>> = {
  GLOBAL_POSITION_INT: { messageId: 33, stream: 6 }, // POSITION
  GPS_RAW_INT: { messageId: 24, stream: 2 }, // EXTENDED_STATUS
  SYS_STATUS: { messageId: 1, stream: 2 }, // EXTENDED_STATUS
  ATTITUDE: { messageId: 30, stream: 10 }, // EXTRA1
  VFR_HUD: { messageId: 74, stream: 11 }, // EXTRA2
  BATTERY_STATUS: { messageId: 147, stream: 12 }, // EXTRA3
  HOME_POSITION: { messageId: 242, stream: null },
};
const MAV_CMD_SET_MESSAGE_INTERVAL = 511;
/** ArduPilot caps a stream at 50 Hz. */
const MAX_RATE_HZ = 50;

const badRate = (name: string, value: unknown): string => `buildStreamRequests: rates.${name} must be a number of Hz in [0, ${MAX_RATE_HZ}], got ${String(value)}`;
const badTarget = (field: string, value: unknown): string => `buildStreamRequests: target.${field} must be an integer 0–255, got ${String(value)}`;

/**
 * REQUEST_DATA_STREAM messages (one per ArduPilot group, at the fastest rate of its messages, rounded up to
 * whole Hz) followed by one COMMAND_LONG SET_MESSAGE_INTERVAL per message (interval 1e6 / Hz µs; -1 for 0 Hz),
 * addressed to `target`. `rates` overrides DEFAULT_STREAM_RATES_HZ per message. Pure; throws an Error naming a
 * bad rate or target field.
 */
export function buildStreamRequests(target: { systemId: number; componentId: number }, rates: Partial<StreamRatesHz> = {}): MavLinkData[] {
  for (const field of ['systemId', 'componentId'] as const) {
    const value = target?.[field];
    if (!Number.isInteger(value) || value < 0 || value > 255) throw new Error(badTarget(field, value));
  }
  const wanted = { ...DEFAULT_STREAM_RATES_HZ, ...rates };
  const names = Object.keys(STREAMED) as StreamedMessage[];
  const groupRatesHz = new Map<number, number>();
  for (const name of names) {
    const rateHz = wanted[name];
    if (typeof rateHz !== 'number' || !(rateHz >= 0 && rateHz <= MAX_RATE_HZ)) throw new Error(badRate(name, rateHz));
    const stream = STREAMED[name].stream;
    if (stream !== null) groupRatesHz.set(stream, Math.max(groupRatesHz.get(stream) ?? 0, Math.ceil(rateHz)));
  }
  const messages: MavLinkData[] = [];
  for (const [stream, rateHz] of groupRatesHz) {
    messages.push(Object.assign(new common.RequestDataStream(), {
      targetSystem: target.systemId, targetComponent: target.componentId, reqStreamId: stream, reqMessageRate: rateHz, startStop: rateHz > 0 ? 1 : 0,
    }));
  }
  for (const name of names) {
    const rateHz = wanted[name];
    messages.push(Object.assign(new common.CommandLong(), {
      targetSystem: target.systemId, targetComponent: target.componentId, command: MAV_CMD_SET_MESSAGE_INTERVAL, confirmation: 0,
      _param1: STREAMED[name].messageId, _param2: rateHz > 0 ? Math.round(1e6 / rateHz) : -1,
      _param3: 0, _param4: 0, _param5: 0, _param6: 0, _param7: 0,
    }));
  }
  return messages;
}
