/**
 * Signing in and recognising who is calling: password login into a server-side session (with
 * throttling of failed attempts per account+address and per address), and principals from a
 * session secret (cookie) or an API token (Bearer). Knows nothing of Express or knex.
 */
import { randomBytes } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AccountCredentials } from '../db/account-repository.ts';
import type { AuditActor } from '../db/audit-repository.ts';
import type { NewSession, SessionRecord, TokenRecord } from '../db/session-repository.ts';
import { TooManyRequestsError, UnauthorizedError } from '../errors.ts';
import { sameGrant, type Principal } from './access-policy.ts';
import { hashSecret, isPasswordCorrect, newSecret } from './credentials.ts';

const MESSAGES = {
  badLogin: 'Email or password is wrong',
  throttled: (seconds: number) => `Too many failed sign-ins; try again in ${seconds} s`,
} as const;

/** Secrets of sessions start `cs_`, of API tokens `ct_` (so a leaked one is recognisable in a scan). */
export const SESSION_SECRET_PREFIX = 'cs';
export const TOKEN_SECRET_PREFIX = 'ct';

/** The session cookie's name. */
export const SESSION_COOKIE = 'corridor_session';

/** The session secret in a Cookie header (HTTP request or Socket.IO handshake), or null. */
export function sessionSecretOf(cookieHeader: string | undefined): string | null {
  return cookieHeader ? (parseCookies(cookieHeader)[SESSION_COOKIE] ?? null) : null;
}

/** Which sessions, tokens or people lost their credentials: their live sockets are disconnected. */
export interface RevokedCredentials {
  sessionIds?: readonly string[];
  tokenIds?: readonly string[];
  userIds?: readonly string[];
}

export interface AccountStore {
  findCredentials(email: string): Promise<AccountCredentials | null>;
  createSession(session: NewSession, actor: AuditActor, nowMs: number): Promise<string>;
  findSession(secretHash: string, nowMs: number): Promise<SessionRecord | null>;
  findToken(secretHash: string, nowMs: number): Promise<TokenRecord | null>;
}

export interface AuthenticatorDeps {
  accounts: AccountStore;
  clock: () => number;
  logger: Logger;
  /** Where failed sign-ins are counted: a knex instance on PostgreSQL (rate-limiter-flexible's store, opaque here), or null for memory. */
  throttleStore?: unknown;
  config: {
    sessionTtlMs: number;
    /** Failed sign-ins allowed per account and address in `loginWindowS` … */
    loginFailuresPerAccount: number;
    /** … and per address, whatever the account. */
    loginFailuresPerAddress: number;
    loginWindowS: number;
  };
}

export interface SignedIn {
  secret: string;
  session: SessionRecord;
  principal: Principal;
}

export class Authenticator {
  private readonly failuresByAccount: RateLimiterAbstract;
  private readonly failuresByAddress: RateLimiterAbstract;

  constructor(private readonly deps: AuthenticatorDeps) {
    const { loginWindowS: duration } = deps.config;
    // With a throttle store (PostgreSQL: the tables of migration 010) failures are counted in the
    // database, shared by every server process and kept across restarts; otherwise in memory, per process.
    const store = deps.throttleStore;
    const limiter = (points: number, tableName: string) => store
      ? new RateLimiterPostgres({ storeClient: store, storeType: 'knex', tableName, tableCreated: true, points, duration })
      : new RateLimiterMemory({ points, duration });
    this.failuresByAccount = limiter(deps.config.loginFailuresPerAccount, 'login_failures_by_account');
    this.failuresByAddress = limiter(deps.config.loginFailuresPerAddress, 'login_failures_by_address');
  }

  /** Check email and password and open a session; throws UnauthorizedError or TooManyRequestsError. */
  async signIn(attempt: { email: string; password: string; ip: string | null; userAgent: string | null }): Promise<SignedIn> {
    const accountKey = `${attempt.email.toLowerCase()}|${attempt.ip}`;
    const addressKey = String(attempt.ip);
    await this.refuseWhenThrottled(accountKey, addressKey);
    const account = await this.deps.accounts.findCredentials(attempt.email);
    const isCorrect = await isPasswordCorrect(attempt.password, account?.passwordHash ?? null);
    if (!account || !isCorrect || account.isDisabled) {
      await Promise.allSettled([this.failuresByAccount.consume(accountKey), this.failuresByAddress.consume(addressKey)]);
      this.deps.logger.warn({ email: attempt.email, ip: attempt.ip, known: account !== null }, 'sign-in refused');
      throw new UnauthorizedError(MESSAGES.badLogin);
    }
    await this.failuresByAccount.delete(accountKey);
    const nowMs = this.deps.clock();
    const { secret, secretHash } = newSecret(SESSION_SECRET_PREFIX);
    const actor: AuditActor = { userId: account.id, tokenId: null, label: account.email, ip: attempt.ip };
    const newSession: NewSession = {
      userId: account.id, secretHash, csrfToken: randomBytes(24).toString('base64url'),
      expiresAtMs: nowMs + this.deps.config.sessionTtlMs, userAgent: attempt.userAgent?.slice(0, 300) ?? null, ip: attempt.ip,
    };
    await this.deps.accounts.createSession(newSession, actor, nowMs);
    const session = (await this.deps.accounts.findSession(secretHash, nowMs))!;
    return { secret, session, principal: sessionPrincipal(session) };
  }

  private async refuseWhenThrottled(accountKey: string, addressKey: string): Promise<void> {
    const [byAccount, byAddress] = await Promise.all([this.failuresByAccount.get(accountKey), this.failuresByAddress.get(addressKey)]);
    const blocked = [
      byAccount && byAccount.consumedPoints >= this.deps.config.loginFailuresPerAccount ? byAccount.msBeforeNext : 0,
      byAddress && byAddress.consumedPoints >= this.deps.config.loginFailuresPerAddress ? byAddress.msBeforeNext : 0,
    ];
    const waitMs = Math.max(...blocked);
    if (waitMs > 0) throw new TooManyRequestsError(MESSAGES.throttled(Math.ceil(waitMs / 1000)), Math.ceil(waitMs / 1000));
  }

  /** The principal of a session secret (cookie), with the session; null when unknown, expired or revoked. */
  async fromSessionSecret(secret: string): Promise<{ principal: Principal; session: SessionRecord } | null> {
    if (!secret.startsWith(`${SESSION_SECRET_PREFIX}_`)) return null;
    const session = await this.deps.accounts.findSession(hashSecret(secret), this.deps.clock());
    return session ? { principal: sessionPrincipal(session), session } : null;
  }

  /** The principal of an API token; null when unknown, expired, revoked, or its owner no longer holds its grant. */
  async fromTokenSecret(secret: string): Promise<{ principal: Principal; token: TokenRecord } | null> {
    if (!secret.startsWith(`${TOKEN_SECRET_PREFIX}_`)) return null;
    const token = await this.deps.accounts.findToken(hashSecret(secret), this.deps.clock());
    if (!token) return null;
    const ownerAdmin = token.ownerGrants.some((grant) => grant.role === 'admin');
    if (!ownerAdmin && !token.ownerGrants.some((grant) => sameGrant(grant, token.grant))) return null;
    const principal: Principal = { userId: token.userId, sessionId: null, tokenId: token.id, label: `token ${token.name} (${token.email})`, grants: [token.grant] };
    return { principal, token };
  }
}

function sessionPrincipal(session: SessionRecord): Principal {
  return { userId: session.userId, sessionId: session.id, tokenId: null, label: session.email, grants: session.grants };
}
