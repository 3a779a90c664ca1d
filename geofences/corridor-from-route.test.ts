import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { compileZones } from './compile-zones.ts';
import { corridorFromRoute } from './corridor-from-route.ts';
import { offset } from './test/kasungu.ts';
import { validateZone } from './validate-zone.ts';
import type { Zone } from './zone.ts';

// Erromango, Vanuatu: Dillon's Bay → Cook's Bay (approximate), the first delivery route (Dec 2018).
const dillonsBay: [number, number] = [169.0, -18.81];
const cooksBay: [number, number] = [169.27, -18.75];

describe('corridorFromRoute', () => {
  const polygon = corridorFromRoute([dillonsBay, cooksBay], 500);
  const zone: Zone = {
    id: 'erromango', name: "Dillon's Bay to Cook's Bay", kind: 'inclusion', restriction: 'conditional',
    shape: { type: 'polygon', polygon }, band: { minM: 0, maxM: 120, reference: 'AGL' }, marginM: 50,
  };

  it('returns a valid Polygon that holds the route', () => {
    expect(polygon.type).toBe('Polygon');
    expect(() => validateZone(zone)).not.toThrow();
    for (const end of [dillonsBay, cooksBay]) expect(booleanPointInPolygon(end, polygon)).toBe(true);
  });

  it('is halfWidthM wide on either side of the route (to within the buffer’s polygonal approximation)', () => {
    const evaluator = compileZones([zone]);
    const middle: [number, number] = [(dillonsBay[0] + cooksBay[0]) / 2, (dillonsBay[1] + cooksBay[1]) / 2];
    const bearing = 90 - (Math.atan2(cooksBay[1] - middle[1], (cooksBay[0] - middle[0]) * Math.cos((middle[1] * Math.PI) / 180)) * 180) / Math.PI;
    for (const side of [-90, 90]) {
      const inside = offset(middle, 480, bearing + side);
      const outside = offset(middle, 520, bearing + side);
      const sample = { altitudeAglM: 60, altitudeMslM: 60, timeMs: 0 };
      const [insideAssessment] = evaluator.evaluate({ lon: inside[0], lat: inside[1], ...sample }).zones;
      expect(insideAssessment?.status).toBe('approaching');
      expect(insideAssessment?.clearanceM).toBeGreaterThan(15);
      expect(insideAssessment?.clearanceM).toBeLessThan(25);
      const [outsideAssessment] = evaluator.evaluate({ lon: outside[0], lat: outside[1], ...sample }).zones;
      expect(outsideAssessment?.status).toBe('breach');
      expect(outsideAssessment?.horizontalExcursionM).toBeGreaterThan(15);
      expect(outsideAssessment?.horizontalExcursionM).toBeLessThan(25);
    }
  });

  it('does not mutate the route', () => {
    const route: [number, number][] = [[...dillonsBay], [...cooksBay]];
    corridorFromRoute(route, 500);
    expect(route).toEqual([dillonsBay, cooksBay]);
  });

  it('rejects bad routes and widths, naming the problem', () => {
    expect(() => corridorFromRoute([dillonsBay], 500)).toThrow(/at least 2/);
    expect(() => corridorFromRoute([dillonsBay, [-18.75, 169.27]], 500)).toThrow(/route\[1\] latitude 169\.27 .*likely swapped/);
    expect(() => corridorFromRoute([dillonsBay, cooksBay], 0)).toThrow(/halfWidthM must be a finite number > 0/);
  });

  it('limitation: a corridor across the antimeridian cannot be one Polygon, so it throws and asks for a split', () => {
    // Taveuni, Fiji: a route across 180° …
    expect(() => corridorFromRoute([[179.95, -16.8], [-179.95, -16.75]], 500)).toThrow(/antimeridian/);
    // … and a route that stops short of 180° but whose buffer would spill over it.
    expect(() => corridorFromRoute([[179.99, -16.8], [179.999, -16.75]], 500)).toThrow(/antimeridian/);
  });
});
