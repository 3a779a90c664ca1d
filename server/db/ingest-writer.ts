/** The database side of the ingest path: every write goes through the ordered WriteQueue. */
import type { IngestStore } from '../services/ingest-store.ts';
import type { WriteQueue } from './write-queue.ts';

/** An IngestStore that queues its writes in order on `queue`. */
export function createIngestWriter(queue: WriteQueue): IngestStore {
  return {
    openFlight(flight) {
      queue.add('open flight', (knex) =>
        knex('flights').insert({
          id: flight.id,
          vehicle_id: flight.vehicleId,
          system_id: flight.systemId,
          aircraft_id: flight.aircraftId,
          organisation_id: flight.organisationId,
          corridor_id: flight.corridorId,
          started_at: new Date(flight.startedAtMs),
          source: flight.source,
          source_name: flight.sourceName,
        }),
      );
    },
    closeFlight(flightId, endedAtMs, reason) {
      queue.add('close flight', (knex) =>
        knex('flights').where({ id: flightId }).update({ ended_at: new Date(endedAtMs), end_reason: reason }),
      );
    },
    assignFlightCorridor(flightId, corridorId) {
      queue.add('assign flight corridor', (knex) => knex('flights').where({ id: flightId }).update({ corridor_id: corridorId }));
    },
    addTelemetry(row) {
      queue.addTelemetry(row);
    },
    startViolation(violation) {
      queue.add('start violation', (knex) =>
        knex('violations').insert({
          id: violation.id,
          vehicle_id: violation.vehicleId,
          flight_id: violation.flightId,
          corridor_id: violation.corridorId,
          zone_id: violation.zoneId,
          zone_version: violation.zoneVersion,
          limit: violation.limit,
          started_at: new Date(violation.startedAtMs),
          start_position: knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', violation.startPosition),
          max_horizontal_excursion_m: violation.maxHorizontalExcursionM,
          max_vertical_excursion_m: violation.maxVerticalExcursionM,
        }),
      );
    },
    endViolation(violation) {
      queue.add('end violation', (knex) =>
        knex('violations').where({ id: violation.id }).update({
          ended_at: violation.endedAtMs === null ? null : new Date(violation.endedAtMs),
          evidence: JSON.stringify(violation.evidence),
          max_horizontal_excursion_m: violation.maxHorizontalExcursionM,
          max_vertical_excursion_m: violation.maxVerticalExcursionM,
        }),
      );
    },
    addAlert(alert, flightId) {
      queue.add('raise alert', (knex) =>
        knex('alerts').insert({
          id: alert.id,
          kind: alert.kind,
          severity: alert.severity,
          message: alert.message,
          vehicle_id: alert.vehicleId,
          system_id: alert.systemId,
          flight_id: flightId,
          corridor_id: alert.corridorId,
          organisation_id: alert.organisationId,
          zone_id: alert.zoneId,
          raised_at: new Date(alert.raisedAtMs),
        }),
      );
    },
  };
}
