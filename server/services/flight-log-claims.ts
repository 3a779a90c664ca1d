/**
 * Which registered aircraft an imported flight log speaks for. A log names aircraft by MAVLink
 * system id only, and several organisations may fly the same id: the aircraft is the one of the
 * log's owners (for a partner: its own organisation) with a booking in force when the log was
 * recorded, else the first of theirs. Pure: the caller loads the aircraft and the bookings of the time.
 */
import type { AircraftRecord } from '../db/aircraft-repository.ts';
import type { BookingIndex } from './booking-index.ts';

/** `owners` null → any organisation's aircraft (admins and operators import logs of any aircraft). */
const ownedBy = (aircraft: AircraftRecord, owners: readonly string[] | null) => owners === null || owners.includes(aircraft.organisationId);

/** The system ids in the log that are none of the owners' aircraft (for owners null: none). */
export function unclaimableSystemIds(systemIds: readonly number[], aircraft: readonly AircraftRecord[], owners: readonly string[] | null): number[] {
  if (owners === null) return [];
  return systemIds.filter((systemId) => !aircraft.some((item) => item.systemId === systemId && ownedBy(item, owners)));
}

/** The aircraft lookup an import's ingest uses: by system id, among the owners' aircraft, as of `atMs`. */
export function aircraftOfLog(aircraft: readonly AircraftRecord[], owners: readonly string[] | null, bookings: BookingIndex, atMs: number): (systemId: number) => AircraftRecord | null {
  return (systemId) => {
    const candidates = aircraft.filter((item) => item.systemId === systemId && ownedBy(item, owners));
    return candidates.find((item) => bookings.hasBookingAt(item, atMs)) ?? candidates[0] ?? null;
  };
}
