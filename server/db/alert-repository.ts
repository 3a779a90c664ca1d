/** Reads alerts, newest first, paged by an opaque cursor; and records their acknowledgement (audited). */
import type { Knex } from 'knex';
import type { AlertView, Page } from '../contracts/index.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { VisibilityScope } from '../services/access-policy.ts';
import { recordAudit, type AuditActor } from './audit-repository.ts';
import { encodeCursor } from './page-cursor.ts';
import { whereVisible } from './visibility-filter.ts';

export type AlertCursor = { raisedAt: string; id: string };

export interface AlertFilter {
  limit: number;
  cursor: AlertCursor | null;
  scope: VisibilityScope;
  /** Only alerts raised at or after this time (a page catching up after a reconnect). */
  sinceMs?: number;
  unacknowledgedOnly?: boolean;
}

const toAlertView = (row: Record<string, any>): AlertView => ({
  id: row.id,
  kind: row.kind,
  severity: row.severity,
  message: row.message,
  vehicleId: row.vehicle_id,
  systemId: row.system_id,
  corridorId: row.corridor_id,
  organisationId: row.organisation_id,
  zoneId: row.zone_id,
  raisedAtMs: new Date(row.raised_at).getTime(),
  acknowledgedAtMs: row.acknowledged_at ? new Date(row.acknowledged_at).getTime() : null,
  acknowledgedBy: row.acknowledged_by_label ?? null,
  acknowledgementComment: row.acknowledgement_comment ?? null,
});

/** One page of the alerts `scope` may see, newest first. */
export async function listAlerts(knex: Knex, options: AlertFilter): Promise<Page<AlertView>> {
  const query = knex('alerts')
    .select('*', knex.raw(`to_char(raised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as raised_at_text`))
    .orderBy([{ column: 'raised_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .limit(options.limit + 1);
  whereVisible(query, options.scope, { corridor: 'corridor_id', organisation: 'organisation_id' });
  if (options.sinceMs !== undefined) query.where('raised_at', '>=', new Date(options.sinceMs));
  if (options.unacknowledgedOnly) query.whereNull('acknowledged_at');
  if (options.cursor) {
    query.whereRaw('(raised_at, id) < (?::timestamptz, ?::uuid)', [options.cursor.raisedAt, options.cursor.id]);
  }
  const rows = await query;
  const items = rows.slice(0, options.limit).map(toAlertView);
  const last = rows[options.limit - 1];
  const nextCursor = rows.length > options.limit && last ? encodeCursor({ raisedAt: last.raised_at_text, id: last.id }) : null;
  return { items, nextCursor };
}

export async function findAlert(knex: Knex, id: string): Promise<AlertView | null> {
  const row = await knex('alerts').where({ id }).first();
  return row ? toAlertView(row) : null;
}

/** Record who acknowledged alert `id`, when and why; ConflictError when it already was (naming by whom). */
export async function acknowledgeAlert(knex: Knex, id: string, comment: string, actor: AuditActor, nowMs: number): Promise<AlertView> {
  return knex.transaction(async (trx) => {
    const row = await trx('alerts').where({ id }).forUpdate().first();
    if (!row) throw new NotFoundError(`No alert '${id}'`);
    const before = toAlertView(row);
    if (before.acknowledgedAtMs !== null) throw new ConflictError(`Already acknowledged by ${before.acknowledgedBy} at ${new Date(before.acknowledgedAtMs).toISOString()}`, before);
    await trx('alerts').where({ id }).update({ acknowledged_at: new Date(nowMs), acknowledged_by: actor.userId, acknowledged_by_label: actor.label, acknowledgement_comment: comment });
    const after = (await findAlert(trx, id))!;
    const audience = { corridorIds: after.corridorId ? [after.corridorId] : [], organisationIds: after.organisationId ? [after.organisationId] : [], isOutsideCorridors: after.corridorId === null };
    await recordAudit(trx, actor, { action: 'alert.acknowledge', resourceType: 'alert', resourceId: id, ...audience, before, after }, nowMs);
    return after;
  });
}
