/**
 * How well a stored flight kept to its booking: each stored position judged by the same geofences
 * code the server runs live (one booked volume: the booking's area, band and window), and counted.
 * The server stores each sample's zone verdict but not its booking verdict, so the page works it
 * out from the samples; heights above home stand in for AGL, as they do live.
 */
import type { BookingView, TelemetrySampleView } from '../server/contracts/index.ts';
import { compileZones } from '../geofences/index.ts';

export interface BookingConformance {
  /** Samples judged (every stored one). */
  samples: number;
  conforming: number;
  /** In the booking's window but outside its area or band. */
  outsideVolume: number;
  /** Outside the booking's window. */
  outsideWindow: number;
  /** The furthest outside the area and the band, metres. */
  maxHorizontalExcursionM: number;
  maxVerticalExcursionM: number;
}

/**
 * Judge every sample of a flight against `booking`; throws an Error when the booking's area is
 * not a valid polygon (the server would not have accepted it).
 * @example bookingConformance(samples, booking).conforming / samples.length // share of the flight inside the slot
 */
export function bookingConformance(samples: readonly TelemetrySampleView[], booking: BookingView): BookingConformance {
  const evaluator = compileZones([], {
    lookAheadS: 0,
    volumes: [{ id: booking.id, area: booking.area, band: { minM: booking.altitudeMinM, maxM: booking.altitudeMaxM, reference: booking.altitudeReference }, window: { startMs: booking.startsAtMs, endMs: booking.endsAtMs } }],
  });
  const counts: BookingConformance = { samples: samples.length, conforming: 0, outsideVolume: 0, outsideWindow: 0, maxHorizontalExcursionM: 0, maxVerticalExcursionM: 0 };
  for (const sample of samples) {
    const { conformance } = evaluator.evaluate({
      lon: sample.lon, lat: sample.lat, altitudeMslM: sample.altitudeMslM, altitudeAglM: sample.altitudeRelativeM, timeMs: sample.recordedAtMs,
    });
    if (!conformance) continue;
    if (conformance.status === 'conforming') counts.conforming++;
    else if (conformance.status === 'outside-volume') counts.outsideVolume++;
    else if (conformance.status === 'outside-window') counts.outsideWindow++;
    if (conformance.status !== 'conforming') {
      counts.maxHorizontalExcursionM = Math.max(counts.maxHorizontalExcursionM, conformance.horizontalExcursionM);
      counts.maxVerticalExcursionM = Math.max(counts.maxVerticalExcursionM, conformance.verticalExcursionM);
    }
  }
  return counts;
}
