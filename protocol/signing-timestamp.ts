/** 2015-01-01T00:00:00Z, ms since the Unix epoch: where MAVLink 2 signing timestamps count from. */
export const SIGNING_EPOCH_MS = Date.UTC(2015, 0, 1);

/** Largest value of the 48-bit signing timestamp field. */
export const MAX_SIGNING_TIMESTAMP = (1n << 48n) - 1n;

/**
 * A MAVLink 2 signing timestamp (10 µs units since 2015-01-01 UTC) for a Unix time in ms, e.g.
 * toSigningTimestamp(Date.UTC(2015, 0, 1, 0, 0, 1)) → 100000n. Throws for a time before 2015 or not finite.
 * See https://mavlink.io/en/guide/message_signing.html#timestamp
 */
export function toSigningTimestamp(unixMs: number): bigint {
  if (!Number.isFinite(unixMs) || unixMs < SIGNING_EPOCH_MS) {
    throw new Error(`toSigningTimestamp: unixMs must be a finite time in ms since the epoch, from 2015-01-01 on; got ${unixMs}`);
  }
  return BigInt(Math.floor((unixMs - SIGNING_EPOCH_MS) * 100));
}
