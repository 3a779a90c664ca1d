/**
 * The approved bookings in force, compiled once per aircraft into an evaluator of its booked
 * volumes, so the per-position conformance check (inside ONE volume horizontally and vertically,
 * within its window) costs no compilation. A booking names one aircraft, or none: then it is
 * for every aircraft of its organisation.
 */
import { compileZones, type BookedVolume, type ConformanceResult, type PositionSample, type ZoneEvaluator } from '../../geofences/index.ts';

/** One approved (or active) booking's volume and whom it is for. */
export interface IndexedBooking {
  aircraftId: string | null;
  organisationId: string;
  volume: BookedVolume;
}

export interface BookingIndex {
  /** Conformance of an aircraft's sample to its bookings ('unbooked' when it has none). */
  conformanceOf(aircraft: { id: string; organisationId: string }, sample: PositionSample): ConformanceResult;
  /** Whether the aircraft has a booking whose window holds `atMs` (to tell apart aircraft sharing a system id). */
  hasBookingAt(aircraft: { id: string; organisationId: string }, atMs: number): boolean;
  /** Replace every booking (after a change or a reload). */
  replace(bookings: readonly IndexedBooking[]): void;
}

const UNBOOKED: ConformanceResult = { status: 'unbooked', volumeId: null, horizontalExcursionM: 0, verticalExcursionM: 0 };

/** An index over `bookings`. */
export function createBookingIndex(initial: readonly IndexedBooking[] = []): BookingIndex {
  let bookings: readonly IndexedBooking[] = [];
  let evaluators = new Map<string, ZoneEvaluator | null>();
  const volumesOf = (aircraft: { id: string; organisationId: string }) =>
    bookings.filter((booking) => booking.aircraftId === aircraft.id || (booking.aircraftId === null && booking.organisationId === aircraft.organisationId)).map((booking) => booking.volume);
  const evaluatorOf = (aircraft: { id: string; organisationId: string }) => {
    if (!evaluators.has(aircraft.id)) {
      const volumes = volumesOf(aircraft);
      // lookAheadS 0: bookings are judged where the aircraft is; prediction is for zones.
      evaluators.set(aircraft.id, volumes.length === 0 ? null : compileZones([], { volumes, lookAheadS: 0 }));
    }
    return evaluators.get(aircraft.id) ?? null;
  };
  const index: BookingIndex = {
    conformanceOf(aircraft, sample) {
      return evaluatorOf(aircraft)?.evaluate(sample).conformance ?? UNBOOKED;
    },
    hasBookingAt(aircraft, atMs) {
      return volumesOf(aircraft).some((volume) => volume.window.startMs <= atMs && atMs < volume.window.endMs);
    },
    replace(next) {
      bookings = [...next];
      evaluators = new Map();
    },
  };
  index.replace(initial);
  return index;
}
