/**
 * protocol/: MAVLink framing and decoding on node-mavlink / mavlink-mappings, MAVLink 2 signing, link
 * health, the reduction of messages into vehicle state, the commands a ground station sends, .tlog
 * read and write. Socket code lives only in transports/.
 */
export { ardupilotmega, common, minimal } from 'node-mavlink';
export type { MavLinkData, MavLinkDataConstructor } from 'node-mavlink';
export { buildCommandLong } from './build-command-long.ts';
export type { CommandParams, CommandTarget, OperatorCommand } from './build-command-long.ts';
export { buildStreamRequests, DEFAULT_STREAM_RATES_HZ } from './build-stream-requests.ts';
export type { StreamedMessage, StreamRatesHz } from './build-stream-requests.ts';
export { toCommandAck } from './command-ack.ts';
export type { CommandAckResult } from './command-ack.ts';
export { parseConnectionString } from './connection-string.ts';
export type { ConnectionString } from './connection-string.ts';
export { encodeMessage } from './encode-message.ts';
export type { EncodeMessageOptions } from './encode-message.ts';
export { encodeSignedMessage } from './encode-signed-message.ts';
export type { EncodeSignedMessageOptions } from './encode-signed-message.ts';
export { flightModeName } from './flight-mode-name.ts';
export { linkQualityPct } from './link-quality.ts';
export { addLinkStatistics, createLinkStatistics } from './link-statistics.ts';
export type { LinkStatistics } from './link-statistics.ts';
export { MavlinkDecoder } from './mavlink-decoder.ts';
export type { MavlinkDecoderOptions } from './mavlink-decoder.ts';
export { defaultRegistry } from './message-registry.ts';
export type { MessageRegistry } from './message-registry.ts';
export { MessageSequence } from './message-sequence.ts';
export { readTlog, readTlogEntries } from './read-tlog.ts';
export type { TlogEntry, TlogStatistics } from './read-tlog.ts';
export type { DecodedFrame, ReceivedMessage } from './received-message.ts';
export { SignatureVerifier } from './signature-verifier.ts';
export type { SignatureCheck, SignatureVerifierOptions } from './signature-verifier.ts';
export { SIGNING_KEY_BYTES, signingKeyFromPassphrase } from './signing-key.ts';
export { SIGNING_EPOCH_MS, toSigningTimestamp } from './signing-timestamp.ts';
export { TLOG_TIMESTAMP_BYTES, tlogRecord } from './tlog-record.ts';
export type { LinkConnectionEvent, LinkKind, MavlinkLink, MavlinkLinkEvents } from './transports/mavlink-link.ts';
export { openLink } from './transports/open-link.ts';
export type { OpenLinkOptions } from './transports/open-link.ts';
export { TcpClientLink } from './transports/tcp-client-link.ts';
export type { TcpClientLinkOptions } from './transports/tcp-client-link.ts';
export { TcpServerLink } from './transports/tcp-server-link.ts';
export type { TcpServerLinkOptions } from './transports/tcp-server-link.ts';
export { UdpLink } from './transports/udp-link.ts';
export type { UdpLinkEvents, UdpLinkOptions } from './transports/udp-link.ts';
export { ardupilotFamily, isGroundStationHeartbeat, MAV_AUTOPILOT_ARDUPILOTMEGA, MAV_AUTOPILOT_PX4 } from './vehicle-family.ts';
export { createVehicleState, reduceVehicleState, STATUS_TEXT_LIMIT } from './vehicle-state.ts';
export type { VehicleMessage, VehicleState, VehicleStatusText } from './vehicle-state.ts';
