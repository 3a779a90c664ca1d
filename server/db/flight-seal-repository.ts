/**
 * Flight seals in the database: a flight's records read back in the canonical order the seal
 * hashes, seals stored at the head of their corridor's chain (the chain's head is locked while a
 * seal is added, so two flights closing at once cannot both claim one place), and chains read back
 * for verification.
 */
import type { Knex } from 'knex';
import { chainGenesis, chainHash, type FlightRecords, type FlightSummary, type RecordsFormat } from '../services/flight-seal.ts';
import { findTelemetryRemoval } from './telemetry-partitions.ts';

export interface StoredSeal {
  flightId: string;
  chain: string;
  sequence: number;
  logSha256: string;
  recordsSha256: string;
  previousHash: string;
  hash: string;
  sealedAtMs: number;
  summary: FlightSummary;
  /** How `recordsSha256` was computed (see flight-seal.ts); format 2 keeps the telemetry's own digest. */
  recordsFormat: RecordsFormat;
  telemetrySha256: string | null;
}

/** When retention removed (some of) a flight's telemetry (telemetry-partitions.ts). */
export type TelemetryRemoval = { removedAtMs: number; retentionDays: number };

const ms = (time: Date | string | null) => (time === null ? null : new Date(time).getTime());

/** The flight's records as the seal hashes them; null when the flight does not exist. */
export async function readFlightRecords(knex: Knex, flightId: string): Promise<(FlightRecords & { startedAtMs: number; endedAtMs: number | null; corridorId: string | null; telemetryRemoval: TelemetryRemoval | null }) | null> {
  const flight = await knex('flights').where({ id: flightId }).first();
  if (!flight) return null;
  const telemetry = await knex('telemetry').where({ flight_id: flightId }).orderBy([{ column: 'recorded_at' }, { column: 'id' }])
    .select('recorded_at', 'altitude_msl_m', 'altitude_relative_m', 'ground_speed_mps', 'climb_rate_mps', 'heading_deg', 'fence_status', knex.raw('ST_X(position) as lon'), knex.raw('ST_Y(position) as lat'));
  const violations = await knex('violations').where({ flight_id: flightId }).orderBy([{ column: 'started_at' }, { column: 'id' }])
    .select('*', knex.raw('ST_X(start_position) as lon'), knex.raw('ST_Y(start_position) as lat'));
  const alerts = await knex('alerts').where({ flight_id: flightId }).orderBy([{ column: 'raised_at' }, { column: 'id' }]).select('id', 'kind', 'severity', 'message', 'zone_id', 'raised_at');
  return {
    startedAtMs: ms(flight.started_at)!, endedAtMs: ms(flight.ended_at), corridorId: flight.corridor_id,
    telemetryRemoval: await findTelemetryRemoval(knex, ms(flight.started_at)!, ms(flight.ended_at) ?? Date.now()),
    flight: [flight.id, flight.vehicle_id, flight.system_id, flight.aircraft_id, flight.organisation_id, flight.corridor_id, ms(flight.started_at), ms(flight.ended_at), flight.end_reason],
    telemetry: telemetry.map((row) => [ms(row.recorded_at)!, Number(row.lon), Number(row.lat), Number(row.altitude_msl_m), Number(row.altitude_relative_m), Number(row.ground_speed_mps), Number(row.climb_rate_mps), Number(row.heading_deg), row.fence_status]),
    violations: violations.map((row) => [row.id, row.zone_id, row.zone_version, row.limit, ms(row.started_at), ms(row.ended_at), Number(row.lon), Number(row.lat), Number(row.max_horizontal_excursion_m), Number(row.max_vertical_excursion_m), row.evidence ?? null]),
    alerts: alerts.map((row) => [row.id, row.kind, row.severity, row.message, row.zone_id, ms(row.raised_at)]),
  };
}

const toSeal = (row: Record<string, any>): StoredSeal => ({
  flightId: row.flight_id, chain: row.chain, sequence: row.sequence, logSha256: row.log_sha256, recordsSha256: row.records_sha256,
  previousHash: row.previous_hash, hash: row.hash, sealedAtMs: Number(row.sealed_at_ms), summary: typeof row.summary === 'string' ? JSON.parse(row.summary) : row.summary,
  recordsFormat: row.records_format, telemetrySha256: row.telemetry_sha256 ?? null,
});

/**
 * Add a seal at the head of its chain; returns it with `isNew`, or the existing one (a flight is
 * sealed once, whichever process gets there first: the flight is looked up again under the lock).
 */
export async function storeSeal(knex: Knex, seal: Omit<StoredSeal, 'sequence' | 'previousHash' | 'hash'>): Promise<{ seal: StoredSeal; isNew: boolean }> {
  return knex.transaction(async (trx) => {
    // One sealer at a time per chain: a transaction-scoped advisory lock on the chain's name.
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`flight-seal:${seal.chain}`]);
    const existing = await trx('flight_seals').where({ flight_id: seal.flightId }).first();
    if (existing) return { seal: toSeal(existing), isNew: false };
    const head = await trx('flight_seals').where({ chain: seal.chain }).orderBy('sequence', 'desc').first();
    const previousHash = head ? head.hash : chainGenesis(seal.chain);
    const stored = { ...seal, sequence: head ? head.sequence + 1 : 1, previousHash, hash: chainHash({ ...seal, previousHash }) };
    await trx('flight_seals').insert({
      flight_id: stored.flightId, chain: stored.chain, sequence: stored.sequence, log_sha256: stored.logSha256, records_sha256: stored.recordsSha256,
      previous_hash: stored.previousHash, hash: stored.hash, sealed_at_ms: stored.sealedAtMs, summary: JSON.stringify(stored.summary),
      records_format: stored.recordsFormat, telemetry_sha256: stored.telemetrySha256,
    });
    return { seal: stored, isNew: true };
  });
}

export async function findSeal(knex: Knex, flightId: string): Promise<StoredSeal | null> {
  const row = await knex('flight_seals').where({ flight_id: flightId }).first();
  return row ? toSeal(row) : null;
}

/** A chain's seals in order. */
export async function listChain(knex: Knex, chain: string): Promise<StoredSeal[]> {
  return (await knex('flight_seals').where({ chain }).orderBy('sequence')).map(toSeal);
}

/**
 * Closed flights not sealed yet (sealed on start-up: the process may have stopped between closing
 * and sealing); `endedBeforeMs` leaves out flights closed since, which their own process is sealing.
 */
export async function listUnsealedClosedFlights(knex: Knex, options: { endedBeforeMs?: number | null } = {}): Promise<string[]> {
  const query = knex('flights').leftJoin('flight_seals', 'flight_seals.flight_id', 'flights.id')
    .whereNotNull('flights.ended_at').whereNull('flight_seals.flight_id').orderBy('flights.ended_at').select('flights.id');
  if (options.endedBeforeMs != null) query.where('flights.ended_at', '<', new Date(options.endedBeforeMs));
  return (await query).map((row) => row.id);
}
