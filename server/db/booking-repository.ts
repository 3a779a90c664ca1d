/** Reads approved and active bookings as the volumes the fence check judges an aircraft against. */
import type { Knex } from 'knex';
import type { IndexedBooking } from '../services/booking-index.ts';

/**
 * Approved or active bookings whose window overlaps [fromMs, toMs), with their volumes (area, band, window);
 * with `includeCompleted`, also those that ran to their end (an imported log of a past slot is judged by them).
 */
export async function listApprovedBookings(knex: Knex, period: { fromMs: number; toMs: number }, options: { includeCompleted?: boolean } = {}): Promise<IndexedBooking[]> {
  const rows = await knex('bookings')
    .whereIn('status', options.includeCompleted ? ['approved', 'active', 'completed'] : ['approved', 'active'])
    .whereRaw('time_window && tstzrange(?, ?)', [new Date(period.fromMs), new Date(period.toMs)])
    .select(
      'id', 'aircraft_id', 'organisation_id', 'altitude_min_m', 'altitude_max_m', 'altitude_reference',
      knex.raw('ST_AsGeoJSON(ST_Segmentize(area::geography, 500)::geometry, 7) as area'),
      knex.raw('extract(epoch from lower(time_window)) * 1000 as start_ms'),
      knex.raw('extract(epoch from upper(time_window)) * 1000 as end_ms'),
    );
  return rows.map((row) => ({
    aircraftId: row.aircraft_id,
    organisationId: row.organisation_id,
    volume: {
      id: row.id,
      area: JSON.parse(row.area),
      band: { minM: Number(row.altitude_min_m), maxM: Number(row.altitude_max_m), reference: row.altitude_reference },
      window: { startMs: Number(row.start_ms), endMs: Number(row.end_ms) },
    },
  }));
}
