/** A VehicleView for the live map's unit tests: KAS-1 in flight over Kasungu, every field set; `overrides` change any. */
import type { VehicleView } from '../server/contracts/index.ts';

export function testVehicle(overrides: Partial<VehicleView> = {}): VehicleView {
  return {
    id: 'udp-14550:11:1', linkId: 'udp-14550', systemId: 11, componentId: 1, aircraftId: 'a-11', isRegistered: true, callsign: 'KAS-1',
    organisationId: 'o-1', organisationName: 'Kasungu Health Drones', corridorId: 'c-kasungu',
    position: { lon: 33.4, lat: -13.06, altitudeMslM: 1170, altitudeRelativeM: 120, groundSpeedMps: 20, climbRateMps: 0, headingDeg: 270 },
    flightMode: 'AUTO', isArmed: true, linkState: 'connected', fenceStatus: 'nominal', bookingStatus: 'conforming',
    lastHeardAtMs: 1_000_000, lastPositionAtMs: 1_000_000, linkQualityPct: 100, link: null, battery: { remainingPct: 90, voltageV: 16.5 },
    gps: { fixType: 3, satellites: 15 }, attitude: null, home: null, airSpeedMps: null, statusTexts: [],
    ...overrides,
  };
}
