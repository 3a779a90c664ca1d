/** Bytes of the big-endian microsecond timestamp before each packet in a .tlog. */
export const TLOG_TIMESTAMP_BYTES = 8;

/**
 * One .tlog record: the 8-byte big-endian timestamp (µs since the Unix epoch) then the raw frame,
 * as QGroundControl and MAVProxy write them. `receivedAtMs` is ms since the epoch (fractions kept to the µs).
 * Throws if `receivedAtMs` is negative or not finite.
 */
export function tlogRecord(raw: Buffer, receivedAtMs: number): Buffer {
  if (!Number.isFinite(receivedAtMs) || receivedAtMs < 0) {
    throw new Error(`tlogRecord: receivedAtMs must be a finite number of ms since the epoch ≥ 0, got ${receivedAtMs}`);
  }
  const record = Buffer.allocUnsafe(TLOG_TIMESTAMP_BYTES + raw.length);
  record.writeBigUInt64BE(BigInt(Math.round(receivedAtMs * 1000)), 0);
  raw.copy(record, TLOG_TIMESTAMP_BYTES);
  return record;
}
