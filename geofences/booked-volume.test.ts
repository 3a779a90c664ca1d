import { describe, expect, it } from 'vitest';
import { assessConformance, type BookedVolume } from './booked-volume.ts';
import { compileZones } from './compile-zones.ts';
import { at, corridor, HOME_MSL_M } from './test/kasungu.ts';

const box = (west: number, south: number, east: number, north: number): GeoJSON.Polygon =>
  ({ type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] });
const HOUR = 3_600_000;
const volumeA: BookedVolume = { id: 'A', area: box(33.40, -13.10, 33.45, -13.05), band: { minM: 0, maxM: 60, reference: 'AGL' }, window: { startMs: 0, endMs: HOUR } };
const volumeB: BookedVolume = { id: 'B', area: box(33.45, -13.10, 33.50, -13.05), band: { minM: 60, maxM: 120, reference: 'AGL' }, window: { startMs: 0, endMs: HOUR } };

describe('assessConformance: one volume, horizontally and vertically, in its window', () => {
  it('the two-volume trap: inside A horizontally and inside B vertically is not conforming', () => {
    const result = assessConformance(at(33.42, -13.07, 90, 1000), [volumeA, volumeB]);
    expect(result).toEqual({ status: 'outside-volume', volumeId: 'A', horizontalExcursionM: 0, verticalExcursionM: 30 });
    expect(assessConformance(at(33.42, -13.07, 40, 1000), [volumeA, volumeB])).toMatchObject({ status: 'conforming', volumeId: 'A' });
    expect(assessConformance(at(33.48, -13.07, 90, 1000), [volumeA, volumeB])).toMatchObject({ status: 'conforming', volumeId: 'B' });
  });

  it('unbooked without volumes; outside-window before, at the exclusive end and after', () => {
    expect(assessConformance(at(33.42, -13.07, 40), [])).toEqual({ status: 'unbooked', volumeId: null, horizontalExcursionM: 0, verticalExcursionM: 0 });
    expect(assessConformance(at(33.42, -13.07, 40, -1), [volumeA])).toMatchObject({ status: 'outside-window', volumeId: 'A' });
    expect(assessConformance(at(33.42, -13.07, 40, HOUR - 1), [volumeA])).toMatchObject({ status: 'conforming' });
    expect(assessConformance(at(33.42, -13.07, 40, HOUR), [volumeA])).toMatchObject({ status: 'outside-window', volumeId: 'A' });
  });

  it('edges belong to the volume: on the boundary and exactly on the band edge is conforming', () => {
    expect(assessConformance(at(33.45, -13.07, 60, 0), [volumeA])).toMatchObject({ status: 'conforming', volumeId: 'A' });
    expect(assessConformance(at(33.45, -13.07, 60.01, 0), [volumeA])).toMatchObject({ status: 'outside-volume', verticalExcursionM: expect.closeTo(0.01, 6) });
  });

  it('reports the nearest in-window volume and true distances when outside all of them', () => {
    const result = assessConformance(at(33.52, -13.07, 90, 0), [volumeA, volumeB]);
    expect(result.status).toBe('outside-volume');
    expect(result.volumeId).toBe('B');
    expect(result.horizontalExcursionM).toBeCloseTo(0.02 * 111_195 * Math.cos((13.07 * Math.PI) / 180), -1);
  });

  it('an MSL band compares the MSL altitude; a 0 m floor is the ground unless asked otherwise', () => {
    const msl: BookedVolume = { ...volumeA, band: { minM: HOME_MSL_M, maxM: HOME_MSL_M + 60, reference: 'MSL' } };
    expect(assessConformance(at(33.42, -13.07, 40, 0), [msl])).toMatchObject({ status: 'conforming' });
    expect(assessConformance(at(33.42, -13.07, -0.5, 0), [volumeA])).toMatchObject({ status: 'conforming' });
    expect(assessConformance(at(33.42, -13.07, -0.5, 0), [volumeA], { ignoreFloorAtOrBelowZero: false }))
      .toMatchObject({ status: 'outside-volume', verticalExcursionM: 0.5 });
  });

  it('compiled with the zones: every assessment carries the conformance; null when no volumes were given', () => {
    const evaluator = compileZones([corridor], { volumes: [volumeA, volumeB] });
    expect(evaluator.evaluate(at(33.42, -13.07, 90, 1000)).conformance).toMatchObject({ status: 'outside-volume', volumeId: 'A' });
    expect(compileZones([corridor], { volumes: [] }).evaluate(at(33.42, -13.07, 90)).conformance?.status).toBe('unbooked');
    expect(compileZones([corridor]).evaluate(at(33.42, -13.07, 90)).conformance).toBeNull();
  });

  it('refuses bad volumes, naming the volume and the part', () => {
    expect(() => assessConformance(at(33.42, -13.07, 40), [{ ...volumeA, window: { startMs: 5, endMs: 5 } }])).toThrow(/volume "A": window is empty/);
    expect(() => assessConformance(at(33.42, -13.07, 40), [{ ...volumeA, area: box(33.45, -13.10, 33.40, -13.10) }])).toThrow(/volume "A": area\.coordinates\[0\]/);
    expect(() => assessConformance(at(33.42, -13.07, 40), [volumeA, volumeA])).toThrow(/volume "A" appears more than once/);
    expect(() => assessConformance(at(33.42, -13.07, 40), [{ ...volumeA, band: { minM: 90, maxM: 60, reference: 'AGL' } }])).toThrow(/volume "A": band minM 90 is above maxM 60/);
  });
});
