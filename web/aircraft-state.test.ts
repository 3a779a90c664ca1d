import { describe, expect, it } from 'vitest';
import { aircraftLabel, displayStateOf, gpsFixName, secondsSince } from './aircraft-state.ts';
import { testVehicle } from './live-test-vehicle.ts';

describe('displayStateOf', () => {
  it('puts a lost link above everything: the position shown may be old', () => {
    expect(displayStateOf(testVehicle({ linkState: 'lost', fenceStatus: 'breach' }))).toBe('lost');
  });
  it('reads breach and outside-corridors as breach, approaching and predicted as approaching', () => {
    expect(displayStateOf(testVehicle({ fenceStatus: 'breach' }))).toBe('breach');
    expect(displayStateOf(testVehicle({ fenceStatus: 'outside-corridors' }))).toBe('breach');
    expect(displayStateOf(testVehicle({ fenceStatus: 'approaching' }))).toBe('approaching');
    expect(displayStateOf(testVehicle({ fenceStatus: 'predicted' }))).toBe('approaching');
  });
  it('marks unregistered aircraft and flights outside their booking as unbooked, below any fence state', () => {
    expect(displayStateOf(testVehicle({ isRegistered: false, bookingStatus: null }))).toBe('unbooked');
    expect(displayStateOf(testVehicle({ bookingStatus: 'outside-window' }))).toBe('unbooked');
    expect(displayStateOf(testVehicle({ bookingStatus: 'unbooked', fenceStatus: 'breach' }))).toBe('breach');
  });
  it('leaves a registered aircraft on the ground (booking not judged) or within its booking nominal', () => {
    expect(displayStateOf(testVehicle({ bookingStatus: null }))).toBe('nominal');
    expect(displayStateOf(testVehicle())).toBe('nominal');
  });
});

describe('aircraftLabel', () => {
  it('names the callsign or the partner, with the height above home', () => {
    expect(aircraftLabel(testVehicle(), 'callsign', 1_000_000)).toBe('KAS-1 120 m');
    expect(aircraftLabel(testVehicle(), 'partner', 1_000_000)).toBe('Kasungu Health Drones 120 m');
    expect(aircraftLabel(testVehicle({ isRegistered: false, organisationName: null, callsign: 'SYSID 99' }), 'partner', 0)).toBe('SYSID 99 (unregistered) 120 m');
  });
  it('says how long ago a lost aircraft was last heard', () => {
    expect(aircraftLabel(testVehicle({ linkState: 'lost' }), 'callsign', 1_042_400)).toBe('KAS-1 lost 42 s ago');
  });
});

describe('small wordings', () => {
  it('never counts negative seconds when the clocks differ a little', () => {
    expect(secondsSince(2000, 1000)).toBe(0);
  });
  it('names GPS fix types, and unknown ones by number', () => {
    expect(gpsFixName(3)).toBe('3D fix');
    expect(gpsFixName(6)).toBe('RTK fixed');
    expect(gpsFixName(42)).toBe('fix type 42');
  });
});
