/**
 * Importing a flight log as the corridor was when it was recorded: the log is surveyed first (its
 * period and its aircraft), a partner's log may hold only its own organisation's aircraft, and the
 * import's ingest judges it against the zone versions in force at the log's first record and the
 * bookings (approved, active or since completed) of its period — not the live fences of today.
 */
import type { Knex } from 'knex';
import { listAircraft } from './db/aircraft-repository.ts';
import { listApprovedBookings } from './db/booking-repository.ts';
import { listCorridors } from './db/corridor-repository.ts';
import { ForbiddenError } from './errors.ts';
import { createBookingIndex } from './services/booking-index.ts';
import { createCorridorFences } from './services/corridor-fences.ts';
import { aircraftOfLog, unclaimableSystemIds } from './services/flight-log-claims.ts';
import type { IngestDeps } from './services/ingest.ts';
import { importTlog, surveyTlog, type TlogImportResult } from './services/tlog-import.ts';

export interface FlightLogImportRequest {
  name: string;
  /** null → as fast as possible, silently; N → N× recorded speed, shown live. */
  speed: number | null;
  /** Whose aircraft the log may hold: null → any; otherwise these organisations' (a partner's own). */
  owners: readonly string[] | null;
}

export interface ImportOptions {
  knex: Knex;
  /** The live ingest's dependencies; the import replaces its fences, bookings and aircraft with those of the log's time. */
  ingestDeps: () => IngestDeps;
  /** Resolves once everything the import queued is stored. */
  flush: () => Promise<void>;
}

/** The import function the HTTP route calls. */
export function composeFlightLogImports(options: ImportOptions): (bytes: Buffer, request: FlightLogImportRequest) => Promise<TlogImportResult> {
  const { knex } = options;
  return async (bytes, request) => {
    const survey = surveyTlog(bytes);
    const aircraft = await listAircraft(knex);
    const foreign = unclaimableSystemIds(survey.vehicleSystemIds, aircraft, request.owners);
    if (foreign.length > 0) {
      throw new ForbiddenError(`'${request.name}' holds system id${foreign.length > 1 ? 's' : ''} ${foreign.join(', ')}, which ${foreign.length > 1 ? 'are' : 'is'} not an aircraft of your organisation: a partner may import logs of its own registered aircraft only`);
    }
    // Zones and bookings as they were: zone versions in force at the first record, bookings overlapping the log.
    const atMs = survey.firstAtMs ?? Date.now();
    const untilMs = (survey.lastAtMs ?? atMs) + 1;
    const corridors = await listCorridors(knex, { segmentizeM: 500, atMs });
    const bookings = createBookingIndex(await listApprovedBookings(knex, { fromMs: atMs, toMs: untilMs }, { includeCompleted: true }));
    const live = options.ingestDeps();
    const result = await importTlog(bytes, {
      ...live,
      fences: createCorridorFences(corridors),
      bookings,
      findAircraft: aircraftOfLog(aircraft, request.owners, bookings, atMs),
    }, { name: request.name, speed: request.speed });
    await options.flush();
    return result;
  };
}
