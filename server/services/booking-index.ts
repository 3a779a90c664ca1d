/**
 * The approved bookings of each aircraft, compiled once into an evaluator of its booked
 * volumes, so the per-position conformance check (inside ONE volume horizontally and
 * vertically, within its window) costs no compilation.
 */
import { compileZones, type BookedVolume, type ConformanceResult, type PositionSample, type ZoneEvaluator } from '../../geofences/index.ts';

export interface BookingIndex {
  /** Conformance of an aircraft's sample to its bookings ('unbooked' when it has none). */
  conformanceOf(aircraftId: string, sample: PositionSample): ConformanceResult;
  /** Replace every aircraft's bookings (after a reload). */
  replace(bookings: ReadonlyArray<{ aircraftId: string; volume: BookedVolume }>): void;
}

const UNBOOKED: ConformanceResult = { status: 'unbooked', volumeId: null, horizontalExcursionM: 0, verticalExcursionM: 0 };

/** An index over `bookings`. */
export function createBookingIndex(bookings: ReadonlyArray<{ aircraftId: string; volume: BookedVolume }> = []): BookingIndex {
  let evaluators = new Map<string, ZoneEvaluator>();
  const index: BookingIndex = {
    conformanceOf(aircraftId, sample) {
      // lookAheadS 0: bookings are judged where the aircraft is; prediction is for zones.
      return evaluators.get(aircraftId)?.evaluate(sample).conformance ?? UNBOOKED;
    },
    replace(next) {
      const volumesByAircraft = new Map<string, BookedVolume[]>();
      for (const { aircraftId, volume } of next) volumesByAircraft.set(aircraftId, [...(volumesByAircraft.get(aircraftId) ?? []), volume]);
      evaluators = new Map([...volumesByAircraft].map(([aircraftId, volumes]) => [aircraftId, compileZones([], { volumes, lookAheadS: 0 })]));
    },
  };
  index.replace(bookings);
  return index;
}
