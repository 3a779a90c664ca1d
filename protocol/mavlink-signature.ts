/**
 * The MAVLink 2 packet signature: the first 6 bytes of SHA-256(secret key + header + payload + CRC
 * + link id + timestamp), appended after link id (1 byte) and timestamp (6 bytes, little-endian,
 * 10 µs units since 2015). https://mavlink.io/en/guide/message_signing.html
 */
import { createHash } from 'node:crypto';

/** Bytes after the CRC of a signed frame: link id, timestamp, signature. */
export const SIGNATURE_BLOCK_BYTES = 13;
/** Bytes of the signature proper (the truncated SHA-256). */
export const SIGNATURE_BYTES = 6;

/** The 6-byte signature of a signed frame held in frame[0, end): hashes everything before its last 6 bytes. */
export function computeSignature(key: Buffer, frame: Uint8Array, end: number): Buffer {
  return createHash('sha256').update(key).update(frame.subarray(0, end - SIGNATURE_BYTES)).digest().subarray(0, SIGNATURE_BYTES);
}
