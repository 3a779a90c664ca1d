/**
 * Secrets people and machines sign in with: passwords hashed with Argon2id (@node-rs/argon2,
 * OWASP's parameters: 19 MiB, 2 passes), and random session/API-token secrets, which carry 256
 * bits of entropy and so are stored as a plain SHA-256 (a slow hash adds nothing to them).
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** Shortest password accepted (NIST SP 800-63B asks for at least 8; we ask for more). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** An Argon2id PHC string for `password`. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified against when the account does not exist, so an unknown email takes as long as a wrong password.
const UNKNOWN_ACCOUNT_HASH = hash(randomBytes(16).toString('hex'));

/** Whether `password` matches `passwordHash`; null hash (no account or no password) → false, in the same time. */
export async function isPasswordCorrect(password: string, passwordHash: string | null): Promise<boolean> {
  if (passwordHash === null) {
    await verify(await UNKNOWN_ACCOUNT_HASH, password);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

/** A new secret `<prefix>_<43 base64url chars>` and the hash it is stored as. */
export function newSecret(prefix: string): { secret: string; secretHash: string } {
  const secret = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { secret, secretHash: hashSecret(secret) };
}

/** The stored form of a session or token secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
