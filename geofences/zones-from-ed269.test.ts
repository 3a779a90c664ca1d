import { describe, expect, it } from 'vitest';
import { compileZones } from './compile-zones.ts';
import { at } from './test/kasungu.ts';
import { zonesFromEd269 } from './zones-from-ed269.ts';

const element = (overrides: Record<string, unknown> = {}) => ({
  uomDimensions: 'M', lowerLimit: 0, lowerVerticalReference: 'AGL', upperLimit: 120, upperVerticalReference: 'AGL',
  horizontalProjection: { type: 'Circle', center: [33.483, -13.034], radius: 500 }, ...overrides,
});
const feature = (overrides: Record<string, unknown> = {}) => ({ identifier: 'Z1', name: 'Zone one', type: 'COMMON', restriction: 'PROHIBITED', geometry: [element()], ...overrides });

describe('zonesFromEd269', () => {
  it('converts feet to metres for limits and the circle radius', () => {
    const [zone] = zonesFromEd269({ features: [feature({ geometry: [element({ uomDimensions: 'FT', upperLimit: 400, horizontalProjection: { type: 'Circle', center: [33.483, -13.034], radius: 1000 } })] })] });
    expect(zone?.band).toEqual({ minM: 0, maxM: 121.92, reference: 'AGL' });
    expect(zone?.shape).toEqual({ type: 'circle', center: [33.483, -13.034], radiusM: 304.8 });
  });

  it('maps restrictions, leaves NO_RESTRICTION zones out, and makes every zone an exclusion', () => {
    const zones = zonesFromEd269([
      feature({ identifier: 'P', restriction: 'PROHIBITED' }), feature({ identifier: 'R', restriction: 'REQ_AUTHORISATION' }),
      feature({ identifier: 'C', restriction: 'CONDITIONAL' }), feature({ identifier: 'N', restriction: 'NO_RESTRICTION' }),
    ]);
    expect(zones.map((zone) => [zone.id, zone.kind, zone.restriction])).toEqual([
      ['P', 'exclusion', 'prohibited'], ['R', 'exclusion', 'authorisation'], ['C', 'exclusion', 'conditional'],
    ]);
  });

  it('AMSL becomes MSL; WGS84 needs the geoid height; a surface floor goes with any upper reference', () => {
    expect(zonesFromEd269([feature({ geometry: [element({ lowerLimit: 1100, lowerVerticalReference: 'AMSL', upperLimit: 1300, upperVerticalReference: 'AMSL' })] })])[0]?.band)
      .toEqual({ minM: 1100, maxM: 1300, reference: 'MSL' });
    const wgs84 = feature({ geometry: [element({ upperLimit: 1330, upperVerticalReference: 'WGS84' })] });
    expect(() => zonesFromEd269([wgs84])).toThrow(/upperVerticalReference is WGS84 .* options\.geoidUndulationM/);
    // Lower 0 AGL is the surface; the band takes MSL from the upper limit: 1330 m above the ellipsoid with N = 25 m is 1305 m MSL.
    expect(zonesFromEd269([wgs84], { geoidUndulationM: 25 })[0]?.band).toEqual({ minM: 0, maxM: 1305, reference: 'MSL' });
  });

  it('one zone per geometry element and period, with #element and @period ids; a permanent period means always', () => {
    const zones = zonesFromEd269([feature({
      geometry: [element(), element({ lowerLimit: 60 })],
      applicability: [
        { permanent: 'NO', startDateTime: '2026-08-01T06:00:00Z', endDateTime: '2026-08-01T18:00:00Z' },
        { permanent: 'NO', startDateTime: '2026-08-02T06:00:00Z' },
      ],
    })]);
    expect(zones.map((zone) => [zone.id, zone.band.minM, zone.timeWindow])).toEqual([
      ['Z1#1@1', 0, { startMs: Date.UTC(2026, 7, 1, 6), endMs: Date.UTC(2026, 7, 1, 18) }],
      ['Z1#1@2', 0, { startMs: Date.UTC(2026, 7, 2, 6), endMs: Infinity }],
      ['Z1#2@1', 60, { startMs: Date.UTC(2026, 7, 1, 6), endMs: Date.UTC(2026, 7, 1, 18) }],
      ['Z1#2@2', 60, { startMs: Date.UTC(2026, 7, 2, 6), endMs: Infinity }],
    ]);
    const permanent = zonesFromEd269([feature({ applicability: [{ permanent: 'NO', startDateTime: '2026-08-01T06:00:00Z' }, { permanent: 'YES' }] })]);
    expect(permanent.map((zone) => [zone.id, zone.timeWindow])).toEqual([['Z1', undefined]]);
  });

  it('gives every zone options.marginM, and the zones compile and judge', () => {
    const zones = zonesFromEd269({ features: [feature()] }, { marginM: 50 });
    expect(zones[0]?.marginM).toBe(50);
    expect(compileZones(zones).evaluate(at(33.483, -13.034, 60)).worst).toBe('breach');
    expect(() => zonesFromEd269({ features: [] }, { marginM: -1 })).toThrow(/options\.marginM must be a finite number ≥ 0/);
  });

  it('refuses a document without features, and lists every problem of the rest at once', () => {
    expect(() => zonesFromEd269({ title: 'nothing' })).toThrow(/expected an ED-269 document/);
    expect(() => zonesFromEd269([feature({ geometry: [element({ upperLimit: 10, lowerLimit: 20 })] }), feature({ identifier: 'Z2', restriction: 'NONE' })]))
      .toThrow(/2 problems[\s\S]*features\[0\] \("Z1"\): geometry\[0\] \(lowerLimit, upperLimit\) minM 20 is above maxM 10[\s\S]*features\[1\] \("Z2"\): restriction must be one of/);
  });
});
