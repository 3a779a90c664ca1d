/**
 * Where a recorded flight was at a moment of its replay: the two stored samples either side of
 * the moment, interpolated linearly (positions are about 0.2–1 s apart, so a straight line between
 * them is what the aircraft flew, to within metres). Samples are oldest first, [lon, lat].
 */
import type { TelemetrySampleView } from '../server/contracts/index.ts';

export interface ReplayPosition {
  lon: number;
  lat: number;
  altitudeRelativeM: number;
  altitudeMslM: number;
  groundSpeedMps: number;
  headingDeg: number;
  /** The fence status of the sample at or before the moment (stored statuses are not interpolated). */
  fenceStatus: TelemetrySampleView['fenceStatus'];
  /** The index of that sample. */
  index: number;
}

/** The index of the last sample recorded at or before `timeMs`, or -1 when all are later. */
export function sampleIndexAt(samples: readonly TelemetrySampleView[], timeMs: number): number {
  let low = 0;
  let high = samples.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (samples[middle]!.recordedAtMs <= timeMs) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

const lerp = (a: number, b: number, fraction: number) => a + (b - a) * fraction;

/**
 * The position at `timeMs`: null before the first sample (not yet flying), the last one after the
 * end (where it landed or fell silent). Throws nothing.
 * @example positionAt(samples, samples[0].recordedAtMs + 500)
 */
export function positionAt(samples: readonly TelemetrySampleView[], timeMs: number): ReplayPosition | null {
  const index = sampleIndexAt(samples, timeMs);
  if (index < 0) return null;
  const before = samples[index]!;
  const after = samples[index + 1];
  const span = after ? after.recordedAtMs - before.recordedAtMs : 0;
  const fraction = after && span > 0 ? (timeMs - before.recordedAtMs) / span : 0;
  const next = after ?? before;
  return {
    lon: lerp(before.lon, next.lon, fraction),
    lat: lerp(before.lat, next.lat, fraction),
    altitudeRelativeM: lerp(before.altitudeRelativeM, next.altitudeRelativeM, fraction),
    altitudeMslM: lerp(before.altitudeMslM, next.altitudeMslM, fraction),
    groundSpeedMps: lerp(before.groundSpeedMps, next.groundSpeedMps, fraction),
    headingDeg: before.headingDeg,
    fenceStatus: before.fenceStatus,
    index,
  };
}
