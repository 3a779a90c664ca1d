/**
 * MAVLink 2 signed frames. The CRC covers the incompatibility flags, so the signed flag is set
 * before the CRC is computed (DESIGN.md: node-mavlink's sign() on a frame serialised without
 * IFLAG_SIGNED yields frames other implementations reject). https://mavlink.io/en/guide/message_signing.html
 */
import type { MavLinkData, MavLinkDataConstructor } from 'node-mavlink';
import { encodeMessage, type EncodeMessageOptions } from './encode-message.ts';
import { mavlinkCrc } from './mavlink-crc.ts';
import { computeSignature, SIGNATURE_BLOCK_BYTES } from './mavlink-signature.ts';
import { assertSigningKey } from './signing-key.ts';
import { MAX_SIGNING_TIMESTAMP } from './signing-timestamp.ts';

const NOT_V2 = 'encodeSignedMessage: only MAVLink 2 frames can be signed; leave protocolVersion at 2';
const badLinkId = (value: unknown): string => `encodeSignedMessage: signatureLinkId must be an integer 0–255, got ${String(value)}`;
const badTimestamp = (value: unknown): string =>
  `encodeSignedMessage: timestamp must be an integer 0–2^48-1 in 10 µs units since 2015-01-01 (see toSigningTimestamp), got ${String(value)}`;

const CHECKSUM_BYTES = 2;
const IFLAG_SIGNED = 0x01;

/** Options of encodeSignedMessage: those of encodeMessage plus the key, the link id and the timestamp to sign with. */
export interface EncodeSignedMessageOptions extends EncodeMessageOptions {
  /** The 32-byte secret key (signingKeyFromPassphrase). */
  key: Buffer;
  /** The signature's link id, 0–255 (one per channel the sender signs on). */
  signatureLinkId: number;
  /** 10 µs units since 2015-01-01 UTC (toSigningTimestamp); must increase from one frame to the next of a stream. */
  timestamp: bigint | number;
}

/**
 * Serialises one message as a signed MAVLink 2 frame (IFLAG_SIGNED set, CRC over it, then link id,
 * 48-bit timestamp and 6-byte signature), framed as encodeMessage frames it. Throws an Error naming
 * a bad option (as encodeMessage does, plus key, signatureLinkId, timestamp, protocolVersion 1).
 */
export function encodeSignedMessage(message: MavLinkData, options: EncodeSignedMessageOptions): Buffer {
  if (options.protocolVersion === 1) throw new Error(NOT_V2);
  assertSigningKey(options.key, 'encodeSignedMessage');
  const { signatureLinkId } = options;
  if (!Number.isInteger(signatureLinkId) || signatureLinkId < 0 || signatureLinkId > 255) throw new Error(badLinkId(signatureLinkId));
  const timestamp = toTimestamp(options.timestamp);
  const unsigned = encodeMessage(message, { ...options, protocolVersion: 2 });
  const crcExtra = (message.constructor as MavLinkDataConstructor<MavLinkData>).MAGIC_NUMBER;
  const crcAt = unsigned.length - CHECKSUM_BYTES;
  const frame = Buffer.alloc(unsigned.length + SIGNATURE_BLOCK_BYTES);
  unsigned.copy(frame, 0, 0, crcAt);
  frame[2] = (frame[2] as number) | IFLAG_SIGNED;
  frame.writeUInt16LE(mavlinkCrc(frame, 1, crcAt, crcExtra), crcAt);
  frame.writeUInt8(signatureLinkId, crcAt + CHECKSUM_BYTES);
  frame.writeUIntLE(Number(timestamp), crcAt + CHECKSUM_BYTES + 1, 6);
  computeSignature(options.key, frame, frame.length).copy(frame, frame.length - 6);
  return frame;
}

function toTimestamp(value: unknown): bigint {
  const isInteger = typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value));
  if (!isInteger) throw new Error(badTimestamp(value));
  const timestamp = BigInt(value as bigint | number);
  if (timestamp < 0n || timestamp > MAX_SIGNING_TIMESTAMP) throw new Error(badTimestamp(value));
  return timestamp;
}
