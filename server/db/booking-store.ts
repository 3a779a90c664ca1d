/**
 * Bookings in the database: read them (scoped), store a request, move a booking's status, change
 * one, and check a request against the airspace already held. The overlap rule itself lives in the
 * bookings trigger (migration 007); a request is checked by trying it as 'approved' inside a
 * savepoint that is always rolled back, so the request-time answer and the approval-time guarantee
 * come from the same rule. Every change is audited in its transaction.
 */
import type { Knex } from 'knex';
import type { BookingStatus, BookingView, Page } from '../contracts/index.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { VisibilityScope } from '../services/access-policy.ts';
import type { BookingChange, BookingRequest } from '../services/booking-desk.ts';
import { recordAudit, type AuditActor } from './audit-repository.ts';
import { encodeCursor } from './page-cursor.ts';
import { whereVisible } from './visibility-filter.ts';

/** A request as stored: the partner's request with the corridor's altitude reference. */
export type BookingDraft = BookingRequest & { altitudeReference: 'AGL' | 'MSL' };

/** The approved booking a request or approval collides with. */
export interface HeldConflict {
  bookingId: string;
  startsAtMs: number;
  endsAtMs: number;
}

const ISO = (ms: number) => new Date(ms).toISOString().replace(':00.000Z', 'Z');
const MESSAGES = {
  conflict: (held: HeldConflict) => `Conflicts with an approved booking from ${ISO(held.startsAtMs)} to ${ISO(held.endsAtMs)} (UTC) in the same airspace`,
  noBooking: (id: string) => `No booking '${id}'`,
} as const;

/** The conflict named by the bookings trigger (SQLSTATE 23P01), or null for any other error. */
export function conflictOf(error: unknown): HeldConflict | null {
  const { code, detail } = error as { code?: string; detail?: string };
  if (code !== '23P01' || !detail) return null;
  const parsed = JSON.parse(detail) as { bookingId: string; startsAt: string; endsAt: string };
  return { bookingId: parsed.bookingId, startsAtMs: Date.parse(parsed.startsAt), endsAtMs: Date.parse(parsed.endsAt) };
}

/** A ConflictError naming the held booking's window (never its owner). */
export const conflictError = (held: HeldConflict) => new ConflictError(MESSAGES.conflict(held), { startsAtMs: held.startsAtMs, endsAtMs: held.endsAtMs });

function selectBookings(knex: Knex) {
  return knex('bookings')
    .join('organisations', 'organisations.id', 'bookings.organisation_id')
    .leftJoin('aircraft', 'aircraft.id', 'bookings.aircraft_id')
    .select(
      'bookings.*', 'organisations.name as organisation_name', 'aircraft.callsign as aircraft_callsign',
      knex.raw('ST_AsGeoJSON(bookings.area, 7) as area_json'),
      knex.raw('extract(epoch from lower(bookings.time_window)) * 1000 as starts_ms'),
      knex.raw('extract(epoch from upper(bookings.time_window)) * 1000 as ends_ms'),
    );
}

function toBookingView(row: Record<string, any>): BookingView {
  const area = JSON.parse(row.area_json) as GeoJSON.MultiPolygon;
  return {
    id: row.id, corridorId: row.corridor_id, organisationId: row.organisation_id, organisationName: row.organisation_name,
    aircraftId: row.aircraft_id, aircraftCallsign: row.aircraft_callsign ?? null, status: row.status,
    startsAtMs: Number(row.starts_ms), endsAtMs: Number(row.ends_ms),
    area: area.coordinates.length === 1 ? { type: 'Polygon', coordinates: area.coordinates[0]! } : area,
    isWholeCorridor: row.is_whole_corridor, altitudeMinM: Number(row.altitude_min_m), altitudeMaxM: Number(row.altitude_max_m),
    altitudeReference: row.altitude_reference, purpose: row.purpose, pilotInCommand: row.pilot_in_command,
    requestedAtMs: new Date(row.created_at).getTime(), decidedAtMs: row.decided_at ? new Date(row.decided_at).getTime() : null,
    decisionReason: row.decision_reason,
  };
}

export async function findBooking(knex: Knex, id: string): Promise<BookingView | null> {
  const row = await selectBookings(knex).where('bookings.id', id).first();
  return row ? toBookingView(row) : null;
}

export interface BookingFilter {
  scope: VisibilityScope;
  limit: number;
  cursor: { startsAt: string; id: string } | null;
  status?: BookingStatus[];
  corridorId?: string;
  fromMs?: number;
  toMs?: number;
}

/** The bookings `scope` may see, soonest first. */
export async function listBookings(knex: Knex, filter: BookingFilter): Promise<Page<BookingView>> {
  const query = selectBookings(knex).orderByRaw('lower(bookings.time_window), bookings.id').limit(filter.limit + 1);
  whereVisible(query, { ...filter.scope, includeNoCorridor: false }, { corridor: 'bookings.corridor_id', organisation: 'bookings.organisation_id' });
  if (filter.status) query.whereIn('bookings.status', filter.status);
  if (filter.corridorId) query.where('bookings.corridor_id', filter.corridorId);
  if (filter.fromMs !== undefined) query.whereRaw('upper(bookings.time_window) > ?', [new Date(filter.fromMs)]);
  if (filter.toMs !== undefined) query.whereRaw('lower(bookings.time_window) < ?', [new Date(filter.toMs)]);
  if (filter.cursor) query.whereRaw('(lower(bookings.time_window), bookings.id) > (?::timestamptz, ?::uuid)', [filter.cursor.startsAt, filter.cursor.id]);
  const rows = await query;
  const items = rows.slice(0, filter.limit).map(toBookingView);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor({ startsAt: new Date(last.startsAtMs).toISOString(), id: last.id }) : null };
}

function draftColumns(knex: Knex, draft: BookingDraft) {
  return {
    corridor_id: draft.corridorId, organisation_id: draft.organisationId, aircraft_id: draft.aircraftId,
    time_window: knex.raw('tstzrange(?, ?)', [new Date(draft.startsAtMs), new Date(draft.endsAtMs)]),
    area: draft.area
      ? knex.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))', [JSON.stringify(draft.area)])
      : knex.raw('(SELECT boundary FROM corridors WHERE id = ?)', [draft.corridorId]),
    is_whole_corridor: draft.area === null,
    altitude_min_m: draft.altitudeMinM, altitude_max_m: draft.altitudeMaxM, altitude_reference: draft.altitudeReference,
    purpose: draft.purpose, pilot_in_command: draft.pilotInCommand,
  };
}

/** Whether `area` lies inside the corridor's boundary (a booking may not reach outside it). */
export async function isInsideCorridor(knex: Knex, corridorId: string, area: GeoJSON.Polygon | GeoJSON.MultiPolygon): Promise<boolean> {
  const row = await knex('corridors').where({ id: corridorId })
    .first(knex.raw('ST_CoveredBy(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), boundary) as inside', [JSON.stringify(area)]));
  return row?.inside === true;
}

/** Store a request (status 'requested'); throws ConflictError when it collides with an approved booking. */
export async function storeRequest(knex: Knex, draft: BookingDraft, actor: AuditActor, nowMs: number): Promise<BookingView> {
  return knex.transaction(async (trx) => {
    // The trigger judges the request as if approved; the savepoint is rolled back whatever it says.
    const probe = await trx.transaction(async (savepoint) => {
      await savepoint('bookings').insert({ ...draftColumns(savepoint, draft), status: 'approved', created_at: new Date(nowMs) });
      throw new Error('rolled back: probe only');
    }).catch((error: unknown) => conflictOf(error));
    if (probe) throw conflictError(probe);
    const [row] = await trx('bookings')
      .insert({ ...draftColumns(trx, draft), status: 'requested', requested_by: actor.userId, created_at: new Date(nowMs), updated_at: new Date(nowMs) })
      .returning('id');
    const created = (await findBooking(trx, row.id))!;
    await recordAudit(trx, actor, { action: 'booking.request', resourceType: 'booking', resourceId: created.id, corridorIds: [created.corridorId], organisationIds: [created.organisationId], after: created }, nowMs);
    return created;
  });
}

/**
 * Apply a change to booking `id` under a row lock: `decide` sees the current booking and returns the
 * change to write (or throws); the trigger refuses an overlapping approval (ConflictError naming it).
 */
export async function changeBooking(
  knex: Knex,
  id: string,
  action: string,
  decide: (current: BookingView) => BookingChange,
  actor: AuditActor,
  nowMs: number,
): Promise<BookingView> {
  try {
    return await knex.transaction(async (trx) => {
      await trx('bookings').where({ id }).forUpdate().first('id');
      const before = await findBooking(trx, id);
      if (!before) throw new NotFoundError(MESSAGES.noBooking(id));
      const change = decide(before);
      const columns = change.kind === 'draft'
        ? { ...draftColumns(trx, change.draft), status: 'requested', decided_by: null, decided_at: null, decision_reason: null }
        : { status: change.status, decision_reason: change.reason, ...(change.isDecision ? { decided_by: change.decidedBy, decided_at: new Date(nowMs) } : {}) };
      await trx('bookings').where({ id }).update({ ...columns, updated_at: new Date(nowMs) });
      const after = (await findBooking(trx, id))!;
      await recordAudit(trx, actor, { action, resourceType: 'booking', resourceId: id, corridorIds: [after.corridorId], organisationIds: [after.organisationId], before, after }, nowMs);
      return after;
    });
  } catch (error) {
    const held = conflictOf(error);
    throw held ? conflictError(held) : error;
  }
}
