/**
 * SwappableCorridorFences with plain corridor views (no database): replacing the zones keeps each
 * corridor's fence object, judges the next position against the new zones, keeps a replaced zone
 * findable, and lets the last-started of overlapping reloads win.
 */
import { describe, expect, it } from 'vitest';
import { BreachTracker, zoneToPolygon } from '../../geofences/index.ts';
import type { CorridorView, ZoneView } from '../contracts/index.ts';
import { createCorridorFences } from './corridor-fences.ts';
import { SwappableCorridorFences } from './swappable-corridor-fences.ts';

function circleZone(id: string, kind: ZoneView['kind'], center: [number, number], radiusM: number, version = 1): ZoneView {
  const geometry = zoneToPolygon({ id, name: id, kind, restriction: 'prohibited', shape: { type: 'circle', center, radiusM }, band: { minM: 0, maxM: 400, reference: 'AGL' }, marginM: 0 });
  return {
    id, corridorId: 'kasungu', name: id, kind, restriction: 'prohibited', geometry, circle: { center, radiusM }, altitudeMinM: 0, altitudeMaxM: 400,
    altitudeReference: 'AGL', marginM: 0, windowStartMs: null, windowEndMs: null, version, isApproximate: false, note: null,
  };
}

const boundary = circleZone('boundary', 'inclusion', [33.4686, -13.0146], 40_000);
const kasungu = (zones: ZoneView[]): CorridorView => ({
  id: 'kasungu', slug: 'malawi-kasungu', name: 'Kasungu', country: 'Malawi', ceilingM: 400, ceilingReference: 'AGL',
  boundary: boundary.geometry, center: [33.4686, -13.0146], isApproximate: true, note: null, zones: [boundary, ...zones],
});
/** A point 600 m east of the corridor centre, 100 m above ground. */
const sample = (timeMs: number) => ({ lon: 33.474, lat: -13.0146, altitudeMslM: 1150, altitudeAglM: 100, timeMs });
const pond = circleZone('pond-v1', 'exclusion', [33.474, -13.0146], 300);

describe('SwappableCorridorFences', () => {
  it('keeps the corridor fence object and judges the next position against the new zones', () => {
    const fences = new SwappableCorridorFences(createCorridorFences([kasungu([])]));
    const fence = fences.locate(33.474, -13.0146, null)!;
    expect(fence.evaluator.evaluate(sample(0)).worst).toBe('clear');
    fences.replace(createCorridorFences([kasungu([pond])]));
    expect(fences.locate(33.474, -13.0146, fence)).toBe(fence);
    expect(fences.fences).toEqual([fence]);
    expect(fence.evaluator.evaluate(sample(1000)).worst).toBe('breach');
  });

  it('keeps a replaced zone findable so a breach of it can still be closed', () => {
    const fences = new SwappableCorridorFences(createCorridorFences([kasungu([pond])]));
    const fence = fences.locate(33.474, -13.0146, null)!;
    const tracker = new BreachTracker({ holdMs: 3000 });
    expect(tracker.update(fence.evaluator.evaluate(sample(0))).map((event) => [event.type, event.zoneId])).toEqual([['breach:started', 'pond-v1']]);
    // Version 2 moves the pond 2 km east: the aircraft is clear of it, and the version-1 breach ends after the hold time.
    fences.replace(createCorridorFences([kasungu([circleZone('pond-v2', 'exclusion', [33.4925, -13.0146], 300, 2)])]));
    expect(tracker.update(fence.evaluator.evaluate(sample(1000)))).toEqual([]);
    const ended = tracker.update(fence.evaluator.evaluate(sample(4000)));
    expect(ended.map((event) => [event.type, event.zoneId, event.endedAtMs])).toEqual([['breach:ended', 'pond-v1', 1000]]);
    expect(fence.zonesById.get('pond-v1')?.version).toBe(1);
    expect(fence.zonesById.get('pond-v2')?.version).toBe(2);
  });

  it('applies the reload started last when reloads overlap', async () => {
    const fences = new SwappableCorridorFences(createCorridorFences([kasungu([])]));
    let finishFirst: (value: ReturnType<typeof createCorridorFences>) => void = () => undefined;
    const first = fences.reload(() => new Promise((resolve) => (finishFirst = resolve)));
    await fences.reload(async () => createCorridorFences([kasungu([pond])]));
    finishFirst(createCorridorFences([kasungu([])]));
    await first;
    expect(fences.locate(33.474, -13.0146, null)!.evaluator.evaluate(sample(0)).worst).toBe('breach');
  });
});
