/**
 * Checks MAVLink 2 packet signatures and their timestamps, as the C library's
 * mavlink_signature_check does (https://mavlink.io/en/guide/message_signing.html): per stream
 * (link, system id, component id, signature link id) a timestamp must be greater than the last one
 * accepted, and a stream heard for the first time may not lag the newest timestamp seen on its
 * link by more than maxAgeMs. Holds state only for frames that verified, so forged frames cannot
 * grow it.
 */
import type { DecodedFrame } from './received-message.ts';
import { computeSignature, SIGNATURE_BLOCK_BYTES, SIGNATURE_BYTES } from './mavlink-signature.ts';
import { assertSigningKey } from './signing-key.ts';

/** What verify() found: a good signature with a fresh timestamp, no signature, a wrong one, or an old timestamp. */
export type SignatureCheck = 'valid' | 'unsigned' | 'bad-signature' | 'replayed';

/** Options of SignatureVerifier. */
export interface SignatureVerifierOptions {
  /** How far a new stream's timestamp may lag the newest one seen on its link, ms; default 60,000 (the C library's one minute). */
  maxAgeMs?: number;
}

const STX_V2 = 0xfd;
const IFLAG_SIGNED = 0x01;
const DEFAULT_MAX_AGE_MS = 60_000;
/** Signing timestamps count 10 µs units. */
const UNITS_PER_MS = 100;

/** Verifies signed frames with a per-aircraft key; see the file comment for the replay rules. */
export class SignatureVerifier {
  private readonly maxAgeUnits: number;
  private readonly lastTimestamps = new Map<string, number>();
  private readonly newestByLink = new Map<string, number>();

  /** Throws if maxAgeMs is not a number ≥ 0. */
  constructor(options: SignatureVerifierOptions = {}) {
    const maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    if (!(maxAgeMs >= 0) || !Number.isFinite(maxAgeMs)) {
      throw new Error(`SignatureVerifier: maxAgeMs must be a finite number of ms ≥ 0, got ${String(maxAgeMs)}`);
    }
    this.maxAgeUnits = maxAgeMs * UNITS_PER_MS;
  }

  /**
   * Checks one received frame (its `raw` bytes) against the aircraft's 32-byte key; remembers the
   * timestamp of a valid one. Never throws on frame content; throws if `key` is not a 32-byte Buffer.
   */
  verify(frame: Pick<DecodedFrame, 'raw' | 'systemId' | 'componentId'> & { linkId: string }, key: Buffer): SignatureCheck {
    assertSigningKey(key, 'SignatureVerifier.verify');
    const raw = frame.raw;
    if (raw.length < 12 || raw[0] !== STX_V2 || ((raw[2] as number) & IFLAG_SIGNED) === 0) return 'unsigned';
    const end = 10 + (raw[1] as number) + 2 + SIGNATURE_BLOCK_BYTES;
    if (raw.length < end) return 'bad-signature';
    const expected = computeSignature(key, raw, end);
    if (!expected.equals(raw.subarray(end - SIGNATURE_BYTES, end))) return 'bad-signature';
    const blockAt = end - SIGNATURE_BLOCK_BYTES;
    const signatureLinkId = raw[blockAt] as number;
    const timestamp = raw.readUIntLE(blockAt + 1, 6);
    const stream = `${frame.linkId}\u0000${frame.systemId}:${frame.componentId}:${signatureLinkId}`;
    const last = this.lastTimestamps.get(stream);
    const newest = this.newestByLink.get(frame.linkId);
    if (last !== undefined ? timestamp <= last : newest !== undefined && timestamp + this.maxAgeUnits < newest) return 'replayed';
    this.lastTimestamps.set(stream, timestamp);
    if (newest === undefined || timestamp > newest) this.newestByLink.set(frame.linkId, timestamp);
    return 'valid';
  }
}
