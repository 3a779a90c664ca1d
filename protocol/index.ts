/**
 * protocol/: MAVLink framing and decoding on node-mavlink / mavlink-mappings, link health, the
 * reduction of messages into vehicle state, .tlog read and write. Socket code lives only in transports/.
 */
export { ardupilotmega, common, minimal } from 'node-mavlink';
export type { MavLinkData, MavLinkDataConstructor } from 'node-mavlink';
export { parseConnectionString } from './connection-string.ts';
export type { ConnectionString } from './connection-string.ts';
export { encodeMessage } from './encode-message.ts';
export type { EncodeMessageOptions } from './encode-message.ts';
export { flightModeName } from './flight-mode-name.ts';
export { addLinkStatistics, createLinkStatistics } from './link-statistics.ts';
export type { LinkStatistics } from './link-statistics.ts';
export { MavlinkDecoder } from './mavlink-decoder.ts';
export type { MavlinkDecoderOptions } from './mavlink-decoder.ts';
export { defaultRegistry } from './message-registry.ts';
export type { MessageRegistry } from './message-registry.ts';
export { MessageSequence } from './message-sequence.ts';
export { readTlog } from './read-tlog.ts';
export type { TlogEntry } from './read-tlog.ts';
export type { DecodedFrame, ReceivedMessage } from './received-message.ts';
export { TLOG_TIMESTAMP_BYTES, tlogRecord } from './tlog-record.ts';
export { UdpLink } from './transports/udp-link.ts';
export type { UdpLinkEvents, UdpLinkOptions } from './transports/udp-link.ts';
export { createVehicleState, reduceVehicleState } from './vehicle-state.ts';
export type { VehicleMessage, VehicleState } from './vehicle-state.ts';
