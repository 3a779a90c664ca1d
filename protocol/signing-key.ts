import { createHash } from 'node:crypto';

/** Bytes of a MAVLink 2 signing secret key. */
export const SIGNING_KEY_BYTES = 32;

/**
 * The 32-byte MAVLink 2 signing key for a passphrase: SHA-256 of its UTF-8 bytes, as MAVProxy's
 * `signing setup PASSPHRASE` and Mission Planner derive it. Throws if `text` is not a non-empty string.
 * Example: signingKeyFromPassphrase('kas-3-demo-key').length → 32.
 */
export function signingKeyFromPassphrase(text: string): Buffer {
  if (typeof text !== 'string' || text === '') {
    throw new Error(`signingKeyFromPassphrase: text must be a non-empty string, got ${JSON.stringify(text)}`);
  }
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Throws unless `key` is a 32-byte Buffer; `where` names the caller in the message. */
export function assertSigningKey(key: unknown, where: string): asserts key is Buffer {
  if (!Buffer.isBuffer(key) || key.length !== SIGNING_KEY_BYTES) {
    const got = Buffer.isBuffer(key) ? `${key.length} bytes` : typeof key;
    throw new Error(`${where}: key must be a ${SIGNING_KEY_BYTES}-byte Buffer (e.g. signingKeyFromPassphrase(text)), got ${got}`);
  }
}
