/**
 * The live flights a previous process left open (it was killed, so it never closed them), with
 * what the ingest needs to continue them: their open violations, their unacknowledged alert kinds,
 * and when their aircraft was last heard (the .tlog's last record, whose torn tail is cut off here).
 */
import type { Knex } from 'knex';
import type { ResumableFlight } from '../services/flight-recorder.ts';
import type { ViolationRecord } from '../services/ingest-store.ts';
import type { FlightLogArchive } from './flight-log-archive.ts';

const toMs = (value: Date | string | null): number | null => (value === null ? null : new Date(value).getTime());

export interface ResumableFlightOptions {
  /** Only flights flown on links this accepts are listed (another process may be writing the others' .tlog); default all. */
  isOwnLink?: (linkId: string) => boolean;
  /** Given each listed flight's complete .tlog records, one flight's bytes at a time. */
  withLog?: (flight: ResumableFlight, log: Buffer) => void;
}

/** The link id in a vehicle id (`${linkId}:${systemId}:${componentId}`; link ids hold no colon). */
const linkIdOf = (vehicleId: string) => vehicleId.slice(0, vehicleId.indexOf(':'));

/**
 * Every open live flight of this process's links, ready for `Ingest.resume`; recovers each one's
 * .tlog for appending (see FlightLogArchive.recover) and hands its complete records to `withLog`.
 */
export async function listResumableFlights(knex: Knex, flightLogs: Pick<FlightLogArchive, 'recover'>,
  options: ResumableFlightOptions = {}): Promise<ResumableFlight[]> {
  const { isOwnLink = () => true, withLog = () => undefined } = options;
  const flights = (await knex('flights')
    .whereNull('ended_at')
    .andWhere('source', 'live')
    .select('id', 'vehicle_id', 'system_id', 'aircraft_id', 'corridor_id', 'started_at',
      knex.raw('(SELECT max(recorded_at) FROM telemetry WHERE telemetry.flight_id = flights.id) AS last_position_at')))
    .filter((flight) => isOwnLink(linkIdOf(flight.vehicle_id)));
  if (flights.length === 0) return [];
  const ids = flights.map((flight) => flight.id as string);
  const violations = await knex('violations').whereIn('flight_id', ids).whereNull('ended_at')
    .select('*', knex.raw('ST_X(start_position) AS lon'), knex.raw('ST_Y(start_position) AS lat'));
  const alerts = await knex('alerts').whereIn('flight_id', ids).whereNull('acknowledged_at').distinct('flight_id', 'kind');
  const resumable: ResumableFlight[] = [];
  for (const row of flights) {
    const log = await flightLogs.recover(row.id);
    const vehicleId = row.vehicle_id as string;
    const startedAtMs = toMs(row.started_at)!;
    const lastStoredPositionAtMs = toMs(row.last_position_at);
    const flight: ResumableFlight = {
      id: row.id,
      vehicleId,
      linkId: linkIdOf(vehicleId),
      systemId: row.system_id,
      componentId: Number(vehicleId.slice(vehicleId.lastIndexOf(':') + 1)),
      aircraftId: row.aircraft_id,
      corridorId: row.corridor_id,
      startedAtMs,
      lastHeardAtMs: Math.max(startedAtMs, lastStoredPositionAtMs ?? 0, log.lastRecordAtMs ?? 0),
      lastStoredPositionAtMs,
      wasArmed: log.wasArmed,
      openViolations: violations.filter((violation) => violation.flight_id === row.id).map(toViolationRecord),
      unacknowledgedAlertKinds: alerts.filter((alert) => alert.flight_id === row.id).map((alert) => alert.kind as string),
    };
    withLog(flight, log.log);
    resumable.push(flight);
  }
  return resumable;
}

function toViolationRecord(row: Record<string, any>): ViolationRecord {
  return {
    id: row.id, vehicleId: row.vehicle_id, flightId: row.flight_id, corridorId: row.corridor_id, zoneId: row.zone_id,
    zoneVersion: row.zone_version, limit: row.limit, startedAtMs: toMs(row.started_at)!, endedAtMs: null,
    startPosition: [Number(row.lon), Number(row.lat)],
    maxHorizontalExcursionM: Number(row.max_horizontal_excursion_m), maxVerticalExcursionM: Number(row.max_vertical_excursion_m),
    // The evidence is written when a violation ends; what the killed process held of it is gone.
    evidence: [],
  };
}
