/**
 * The ingest service with plain fakes: an in-memory store and a recording publisher, messages
 * given as decoded objects — no sockets, no database. A corridor like Kasungu's with one
 * town-centre exclusion zone.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { zoneToPolygon } from '../../geofences/index.ts';
import { common, encodeMessage, minimal, readTlogEntries, tlogRecord, type ReceivedMessage } from '../../protocol/index.ts';
import type { AlertView, CorridorView, ZoneView } from '../contracts/index.ts';
import { createBookingIndex } from './booking-index.ts';
import { createCorridorFences } from './corridor-fences.ts';
import { Ingest, type LivePublisher } from './ingest.ts';
import type { IngestStore, ViolationRecord } from './ingest-store.ts';
import type { ResumableFlight } from './flight-recorder.ts';
import { unstoredPositions } from './unstored-positions.ts';

function circleZone(id: string, kind: ZoneView['kind'], center: [number, number], radiusM: number, maxM: number, marginM: number): ZoneView {
  const geometry = zoneToPolygon({ id, name: id, kind, restriction: 'prohibited', shape: { type: 'circle', center, radiusM }, band: { minM: 0, maxM, reference: 'AGL' }, marginM });
  return {
    id, corridorId: 'kasungu', name: id === 'town' ? 'Kasungu town centre' : 'Kasungu corridor', kind, restriction: kind === 'inclusion' ? 'conditional' : 'prohibited',
    geometry, circle: { center, radiusM }, altitudeMinM: 0, altitudeMaxM: maxM, altitudeReference: 'AGL', marginM, windowStartMs: null, windowEndMs: null, version: 1, isApproximate: true, note: null,
  };
}

const boundary = circleZone('boundary', 'inclusion', [33.4686, -13.0146], 40_000, 400, 50);
const town = circleZone('town', 'exclusion', [33.483, -13.034], 1200, 400, 300);
const kasungu: CorridorView = {
  id: 'kasungu', slug: 'malawi-kasungu', name: 'Kasungu', country: 'Malawi', ceilingM: 400, ceilingReference: 'AGL',
  boundary: boundary.geometry, center: [33.4686, -13.0146], isApproximate: true, note: null, zones: [boundary, town],
};

/** KAS-2 (aircraft a12) is booked for the whole corridor up to 400 m AGL, any time. */
const wholeCorridor = { aircraftId: 'a12', organisationId: 'o1', volume: { id: 'b1', area: boundary.geometry, band: { minM: 0, maxM: 400, reference: 'AGL' as const }, window: { startMs: -Infinity, endMs: Infinity } } };

function setup(bookedVolumes = [wholeCorridor]) {
  const bookings = createBookingIndex(bookedVolumes);
  const writes: Array<[keyof IngestStore, unknown[]]> = [];
  const store = new Proxy({} as IngestStore, { get: (_target, name) => (...args: unknown[]) => writes.push([name as keyof IngestStore, args]) });
  const published: Array<[keyof LivePublisher, unknown]> = [];
  const publisher = new Proxy({} as LivePublisher, { get: (_target, name) => (payload: unknown) => published.push([name as keyof LivePublisher, payload]) });
  let nowMs = 1_000_000;
  const logged: Array<[string, number]> = [];
  const ingest = new Ingest({
    store, publisher, fences: createCorridorFences([kasungu]), bookings,
    flightLogs: { append: (flightId, raw) => logged.push([flightId, raw.length]), close: async (flightId) => void logged.push([flightId, -1]) },
    findAircraft: (systemId) => (systemId === 12 ? { id: 'a12', systemId: 12, callsign: 'KAS-2', organisationId: 'o1', organisationName: 'Demo', signingKey: null } : null),
    clock: () => nowMs, logger: pino({ level: 'silent' }),
    config: { heartbeatTimeoutMs: 5000, breachHoldMs: 3000, flightSilenceMs: 60_000, stalePositionMs: 15_000 },
  });
  const message = (systemId: number, name: string, data: object, remote = '127.0.0.1:5000'): ReceivedMessage => ({
    linkId: 'udp-14550', remote, systemId, componentId: 1, sequence: 0, messageId: 0, protocolVersion: 2, isSigned: false, name, data, raw: Buffer.alloc(name === 'HEARTBEAT' ? 21 : 40), receivedAtMs: nowMs,
  });
  const heartbeat = (systemId: number, armed: boolean) =>
    ingest.handle(message(systemId, 'HEARTBEAT', { type: 2, autopilot: 3, baseMode: armed ? 0x81 : 0x01, customMode: 3, systemStatus: 4 }));
  const position = (systemId: number, lon: number, lat: number, relativeM = 100) =>
    ingest.handle(message(systemId, 'GLOBAL_POSITION_INT', { timeBootMs: 0, lat: Math.round(lat * 1e7), lon: Math.round(lon * 1e7), alt: (1050 + relativeM) * 1000, relativeAlt: relativeM * 1000, vx: 0, vy: -2500, vz: 0, hdg: 27000 }));
  const advance = (ms: number) => { nowMs += ms; };
  const alerts = () => published.filter(([name]) => name === 'alertRaised').map(([, alert]) => alert as AlertView);
  return { ingest, writes, published, heartbeat, position, advance, alerts, logged };
}

describe('Ingest', () => {
  it('turns a pass through an exclusion zone into one violation and one critical alert, ended after the hold time', () => {
    const { heartbeat, position, advance, writes, alerts } = setup();
    heartbeat(12, true);
    for (let lon = 33.505; lon >= 33.455; lon -= 0.0005) {
      position(12, lon, -13.034);
      advance(250);
    }
    for (let i = 0; i < 20; i += 1) {
      position(12, 33.455, -13.034);
      advance(250);
    }
    const started = writes.filter(([name]) => name === 'startViolation');
    const ended = writes.filter(([name]) => name === 'endViolation');
    expect(started).toHaveLength(1);
    expect(ended).toHaveLength(1);
    expect(ended[0]![1][0]).toMatchObject({ zoneId: 'town', limit: 'horizontal' });
    expect((ended[0]![1][0] as { maxHorizontalExcursionM: number }).maxHorizontalExcursionM).toBeGreaterThan(1100);
    // Flying west at 25 m/s, the 10 s look-ahead warns before the aircraft reaches the zone.
    expect(alerts().map((alert) => alert.kind)).toEqual(['predicted-breach', 'zone-breach']);
    expect(alerts()[0]).toMatchObject({ severity: 'warning', zoneId: 'town' });
    expect(alerts()[0]!.message).toMatch(/^KAS-2 will enter prohibited zone Kasungu town centre in about \d+ s$/);
    expect(alerts()[1]).toMatchObject({ severity: 'critical', zoneId: 'town', corridorId: 'kasungu', message: 'KAS-2 entered prohibited zone Kasungu town centre' });
    // The violation keeps the samples that prove it: first inside, deepest, last inside, first clear after.
    const evidence = (ended[0]![1][0] as { evidence: Array<{ lon: number; timeMs: number }> }).evidence;
    expect(evidence.length).toBeGreaterThanOrEqual(4);
    expect(evidence.every((sample, index) => index === 0 || sample.timeMs >= evidence[index - 1]!.timeMs)).toBe(true);
  });

  it('stores telemetry only inside a flight, which opens on arming and closes on disarming', () => {
    const { heartbeat, position, writes, logged } = setup();
    heartbeat(12, false);
    position(12, 33.40, -13.06, 0);
    heartbeat(12, true);
    position(12, 33.40, -13.06, 5);
    position(12, 33.401, -13.06, 10);
    heartbeat(12, false);
    position(12, 33.401, -13.06, 0);
    expect(writes.map(([name]) => name)).toEqual(['openFlight', 'addTelemetry', 'addTelemetry', 'closeFlight']);
    expect(writes[0]![1][0]).toMatchObject({ systemId: 12, aircraftId: 'a12', organisationId: 'o1', corridorId: 'kasungu' });
    // The raw log holds the arming heartbeat through the disarming heartbeat, then is closed.
    const flightId = (writes[0]![1][0] as { id: string }).id;
    expect(logged).toEqual([[flightId, 21], [flightId, 40], [flightId, 40], [flightId, 21], [flightId, -1]]);
  });

  it('alerts an unregistered system id once and keeps it apart from registered ones', () => {
    const { ingest, heartbeat, position, alerts } = setup();
    heartbeat(77, true);
    position(77, 33.40, -13.06);
    heartbeat(77, true);
    heartbeat(12, true);
    expect(alerts().filter((alert) => alert.kind === 'unregistered-aircraft')).toHaveLength(1);
    expect(ingest.listVehicles().map((vehicle) => [vehicle.callsign, vehicle.isRegistered])).toEqual([['SYSID 77', false], ['KAS-2', true]]);
  });

  it('marks a link lost after the heartbeat timeout, once, and connected again on the next heartbeat', () => {
    const { ingest, heartbeat, advance, published, alerts } = setup();
    heartbeat(12, true);
    advance(5000);
    ingest.checkLinks();
    expect(ingest.listVehicles()[0]!.linkState).toBe('connected');
    advance(1);
    ingest.checkLinks();
    advance(1000);
    ingest.checkLinks();
    expect(alerts().filter((alert) => alert.kind === 'link-lost')).toHaveLength(1);
    heartbeat(12, true);
    expect(published.filter(([name]) => name === 'vehicleLink').map(([, view]) => (view as { linkState: string }).linkState)).toEqual(['lost', 'connected']);
  });

  it('alerts a stale position once when an aircraft in flight sends heartbeats but no position for 15 s', () => {
    const { ingest, heartbeat, position, advance, alerts } = setup();
    heartbeat(12, true);
    position(12, 33.40, -13.06);
    const beat = (seconds: number) => {
      for (let i = 0; i < seconds; i += 1) {
        advance(1000);
        heartbeat(12, true);
        ingest.checkLinks();
      }
    };
    beat(14);
    expect(alerts().filter((alert) => alert.kind === 'stale-position')).toHaveLength(0);
    beat(1);
    expect(alerts().filter((alert) => alert.kind === 'stale-position')).toHaveLength(1);
    expect(ingest.listVehicles()[0]!.lastPositionAtMs).toBe(1_000_000);
    expect(alerts().find((alert) => alert.kind === 'stale-position')!.message).toBe('KAS-2: no position for 15 s — the map shows its last known position');
    position(12, 33.401, -13.06);
    for (let i = 0; i < 16; i += 1) {
      advance(1000);
      heartbeat(12, true);
      ingest.checkLinks();
    }
    expect(alerts().filter((alert) => alert.kind === 'stale-position')).toHaveLength(2);
  });

  it('alerts two aircraft sending the same system id from two addresses, but follows one that reconnects from a new port', () => {
    const { ingest, heartbeat, advance, alerts } = setup();
    heartbeat(12, true);
    const fromOther = (remote: string) => ingest.handle({ ...{ linkId: 'udp-14550', componentId: 1, sequence: 0, messageId: 0, protocolVersion: 2 as const, isSigned: false, raw: Buffer.alloc(21) },
      systemId: 12, remote, name: 'HEARTBEAT', data: { type: 2, autopilot: 3, baseMode: 0x81, customMode: 3, systemStatus: 4 }, receivedAtMs: 1_000_000 + elapsed });
    let elapsed = 1000;
    advance(1000);
    fromOther('127.0.0.1:6000');
    expect(alerts().filter((alert) => alert.kind === 'duplicate-system-id')).toHaveLength(1);
    expect(alerts().find((alert) => alert.kind === 'duplicate-system-id')!.message).toContain('from 127.0.0.1:5000 and 127.0.0.1:6000');
    advance(10_000);
    elapsed += 10_000;
    fromOther('127.0.0.1:7000');
    expect(alerts().filter((alert) => alert.kind === 'duplicate-system-id')).toHaveLength(1);
    expect(ingest.listVehicles()).toHaveLength(1);
  });

  it('alerts a climb above the corridor ceiling once, with how far above, and ends it after the hold time', () => {
    const { heartbeat, position, advance, writes, alerts } = setup();
    heartbeat(12, true);
    // Back below the ceiling by more than the 50 m margin for the 3 s hold ends the breach.
    for (const heightM of [350, 390, 405, 430, 412, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300]) {
      position(12, 33.40, -13.06, heightM);
      advance(500);
    }
    const ceiling = alerts().filter((alert) => alert.kind === 'ceiling');
    expect(ceiling).toHaveLength(1);
    expect(ceiling[0]!.message).toBe('KAS-2 is 5 m above the ceiling of Kasungu corridor (400 m AGL)');
    const ended = writes.filter(([name]) => name === 'endViolation').map(([, args]) => args[0] as { limit: string; maxVerticalExcursionM: number });
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ limit: 'ceiling', maxVerticalExcursionM: 30 });
  });

  it('alerts a registered aircraft flying with no booking, once per flight', () => {
    const { heartbeat, position, alerts, ingest } = setup([]);
    heartbeat(12, true);
    position(12, 33.40, -13.06);
    position(12, 33.401, -13.06);
    expect(alerts().filter((alert) => alert.kind === 'unbooked-flight').map((alert) => alert.message)).toEqual(['KAS-2 is flying with no approved booking']);
    expect(ingest.listVehicles()[0]!.bookingStatus).toBe('unbooked');
  });

  it('judges horizontal and vertical against the same booked volume: inside A by area and B by height is non-conforming', () => {
    const square = (west: number, south: number, size: number): GeoJSON.Polygon => ({
      type: 'Polygon', coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]],
    });
    const always = { startMs: -Infinity, endMs: Infinity };
    const low = { aircraftId: 'a12', organisationId: 'o1', volume: { id: 'low-west', area: square(33.38, -13.08, 0.04), band: { minM: 0, maxM: 60, reference: 'AGL' as const }, window: always } };
    const high = { aircraftId: 'a12', organisationId: 'o1', volume: { id: 'high-east', area: square(33.44, -13.08, 0.04), band: { minM: 60, maxM: 150, reference: 'AGL' as const }, window: always } };
    const { heartbeat, position, alerts, ingest } = setup([low, high]);
    heartbeat(12, true);
    position(12, 33.40, -13.06, 40); // in 'low-west' by area and by height: conforming
    expect(ingest.listVehicles()[0]!.bookingStatus).toBe('conforming');
    position(12, 33.40, -13.06, 100); // in 'low-west' by area, in 'high-east' only by height
    expect(ingest.listVehicles()[0]!.bookingStatus).toBe('outside-volume');
    const nonConformance = alerts().filter((alert) => alert.kind === 'booking-nonconformance');
    expect(nonConformance).toHaveLength(1);
    expect(nonConformance[0]).toMatchObject({ severity: 'critical', message: 'KAS-2 left its booked volume: 40 m outside its booked altitude band' });
  });

  it('closes a flight after a long silence', () => {
    const { ingest, heartbeat, advance, writes } = setup();
    heartbeat(12, true);
    advance(60_001);
    ingest.checkLinks();
    expect(writes.map(([name]) => name)).toEqual(['openFlight', 'addAlert', 'addAlert', 'closeFlight']);
    expect(writes.slice(1, 3).map(([, args]) => (args[0] as AlertView).kind)).toEqual(['stale-position', 'link-lost']);
    expect(writes[3]![1][2]).toBe('silence');
  });
});

describe('Ingest after a restart (flights a killed process left open)', () => {
  const LEFT_AT_MS = 1_000_000 - 5000;
  const inTown: ViolationRecord = {
    id: 'v-old', vehicleId: 'udp-14551:12:1', flightId: 'f-old', corridorId: 'kasungu', zoneId: 'town', zoneVersion: 1, limit: 'horizontal',
    startedAtMs: LEFT_AT_MS - 10_000, endedAtMs: null, startPosition: [33.49, -13.034], maxHorizontalExcursionM: 1500, maxVerticalExcursionM: 0, evidence: [],
  };
  const leftOpen = (overrides: Partial<ResumableFlight> = {}): ResumableFlight => ({
    id: 'f-old', vehicleId: 'udp-14551:12:1', linkId: 'udp-14551', systemId: 12, componentId: 1, aircraftId: 'a12', corridorId: 'kasungu',
    startedAtMs: LEFT_AT_MS - 60_000, lastHeardAtMs: LEFT_AT_MS, lastStoredPositionAtMs: LEFT_AT_MS, wasArmed: true, openViolations: [inTown], unacknowledgedAlertKinds: ['zone-breach', 'unbooked-flight', 'link-lost'],
    ...overrides,
  });
  const names = (writes: Array<[keyof IngestStore, unknown[]]>) => writes.map(([name]) => name).filter((name) => name !== 'addTelemetry');

  it('continues the same flight and violation when the aircraft reports again, on another link, without a second alert', () => {
    const { ingest, heartbeat, position, advance, writes, alerts } = setup([]);
    ingest.resume([leftOpen()]);
    heartbeat(12, true);
    for (let i = 0; i < 4; i += 1) {
      position(12, 33.483, -13.034);
      advance(250);
    }
    expect(names(writes)).toEqual([]); // no new flight, violation or alert (unbooked-flight was raised before the kill)
    expect(writes.filter(([name]) => name === 'addTelemetry').every(([, [row]]) => (row as { flightId: string }).flightId === 'f-old')).toBe(true);
    for (let i = 0; i < 20; i += 1) {
      position(12, 33.455, -13.034);
      advance(250);
    }
    const ended = writes.filter(([name]) => name === 'endViolation').map(([, [violation]]) => violation as ViolationRecord);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ id: 'v-old', startedAtMs: inTown.startedAtMs, maxHorizontalExcursionM: 1500 });
    expect(alerts().map((alert) => alert.kind)).toEqual([]);
  });

  it('ends a resumed violation the aircraft is no longer in at its first position', () => {
    const { ingest, heartbeat, position, writes } = setup();
    ingest.resume([leftOpen()]);
    heartbeat(12, true);
    position(12, 33.40, -13.06);
    expect(names(writes)).toEqual(['endViolation']);
    expect(writes.find(([name]) => name === 'endViolation')?.[1][0]).toMatchObject({ id: 'v-old', endedAtMs: 1_000_000 });
  });

  it('closes the flight when the aircraft comes back disarmed', () => {
    const { ingest, heartbeat, writes } = setup();
    ingest.resume([leftOpen()]);
    heartbeat(12, false);
    expect(writes.find(([name]) => name === 'closeFlight')?.[1]).toEqual(['f-old', 1_000_000, 'disarmed']);
  });

  it('starts a new flight for an aircraft heard after the silence window, and closes the old one for silence', () => {
    const { ingest, heartbeat, advance, writes } = setup();
    ingest.resume([leftOpen()]);
    advance(60_000);
    heartbeat(12, true);
    expect(names(writes)).toEqual(['openFlight']);
    ingest.checkLinks();
    expect(writes.find(([name]) => name === 'closeFlight')?.[1]).toEqual(['f-old', 1_060_000, 'silence']);
    expect(writes.find(([name]) => name === 'endViolation')?.[1][0]).toMatchObject({ id: 'v-old', endedAtMs: 1_060_000 });
  });

  it('rebuilds from a .tlog the very telemetry rows the live ingest stores (the positions a kill lost from the write queue)', () => {
    const frames: Buffer[] = [];
    const heartbeat = new minimal.Heartbeat();
    heartbeat.baseMode = (minimal.MavModeFlag.CUSTOM_MODE_ENABLED | minimal.MavModeFlag.SAFETY_ARMED) as minimal.MavModeFlag;
    frames.push(encodeMessage(heartbeat, { systemId: 12, componentId: 1, sequence: 0 }));
    for (let i = 0; i < 40; i += 1) {
      const hud = new common.VfrHud();
      hud.groundspeed = 20 + i / 10;
      hud.climb = 0.5;
      if (i % 4 === 0) frames.push(encodeMessage(hud, { systemId: 12, componentId: 1, sequence: 2 * i + 1 }));
      const position = new common.GlobalPositionInt();
      position.lat = -130_340_000;
      position.lon = Math.round((33.505 - i * 0.001) * 1e7); // westwards through the town-centre zone
      position.alt = 1_150_000;
      position.relativeAlt = 100_000;
      position.vx = 0;
      position.vy = -2500;
      position.hdg = 27000;
      frames.push(encodeMessage(position, { systemId: 12, componentId: 1, sequence: 2 * i + 2 }));
    }
    const log = Buffer.concat(frames.map((frame, index) => tlogRecord(frame, 1_000_000 + index * 100)));
    const { ingest, writes } = setup();
    for (const { frame } of readTlogEntries(log).entries) ingest.handle({ linkId: 'udp-14550', remote: '127.0.0.1:5000', ...frame });
    const live = writes.filter(([name]) => name === 'addTelemetry').map(([, [row]]) => row);
    const flightId = (writes.find(([name]) => name === 'openFlight')![1][0] as { id: string }).id;
    const rebuilt = unstoredPositions(log, { id: flightId, vehicleId: 'udp-14550:12:1', linkId: 'udp-14550', systemId: 12, componentId: 1 }, null, createCorridorFences([kasungu]));
    expect(live).toHaveLength(40);
    expect(new Set(live.map((row) => (row as { fenceStatus: string }).fenceStatus))).toContain('breach');
    expect(rebuilt).toEqual(live);
    const afterMs = (live[29] as { recordedAtMs: number }).recordedAtMs;
    expect(unstoredPositions(log, { id: flightId, vehicleId: 'v', linkId: 'l', systemId: 12, componentId: 1 }, afterMs, createCorridorFences([kasungu]))).toEqual(live.slice(30));
  });
});
