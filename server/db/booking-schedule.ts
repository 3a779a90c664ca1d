/**
 * A corridor's booking timetable: its rules (operators set them, audited), the airspace taken in a
 * period (for availability), and the clock-driven moves approved → active → completed.
 */
import type { Knex } from 'knex';
import type { BookingRulesView, BookingView, TakenSlotView } from '../contracts/index.ts';
import { NotFoundError } from '../errors.ts';
import { recordAudit, type AuditActor } from './audit-repository.ts';
import { findBooking } from './booking-store.ts';

const PLATFORM: AuditActor = { userId: null, tokenId: null, label: 'platform (booking clock)', ip: null };

const toRules = (row: Record<string, any>): BookingRulesView => ({
  corridorId: row.id, timezone: row.timezone, opensAt: String(row.opens_at).slice(0, 5), closesAt: String(row.closes_at).slice(0, 5),
  daylightOnly: row.daylight_only, minLeadMinutes: row.min_lead_minutes, minDurationMinutes: row.min_duration_minutes,
  maxDurationMinutes: row.max_duration_minutes, wholeCorridorExclusive: row.whole_corridor_exclusive,
});

export async function findBookingRules(knex: Knex, corridorId: string): Promise<BookingRulesView | null> {
  const row = await knex('corridors').where({ id: corridorId }).first();
  return row ? toRules(row) : null;
}

export type BookingRulesChanges = Partial<Omit<BookingRulesView, 'corridorId' | 'timezone'>>;

export async function updateBookingRules(knex: Knex, corridorId: string, changes: BookingRulesChanges, actor: AuditActor, nowMs: number): Promise<BookingRulesView> {
  return knex.transaction(async (trx) => {
    const before = await findBookingRules(trx, corridorId);
    if (!before) throw new NotFoundError(`No corridor '${corridorId}'`);
    const columns = {
      opens_at: changes.opensAt, closes_at: changes.closesAt, daylight_only: changes.daylightOnly, min_lead_minutes: changes.minLeadMinutes,
      min_duration_minutes: changes.minDurationMinutes, max_duration_minutes: changes.maxDurationMinutes, whole_corridor_exclusive: changes.wholeCorridorExclusive,
    };
    const defined = Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
    if (Object.keys(defined).length > 0) await trx('corridors').where({ id: corridorId }).update(defined);
    const after = (await findBookingRules(trx, corridorId))!;
    await recordAudit(trx, actor, { action: 'corridor.booking-rules', resourceType: 'corridor', resourceId: corridorId, corridorIds: [corridorId], before, after }, nowMs);
    return after;
  });
}

/** Requested, approved and active bookings of a corridor overlapping [fromMs, toMs); `mine` marks an organisation's. */
export async function listTakenSlots(knex: Knex, corridorId: string, period: { fromMs: number; toMs: number }, mine: readonly string[]): Promise<TakenSlotView[]> {
  const rows = await knex('bookings')
    .where({ corridor_id: corridorId })
    .whereIn('status', ['requested', 'approved', 'active'])
    .whereRaw('time_window && tstzrange(?, ?)', [new Date(period.fromMs), new Date(period.toMs)])
    .orderByRaw('lower(time_window)')
    .select('id', 'organisation_id', 'status', 'is_whole_corridor', 'altitude_min_m', 'altitude_max_m',
      knex.raw('ST_AsGeoJSON(area, 7) as area_json'),
      knex.raw('extract(epoch from lower(time_window)) * 1000 as starts_ms'),
      knex.raw('extract(epoch from upper(time_window)) * 1000 as ends_ms'));
  return rows.map((row) => {
    const isMine = mine.includes(row.organisation_id);
    return {
      startsAtMs: Number(row.starts_ms), endsAtMs: Number(row.ends_ms), status: row.status, area: JSON.parse(row.area_json),
      isWholeCorridor: row.is_whole_corridor, altitudeMinM: Number(row.altitude_min_m), altitudeMaxM: Number(row.altitude_max_m),
      isMine, bookingId: isMine ? row.id : null,
    };
  });
}

/**
 * Move bookings whose slot began to 'active' and whose slot ended to 'completed' (audited); returns them changed.
 * Every server process runs this clock: one tick at a time takes the transaction-scoped advisory lock
 * and the others skip theirs (none changed). Even without it no booking would move or be audited twice
 * (an UPDATE waiting on a row another tick changed re-checks its WHERE and skips it), but the lock
 * keeps the ticks from queueing behind each other.
 */
export async function advanceBookingClock(knex: Knex, nowMs: number): Promise<BookingView[]> {
  const now = new Date(nowMs);
  return knex.transaction(async (trx) => {
    const { rows: [lock] } = await trx.raw<{ rows: Array<{ taken: boolean }> }>('SELECT pg_try_advisory_xact_lock(hashtext(?)) AS taken', ['booking-clock']);
    if (!lock?.taken) return [];
    const completed = await trx('bookings').whereIn('status', ['approved', 'active']).whereRaw('upper(time_window) <= ?', [now])
      .update({ status: 'completed', updated_at: now }).returning(['id', 'status']);
    const begun = await trx('bookings').where({ status: 'approved' }).whereRaw('lower(time_window) <= ?', [now])
      .update({ status: 'active', updated_at: now }).returning(['id', 'status']);
    const changed: BookingView[] = [];
    for (const row of [...completed, ...begun]) {
      const after = (await findBooking(trx, row.id))!;
      await recordAudit(trx, PLATFORM, { action: `booking.${row.status === 'active' ? 'begin' : 'complete'}`, resourceType: 'booking', resourceId: row.id, corridorIds: [after.corridorId], organisationIds: [after.organisationId], after: { status: after.status } }, nowMs);
      changed.push(after);
    }
    return changed;
  });
}
