/**
 * How a stored flight's track is coloured: by height above home (a ramp from the ground to the
 * corridor's ceiling, with everything above the ceiling in one alarm colour) or by conformance
 * (each sample's stored fenceStatus, in the live map's colours). Consecutive samples of one colour
 * are drawn as one line, so a long flight is tens of SVG paths, not thousands.
 */
import type { FenceStatus, TelemetrySampleView } from '../server/contracts/index.ts';

export type TrackColouring = 'altitude' | 'conformance';

/** The live map's colours for each fence status (styles.css --nominal …). */
export const FENCE_COLOURS: Record<FenceStatus, string> = {
  nominal: '#22c55e', approaching: '#f59e0b', predicted: '#f97316', breach: '#ef4444', 'outside-corridors': '#a855f7',
};

/** Height bands from the ground to the ceiling, low to high (cool to warm), then the colour above the ceiling. */
const ALTITUDE_RAMP = ['#1d4ed8', '#0891b2', '#0d9488', '#65a30d', '#ca8a04', '#ea580c'];
export const ABOVE_CEILING_COLOUR = '#e11d48';

/**
 * The band of `altitudeM` (above home) under `ceilingM`: 0 … ALTITUDE_RAMP.length - 1, or 'above'.
 * @example altitudeBand(130, 120) // 'above'
 */
export function altitudeBand(altitudeM: number, ceilingM: number): number | 'above' {
  if (altitudeM > ceilingM) return 'above';
  const fraction = Math.max(0, altitudeM) / ceilingM;
  return Math.min(ALTITUDE_RAMP.length - 1, Math.floor(fraction * ALTITUDE_RAMP.length));
}

/** The colour of an altitude band. */
export const bandColour = (band: number | 'above') => (band === 'above' ? ABOVE_CEILING_COLOUR : ALTITUDE_RAMP[band]!);

/** The legend of the altitude colouring under `ceilingM`: [colour, 'from–to m'] low to high, then above the ceiling. */
export function altitudeLegend(ceilingM: number): Array<[string, string]> {
  const step = ceilingM / ALTITUDE_RAMP.length;
  return [
    ...ALTITUDE_RAMP.map((colour, index): [string, string] => [colour, `${Math.round(index * step)}–${Math.round((index + 1) * step)} m`]),
    [ABOVE_CEILING_COLOUR, `above ${ceilingM} m`],
  ];
}

/** A run of consecutive samples of one key, as [lon, lat] points; it ends at the next run's first point, so runs join up. */
export interface TrackRun {
  key: string;
  points: Array<[number, number]>;
}

/**
 * Split `samples` (oldest first) into runs of one `keyOf` each.
 * @example trackRuns(samples, (sample) => sample.fenceStatus)
 */
export function trackRuns(samples: readonly TelemetrySampleView[], keyOf: (sample: TelemetrySampleView) => string): TrackRun[] {
  const runs: TrackRun[] = [];
  let current: TrackRun | null = null;
  for (const sample of samples) {
    const key = keyOf(sample);
    const point: [number, number] = [sample.lon, sample.lat];
    if (current && current.key === key) {
      current.points.push(point);
      continue;
    }
    current?.points.push(point);
    current = { key, points: [point] };
    runs.push(current);
  }
  return runs;
}

/** The key and colour of a sample under `colouring` (the altitude bands need the ceiling, metres above home). */
export function sampleStyle(colouring: TrackColouring, ceilingM: number): { keyOf: (sample: TelemetrySampleView) => string; colourOf: (key: string) => string } {
  if (colouring === 'conformance') return { keyOf: (sample) => sample.fenceStatus, colourOf: (key) => FENCE_COLOURS[key as FenceStatus] ?? '#94a3b8' };
  return {
    keyOf: (sample) => String(altitudeBand(sample.altitudeRelativeM, ceilingM)),
    colourOf: (key) => bandColour(key === 'above' ? 'above' : Number(key)),
  };
}
