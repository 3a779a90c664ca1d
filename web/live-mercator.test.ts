import { describe, expect, it } from 'vitest';
import { mercatorX, mercatorY } from './live-mercator.ts';

describe('Web Mercator world pixels', () => {
  it('puts [0, 0] in the middle of the world tile and the antimeridian at its edges', () => {
    expect([mercatorX(0, 256), mercatorY(0, 256)]).toEqual([128, 128]);
    expect([mercatorX(-180, 256), mercatorX(180, 256)]).toEqual([0, 256]);
  });
  it("clamps latitudes to Web Mercator's limit, so the poles map to the tile's edges", () => {
    expect(mercatorY(90, 256)).toBeCloseTo(0, 6);
    expect(mercatorY(-90, 256)).toBeCloseTo(256, 6);
  });
  // Expected values printed by Leaflet 1.9's L.CRS.EPSG3857.latLngToPoint(L.latLng(-13.0146, 33.4686), zoom).
  it.each([
    [12, 621_772.3630933333, 562_526.0207459731],
    [13.25, 1_478_832.2362052945, 1_337_919.892490559],
  ])("matches Leaflet's EPSG:3857 projection at Kasungu, zoom %d (fractional zooms too)", (zoom, x, y) => {
    const scale = 256 * 2 ** zoom;
    expect(mercatorX(33.4686, scale)).toBeCloseTo(x, 6);
    expect(mercatorY(-13.0146, scale)).toBeCloseTo(y, 6);
  });
});
