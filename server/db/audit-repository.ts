/**
 * The audit log: every change, who made it, when, and the record before and after. Written in
 * the same transaction as the change it describes, so a stored change always has its entry.
 */
import type { Knex } from 'knex';
import type { AuditEntryView, Page } from '../contracts/index.ts';
import type { VisibilityScope } from '../services/access-policy.ts';
import { encodeCursor } from './page-cursor.ts';

/** Who made a change (from the request's principal), or the platform itself. */
export interface AuditActor {
  userId: string | null;
  tokenId: string | null;
  label: string;
  ip: string | null;
}

export interface AuditDraft {
  action: string;
  resourceType: string;
  resourceId: string | null;
  /** Corridors the change concerns: their operators and regulators may read the entry. */
  corridorIds?: readonly string[];
  /** Organisations the change concerns: their partners may read the entry. */
  organisationIds?: readonly string[];
  /** About an aircraft outside every corridor: every operator and regulator may read the entry. */
  isOutsideCorridors?: boolean;
  before?: unknown;
  after?: unknown;
}

export type AuditCursor = { id: string };

/** Store one entry (inside the caller's transaction when `knex` is one). */
export async function recordAudit(knex: Knex, actor: AuditActor, draft: AuditDraft, nowMs: number): Promise<void> {
  await knex('audit_log').insert({
    occurred_at: new Date(nowMs),
    actor_user_id: actor.userId,
    actor_token_id: actor.tokenId,
    actor: actor.label,
    action: draft.action,
    resource_type: draft.resourceType,
    resource_id: draft.resourceId,
    corridor_ids: [...new Set(draft.corridorIds ?? [])],
    organisation_ids: [...new Set(draft.organisationIds ?? [])],
    outside_corridors: draft.isOutsideCorridors ?? false,
    before: draft.before === undefined ? null : JSON.stringify(draft.before),
    after: draft.after === undefined ? null : JSON.stringify(draft.after),
    ip: actor.ip,
  });
}

/** Entries the scope may read, newest first: admins all; corridor roles theirs; partners their organisation's. */
export async function listAudit(
  knex: Knex,
  options: { scope: VisibilityScope; limit: number; cursor: AuditCursor | null; action?: string; resourceId?: string },
): Promise<Page<AuditEntryView>> {
  const { scope } = options;
  const query = knex('audit_log').orderBy('id', 'desc').limit(options.limit + 1);
  if (!scope.everything) {
    query.where((visible) => {
      visible.whereRaw('false');
      if (scope.corridorIds.length > 0) visible.orWhereRaw('corridor_ids && ?::uuid[]', [scope.corridorIds]);
      if (scope.organisationIds.length > 0) visible.orWhereRaw('organisation_ids && ?::uuid[]', [scope.organisationIds]);
      if (scope.includeNoCorridor) visible.orWhere('outside_corridors', true);
    });
  }
  if (options.cursor) query.where('id', '<', options.cursor.id);
  if (options.action) query.where('action', options.action);
  if (options.resourceId) query.where('resource_id', options.resourceId);
  const rows = await query;
  const items: AuditEntryView[] = rows.slice(0, options.limit).map((row) => ({
    id: String(row.id),
    occurredAtMs: new Date(row.occurred_at).getTime(),
    actor: row.actor,
    actorUserId: row.actor_user_id,
    actorTokenId: row.actor_token_id,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    corridorIds: row.corridor_ids ?? [],
    organisationIds: row.organisation_ids ?? [],
    before: row.before,
    after: row.after,
  }));
  const last = rows[options.limit - 1];
  return { items, nextCursor: rows.length > options.limit && last ? encodeCursor({ id: String(last.id) }) : null };
}
