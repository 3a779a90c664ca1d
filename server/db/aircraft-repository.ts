/** Reads registered aircraft with their organisation, for matching MAVLink system ids. */
import type { Knex } from 'knex';

export interface AircraftRecord {
  id: string;
  systemId: number;
  callsign: string;
  organisationId: string;
  organisationName: string;
  /** MAVLink 2 signing key (32 bytes) when the aircraft must sign its packets. */
  signingKey: Buffer | null;
}

/** Every registered aircraft in service. */
export async function listAircraft(knex: Knex): Promise<AircraftRecord[]> {
  const rows = await knex('aircraft')
    .join('organisations', 'organisations.id', 'aircraft.organisation_id')
    .select('aircraft.id', 'aircraft.system_id', 'aircraft.callsign', 'aircraft.organisation_id', 'aircraft.signing_key', 'organisations.name as organisation_name')
    .whereNull('aircraft.retired_at')
    .orderBy(['aircraft.system_id', 'aircraft.created_at']);
  return rows.map((row) => ({
    id: row.id,
    systemId: row.system_id,
    callsign: row.callsign,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    signingKey: row.signing_key ? Buffer.from(row.signing_key) : null,
  }));
}
