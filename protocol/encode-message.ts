import { MavLinkProtocolV1, MavLinkProtocolV2, type MavLinkData, type MavLinkDataConstructor } from 'node-mavlink';
import { mavlinkCrc } from './mavlink-crc.ts';

const notAByte = (name: string, value: unknown): string => `encodeMessage: ${name} must be an integer 0–255, got ${String(value)}`;
const notAMessage = (value: unknown): string =>
  `encodeMessage: message must be a mavlink-mappings MavLinkData instance (e.g. new common.Attitude()), got ${String(value)}`;
const badVersion = (value: unknown): string => `encodeMessage: protocolVersion must be 1 or 2, got ${String(value)}`;
const tooBigForV1 = (name: string, id: number): string =>
  `encodeMessage: ${name} (id ${id}) cannot be sent as MAVLink 1, whose ids stop at 255; use protocolVersion 2`;

/** Value of HEARTBEAT.mavlink_version that the C library and pymavlink send (node-mavlink sends the field as set, 0 by default). */
const MAVLINK_VERSION = 3;

/** Options of encodeMessage. */
export interface EncodeMessageOptions {
  /** Sender system id, 0–255. */
  systemId: number;
  /** Sender component id, 0–255. */
  componentId: number;
  /** Packet sequence number, 0–255 (take it from the sender's MessageSequence). */
  sequence: number;
  /** Wire protocol; default 2. */
  protocolVersion?: 1 | 2;
}

/**
 * Serialises one message as an unsigned MAVLink 2 (default) or MAVLink 1 frame, using node-mavlink's
 * serialiser, then framing it as the C library does: a MAVLink 2 all-zero payload keeps 1 byte
 * (node-mavlink would send 0), a MAVLink 1 frame carries no extension fields, and HEARTBEAT's
 * mavlink_version is 3. Throws an Error naming a bad option or a message id above 255 for MAVLink 1.
 */
export function encodeMessage(message: MavLinkData, options: EncodeMessageOptions): Buffer {
  const definition = (message as object | null)?.constructor as MavLinkDataConstructor<MavLinkData> | undefined;
  if (typeof definition?.MSG_ID !== 'number' || !Array.isArray(definition.FIELDS)) throw new Error(notAMessage(message));
  const { systemId, componentId, sequence } = options;
  for (const [name, value] of [['systemId', systemId], ['componentId', componentId], ['sequence', sequence]] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 255) throw new Error(notAByte(name, value));
  }
  const version = options.protocolVersion ?? 2;
  if (version !== 1 && version !== 2) throw new Error(badVersion(version));
  if (version === 1 && definition.MSG_ID > 255) throw new Error(tooBigForV1(definition.MSG_NAME, definition.MSG_ID));

  const source = withMavlinkVersion(message, definition);
  if (version === 2) {
    const frame = new MavLinkProtocolV2(systemId, componentId).serialize(source, sequence);
    return frame[1] === 0 ? reframe(frame, 10, 1, definition.MAGIC_NUMBER) : frame;
  }
  const frame = new MavLinkProtocolV1(systemId, componentId).serialize(source, sequence);
  const baseBytes = basePayloadBytes(definition);
  return frame[1] === baseBytes ? frame : reframe(frame, 6, baseBytes, definition.MAGIC_NUMBER);
}

/** Payload length without extension fields (what MAVLink 1 carries); extensions follow the base fields on the wire. */
function basePayloadBytes(definition: MavLinkDataConstructor<MavLinkData>): number {
  const firstExtension = definition.FIELDS.find((field) => field.extension);
  return firstExtension === undefined ? definition.PAYLOAD_LENGTH : firstExtension.offset;
}

/** Copies a frame with a new payload length (zero-padded or cut) and a fresh CRC. */
function reframe(frame: Buffer, headerBytes: number, payloadBytes: number, crcExtra: number): Buffer {
  const result = Buffer.alloc(headerBytes + payloadBytes + 2);
  frame.copy(result, 0, 0, headerBytes + Math.min(payloadBytes, frame[1] as number));
  result[1] = payloadBytes;
  result.writeUInt16LE(mavlinkCrc(result, 1, headerBytes + payloadBytes, crcExtra), headerBytes + payloadBytes);
  return result;
}

/** The message itself, or a copy with its mavlink_version field(s) set to 3; the caller's object is never changed. */
function withMavlinkVersion(message: MavLinkData, definition: MavLinkDataConstructor<MavLinkData>): MavLinkData {
  const fields = definition.FIELDS.filter((field) => field.type === 'uint8_t_mavlink_version');
  const record = message as unknown as Record<string, unknown>;
  if (fields.every((field) => record[field.name] === MAVLINK_VERSION)) return message;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(message) as object) as MavLinkData, message);
  for (const field of fields) (copy as unknown as Record<string, unknown>)[field.name] = MAVLINK_VERSION;
  return copy;
}
