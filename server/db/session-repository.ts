/**
 * Server-side sessions and API tokens, found by the SHA-256 of their secret (the secret itself is
 * never stored). Both survive a restart and can be revoked; revocations and creations are audited.
 */
import type { Knex } from 'knex';
import type { ApiTokenView, GrantView, SessionSummaryView } from '../contracts/index.ts';
import { NotFoundError } from '../errors.ts';
import { grantsOf, toGrant } from './account-repository.ts';
import { recordAudit, type AuditActor } from './audit-repository.ts';

/** `last_seen_at` is refreshed at most this often, so reading a session is not a write every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface SessionRecord {
  id: string;
  userId: string;
  email: string;
  csrfToken: string;
  expiresAtMs: number;
  grants: GrantView[];
}

export interface TokenRecord {
  id: string;
  name: string;
  userId: string;
  email: string;
  grant: GrantView;
  expiresAtMs: number | null;
  /** The owner's grants now: the token only works while its owner still holds its grant. */
  ownerGrants: GrantView[];
}

export interface NewSession {
  userId: string;
  secretHash: string;
  csrfToken: string;
  expiresAtMs: number;
  userAgent: string | null;
  ip: string | null;
}

export async function createSession(knex: Knex, session: NewSession, actor: AuditActor, nowMs: number): Promise<string> {
  return knex.transaction(async (trx) => {
    const [row] = await trx('sessions')
      .insert({
        secret_hash: session.secretHash, user_id: session.userId, csrf_token: session.csrfToken, created_at: new Date(nowMs),
        expires_at: new Date(session.expiresAtMs), last_seen_at: new Date(nowMs), user_agent: session.userAgent, ip: session.ip,
      })
      .returning('id');
    await recordAudit(trx, actor, { action: 'session.create', resourceType: 'session', resourceId: row.id, after: { userId: session.userId, expiresAtMs: session.expiresAtMs, ip: session.ip } }, nowMs);
    return row.id;
  });
}

/** The live (not revoked, not expired, user enabled) session with this secret hash, or null. */
export async function findSession(knex: Knex, secretHash: string, nowMs: number): Promise<SessionRecord | null> {
  const row = await knex('sessions')
    .join('users', 'users.id', 'sessions.user_id')
    .where({ 'sessions.secret_hash': secretHash })
    .whereNull('sessions.revoked_at')
    .whereNull('users.disabled_at')
    .where('sessions.expires_at', '>', new Date(nowMs))
    .first('sessions.id', 'sessions.user_id', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at', 'users.email');
  if (!row) return null;
  if (nowMs - new Date(row.last_seen_at).getTime() > LAST_SEEN_RESOLUTION_MS) {
    await knex('sessions').where({ id: row.id }).update({ last_seen_at: new Date(nowMs) });
  }
  return { id: row.id, userId: row.user_id, email: row.email, csrfToken: row.csrf_token, expiresAtMs: new Date(row.expires_at).getTime(), grants: await grantsOf(knex, row.user_id) };
}

/** A user's live sessions, newest first. */
export async function listSessions(knex: Knex, userId: string, nowMs: number): Promise<Array<Omit<SessionSummaryView, 'isCurrent'>>> {
  const rows = await knex('sessions').where({ user_id: userId }).whereNull('revoked_at').where('expires_at', '>', new Date(nowMs)).orderBy('created_at', 'desc');
  return rows.map((row) => ({
    id: row.id,
    createdAtMs: new Date(row.created_at).getTime(),
    lastSeenAtMs: new Date(row.last_seen_at).getTime(),
    expiresAtMs: new Date(row.expires_at).getTime(),
    userAgent: row.user_agent,
    ip: row.ip,
  }));
}

/**
 * Revoke sessions: one (`sessionId`, only if it is `userId`'s) or all of `userId`'s (but `exceptSessionId`).
 * Returns the ids revoked; throws NotFoundError when the one asked for is not a live session of the user.
 */
export async function revokeSessions(
  knex: Knex,
  target: { userId: string; sessionId?: string; exceptSessionId?: string; reason: string },
  actor: AuditActor,
  nowMs: number,
): Promise<string[]> {
  return knex.transaction(async (trx) => {
    const query = trx('sessions').where({ user_id: target.userId }).whereNull('revoked_at');
    if (target.sessionId) query.where({ id: target.sessionId });
    if (target.exceptSessionId) query.whereNot({ id: target.exceptSessionId });
    const rows = await query.update({ revoked_at: new Date(nowMs) }).returning('id');
    const ids = rows.map((row: { id: string }) => row.id);
    if (target.sessionId && ids.length === 0) throw new NotFoundError(`No session '${target.sessionId}'`);
    if (ids.length > 0) {
      await recordAudit(trx, actor, { action: 'session.revoke', resourceType: 'user', resourceId: target.userId, after: { sessionIds: ids, reason: target.reason } }, nowMs);
    }
    return ids;
  });
}

const grantColumns = (grant: GrantView) => ({
  role: grant.role,
  corridor_id: 'corridorId' in grant ? grant.corridorId : null,
  organisation_id: 'organisationId' in grant ? grant.organisationId : null,
});

function toTokenView(row: Record<string, any>): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    userId: row.user_id,
    grant: toGrant(row),
    createdAtMs: new Date(row.created_at).getTime(),
    expiresAtMs: row.expires_at ? new Date(row.expires_at).getTime() : null,
    lastUsedAtMs: row.last_used_at ? new Date(row.last_used_at).getTime() : null,
    revokedAtMs: row.revoked_at ? new Date(row.revoked_at).getTime() : null,
  };
}

export async function createToken(
  knex: Knex,
  token: { userId: string; name: string; prefix: string; secretHash: string; grant: GrantView; expiresAtMs: number | null },
  actor: AuditActor,
  nowMs: number,
): Promise<ApiTokenView> {
  return knex.transaction(async (trx) => {
    const [row] = await trx('api_tokens')
      .insert({
        secret_hash: token.secretHash, prefix: token.prefix, name: token.name, user_id: token.userId, ...grantColumns(token.grant),
        created_at: new Date(nowMs), expires_at: token.expiresAtMs === null ? null : new Date(token.expiresAtMs),
      })
      .returning('*');
    const view = toTokenView(row);
    await recordAudit(trx, actor, { action: 'token.create', resourceType: 'api-token', resourceId: view.id, ...audienceOf(view.grant), after: view }, nowMs);
    return view;
  });
}

const audienceOf = (grant: GrantView) => ({
  corridorIds: 'corridorId' in grant ? [grant.corridorId] : [],
  organisationIds: 'organisationId' in grant ? [grant.organisationId] : [],
});

/** The live token with this secret hash (owner enabled), or null; marks it used. */
export async function findToken(knex: Knex, secretHash: string, nowMs: number): Promise<TokenRecord | null> {
  const row = await knex('api_tokens')
    .join('users', 'users.id', 'api_tokens.user_id')
    .where({ 'api_tokens.secret_hash': secretHash })
    .whereNull('api_tokens.revoked_at')
    .whereNull('users.disabled_at')
    .where((live) => live.whereNull('api_tokens.expires_at').orWhere('api_tokens.expires_at', '>', new Date(nowMs)))
    .first('api_tokens.*', 'users.email');
  if (!row) return null;
  if (!row.last_used_at || nowMs - new Date(row.last_used_at).getTime() > LAST_SEEN_RESOLUTION_MS) {
    await knex('api_tokens').where({ id: row.id }).update({ last_used_at: new Date(nowMs) });
  }
  return {
    id: row.id, name: row.name, userId: row.user_id, email: row.email, grant: toGrant(row),
    expiresAtMs: row.expires_at ? new Date(row.expires_at).getTime() : null, ownerGrants: await grantsOf(knex, row.user_id),
  };
}

/** Tokens, newest first: one user's, or everyone's (null). */
export async function listTokens(knex: Knex, userId: string | null): Promise<ApiTokenView[]> {
  const query = knex('api_tokens').orderBy('created_at', 'desc');
  if (userId) query.where({ user_id: userId });
  return (await query).map(toTokenView);
}

export async function findTokenView(knex: Knex, id: string): Promise<ApiTokenView | null> {
  const row = await knex('api_tokens').where({ id }).first();
  return row ? toTokenView(row) : null;
}

export async function revokeToken(knex: Knex, id: string, actor: AuditActor, nowMs: number): Promise<ApiTokenView> {
  return knex.transaction(async (trx) => {
    const [row] = await trx('api_tokens').where({ id }).update({ revoked_at: trx.raw('coalesce(revoked_at, ?)', [new Date(nowMs)]) }).returning('*');
    if (!row) throw new NotFoundError(`No API token '${id}'`);
    const view = toTokenView(row);
    await recordAudit(trx, actor, { action: 'token.revoke', resourceType: 'api-token', resourceId: id, ...audienceOf(view.grant), after: view }, nowMs);
    return view;
  });
}
