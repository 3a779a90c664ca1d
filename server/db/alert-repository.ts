/** Reads alerts, newest first, paged by an opaque cursor. */
import type { Knex } from 'knex';
import type { AlertView, Page } from '../contracts/index.ts';
import type { VisibilityScope } from '../services/access-policy.ts';
import { encodeCursor } from './page-cursor.ts';
import { whereVisible } from './visibility-filter.ts';

export type AlertCursor = { raisedAt: string; id: string };

/** One page of the alerts `scope` may see, newest first. */
export async function listAlerts(knex: Knex, options: { limit: number; cursor: AlertCursor | null; scope: VisibilityScope }): Promise<Page<AlertView>> {
  const query = knex('alerts')
    .select('*', knex.raw(`to_char(raised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as raised_at_text`))
    .orderBy([{ column: 'raised_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .limit(options.limit + 1);
  whereVisible(query, options.scope, { corridor: 'corridor_id', organisation: 'organisation_id' });
  if (options.cursor) {
    query.whereRaw('(raised_at, id) < (?::timestamptz, ?::uuid)', [options.cursor.raisedAt, options.cursor.id]);
  }
  const rows = await query;
  const items: AlertView[] = rows.slice(0, options.limit).map((row) => ({
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
  }));
  const last = rows[options.limit - 1];
  const nextCursor = rows.length > options.limit && last ? encodeCursor({ raisedAt: last.raised_at_text, id: last.id }) : null;
  return { items, nextCursor };
}
