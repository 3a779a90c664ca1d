/**
 * Conformance to a booking: a flight inside its booking's time window must be inside ONE booked
 * volume — horizontally and vertically against the same volume. Being inside volume A's area and
 * volume B's altitude band is not conformance (the two-volume trap). Areas are GeoJSON [lon, lat];
 * distances are metres on the sphere; edges of areas, bands and windows' starts belong to them.
 */
import { compileZone, type CompiledZone } from './compile-zone.ts';
import type { PositionSample } from './position-assessment.ts';
import type { AltitudeBand, TimeWindow, Zone } from './zone.ts';
import { timeWindowProblems, zoneProblems } from './zone-problems.ts';

/** One booked volume: an area, an altitude band and a time window (ms since the epoch, start inclusive, end exclusive). */
export interface BookedVolume {
  id: string;
  area: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  band: AltitudeBand;
  window: TimeWindow;
}

/** 'conforming': inside one volume in its window; 'outside-volume': in some window but inside none of those volumes; 'outside-window': in no volume's window; 'unbooked': no volumes at all. */
export type ConformanceStatus = 'conforming' | 'outside-volume' | 'outside-window' | 'unbooked';

/** Conformance of one sample; excursions in metres from `volumeId` (the volume it is in, or the nearest one), 0 when unbooked. */
export interface ConformanceResult {
  status: ConformanceStatus;
  volumeId: string | null;
  /** metres outside the volume's area horizontally (0 when inside it) */
  horizontalExcursionM: number;
  /** metres above the volume's ceiling or below its floor (0 when inside the band) */
  verticalExcursionM: number;
}

/** Options for `assessConformance` and `compileZones(zones, { volumes })`. */
export interface ConformanceOptions {
  /** Treat a band floor ≤ 0 m as the ground, i.e. no floor limit (relative altitude reads slightly negative on the pad). Default true. */
  ignoreFloorAtOrBelowZero?: boolean;
}

const MESSAGES = {
  notArray: (value: unknown) => `volumes must be an array of BookedVolume, got ${JSON.stringify(value)}`,
  bad: (id: string, path: string, problem: string) => `volume ${id}: ${path} ${problem}`,
  duplicateId: (id: string) => `volume "${id}" appears more than once; volume ids must be unique`,
  noWindow: 'must be { startMs, endMs } in ms since the epoch; a booked volume always has a window',
} as const;

interface CompiledVolume {
  volume: BookedVolume;
  geometry: CompiledZone;
}

function asZone(volume: BookedVolume): Zone {
  return {
    id: volume.id, name: volume.id, kind: 'inclusion', restriction: 'conditional',
    shape: { type: 'polygon', polygon: volume.area }, band: volume.band, marginM: 0,
  };
}

function checkVolumes(volumes: readonly BookedVolume[]): void {
  if (!Array.isArray(volumes)) throw new Error(MESSAGES.notArray(volumes));
  const seen = new Set<string>();
  for (const volume of volumes) {
    const label = typeof volume?.id === 'string' && volume.id !== '' ? `"${volume.id}"` : '(no id)';
    const problems = zoneProblems(asZone(volume ?? ({} as BookedVolume)))
      .map(({ path, problem }) => ({ path: path.replace(/^shape\.polygon/, 'area').replace(/^shape$/, 'area'), problem }));
    if (volume?.window == null) problems.push({ path: 'window', problem: MESSAGES.noWindow });
    else problems.push(...timeWindowProblems(volume.window, 'window'));
    const [first] = problems;
    if (first) throw new Error(MESSAGES.bad(label, first.path, first.problem));
    if (seen.has(volume.id)) throw new Error(MESSAGES.duplicateId(volume.id));
    seen.add(volume.id);
  }
}

const isInWindow = (window: TimeWindow, timeMs: number): boolean => timeMs >= window.startMs && timeMs < window.endMs;

/** Milliseconds from `timeMs` to the window, for ranking windows the sample is not in. */
function msFromWindow(window: TimeWindow, timeMs: number): number {
  return timeMs < window.startMs ? window.startMs - timeMs : Math.max(0, timeMs - window.endMs);
}

function excursions({ geometry }: CompiledVolume, sample: PositionSample): [number, number] {
  const altitudeM = geometry.zone.band.reference === 'AGL' ? sample.altitudeAglM : sample.altitudeMslM;
  const verticalM = Math.max(0, altitudeM - geometry.ceilingM, geometry.floorM - altitudeM);
  const horizontalM = geometry.contains(sample.lon, sample.lat) ? 0 : geometry.distanceToBoundaryM(sample.lon, sample.lat);
  return [horizontalM, verticalM];
}

function result(status: ConformanceStatus, volume: CompiledVolume | null, [horizontalExcursionM, verticalExcursionM] = [0, 0]): ConformanceResult {
  return { status, volumeId: volume?.volume.id ?? null, horizontalExcursionM, verticalExcursionM };
}

/**
 * Validate and compile booked volumes into a conformance check (used by `compileZones` and `assessConformance`).
 * Throws an Error naming the first bad volume part (area rings as in `validateZone`, band, empty or inverted window) or a duplicate id.
 */
export function compileVolumes(volumes: readonly BookedVolume[], options: ConformanceOptions = {}): (sample: PositionSample) => ConformanceResult {
  checkVolumes(volumes);
  const compiled: CompiledVolume[] = volumes.map((volume) => ({
    volume: structuredClone(volume),
    geometry: compileZone(asZone(structuredClone(volume)), options),
  }));
  return (sample) => {
    if (compiled.length === 0) return result('unbooked', null);
    const inWindow = compiled.filter(({ volume }) => isInWindow(volume.window, sample.timeMs));
    if (inWindow.length === 0) {
      // Report against the volume whose window is nearest in time: the booking the flight most likely belongs to.
      const nearest = compiled.reduce((a, b) => (msFromWindow(b.volume.window, sample.timeMs) < msFromWindow(a.volume.window, sample.timeMs) ? b : a));
      return result('outside-window', nearest, excursions(nearest, sample));
    }
    let best: { volume: CompiledVolume; excursion: [number, number]; size: number } | null = null;
    for (const volume of inWindow) {
      const excursion = excursions(volume, sample);
      // Inside horizontally AND vertically of this same volume: the only way to conform.
      if (excursion[0] === 0 && excursion[1] === 0) return result('conforming', volume);
      const size = Math.hypot(excursion[0], excursion[1]);
      if (!best || size < best.size) best = { volume, excursion, size };
    }
    return result('outside-volume', best?.volume ?? null, best?.excursion);
  };
}

/**
 * Whether `sample` conforms to the booked `volumes` (one volume, horizontally and vertically, inside its window);
 * throws an Error for a bad volume (see `compileVolumes`). For many samples, compile once with
 * `compileZones(zones, { volumes })` instead: this compiles the volumes on every call.
 * @example assessConformance(at(33.47, -13.02, 90, t), [{ id: 'slot-1', area, band: { minM: 0, maxM: 120, reference: 'AGL' }, window: { startMs: t0, endMs: t1 } }]).status // 'conforming'
 */
export function assessConformance(sample: PositionSample, volumes: readonly BookedVolume[], options: ConformanceOptions = {}): ConformanceResult {
  return compileVolumes(volumes, options)(sample);
}
