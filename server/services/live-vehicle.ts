/** One vehicle as the ingest path tracks it live, and its public view. */
import { BreachTracker } from '../../geofences/index.ts';
import { createVehicleState, linkQualityPct, type LinkStatistics, type VehicleState } from '../../protocol/index.ts';
import type { FenceStatus, LinkState, VehicleView } from '../contracts/index.ts';
import type { AircraftRecord } from '../db/aircraft-repository.ts';
import type { CorridorFence } from './corridor-fences.ts';
import type { ViolationRecord } from './ingest-store.ts';

/** How much trail the server keeps per vehicle, and how densely. */
export const TRAIL_MS = 15 * 60_000;
const TRAIL_SPACING_MS = 1000;

export class LiveVehicle {
  state: VehicleState;
  aircraft: AircraftRecord | null;
  fence: CorridorFence | null = null;
  /** Whether a position has been placed in a corridor (or in none) yet. */
  isLocated = false;
  tracker: BreachTracker;
  /** Open violations keyed by `${zoneId}/${limit}`. */
  readonly openViolations = new Map<string, ViolationRecord>();
  flightId: string | null = null;
  flightStartedAtMs = 0;
  /** Whether the open flight has been given its corridor yet. */
  hasFlightCorridor = false;
  linkState: LinkState = 'connected';
  fenceStatus: FenceStatus = 'nominal';
  conformance: VehicleView['bookingStatus'] = null;
  lastHeardAtMs: number;
  /** When its last position arrived (server time; the position's own time is the vehicle's time since boot). */
  lastPositionAtMs: number | null = null;
  /** Alert kinds already raised for the current episode, so an alert is raised once. */
  readonly raisedAlerts = new Set<string>();
  /** Where it has been lately, for the map's trail after a page reload: [lon, lat, altitudeMslM, atMs], oldest first. */
  readonly trail: Array<[number, number, number, number]> = [];

  /** Keep a point of the trail: at most one a second, none older than TRAIL_MS. */
  rememberPosition(lon: number, lat: number, altitudeMslM: number, nowMs: number): void {
    const last = this.trail[this.trail.length - 1];
    if (!last || nowMs - last[3] >= TRAIL_SPACING_MS) this.trail.push([lon, lat, altitudeMslM, nowMs]);
    while (this.trail.length > 0 && nowMs - this.trail[0]![3] > TRAIL_MS) this.trail.shift();
  }

  constructor(
    readonly id: string,
    readonly linkId: string,
    /** Address it last sent from; a vehicle may reappear from a new port after a reconnect. */
    public remote: string,
    systemId: number,
    componentId: number,
    aircraft: AircraftRecord | null,
    private readonly breachHoldMs: number,
    nowMs: number,
  ) {
    this.state = createVehicleState(systemId, componentId);
    this.aircraft = aircraft;
    this.tracker = new BreachTracker({ holdMs: breachHoldMs });
    this.lastHeardAtMs = nowMs;
  }

  /** Start judging against another corridor (or none): breaches are tracked afresh. */
  moveTo(fence: CorridorFence | null): void {
    this.fence = fence;
    this.isLocated = true;
    this.tracker = new BreachTracker({ holdMs: this.breachHoldMs });
  }

  get callsign(): string {
    return this.aircraft?.callsign ?? `SYSID ${this.state.systemId}`;
  }

  /** The link's counts for this vehicle, as last read, and when. */
  linkStatistics: Readonly<LinkStatistics> | null = null;
  linkStatisticsAtMs = -Infinity;
  /** Packets dropped because their MAVLink 2 signature was missing, wrong or replayed. */
  rejectedPackets = 0;

  /** The public view of this vehicle (HTTP and Socket.IO), with its link's counts for it. */
  toView(link: Readonly<LinkStatistics> | null = null): VehicleView {
    const { state } = this;
    const position = state.position;
    return {
      id: this.id,
      linkId: this.linkId,
      systemId: state.systemId,
      componentId: state.componentId,
      aircraftId: this.aircraft?.id ?? null,
      isRegistered: this.aircraft !== null,
      callsign: this.callsign,
      organisationId: this.aircraft?.organisationId ?? null,
      organisationName: this.aircraft?.organisationName ?? null,
      corridorId: this.fence?.corridor.id ?? null,
      position: position
        ? {
            lon: position.lon,
            lat: position.lat,
            altitudeMslM: position.altitudeMslM,
            altitudeRelativeM: position.altitudeRelativeM,
            groundSpeedMps: state.groundSpeedMps ?? Math.hypot(position.northMps, position.eastMps),
            climbRateMps: state.climbRateMps ?? -position.downMps,
            headingDeg: position.headingDeg,
          }
        : null,
      flightMode: state.flightMode,
      isArmed: state.isArmed,
      linkState: this.linkState,
      fenceStatus: this.fenceStatus,
      bookingStatus: this.flightId ? this.conformance : null,
      lastHeardAtMs: this.lastHeardAtMs,
      lastPositionAtMs: this.lastPositionAtMs,
      linkQualityPct: link ? linkQualityPct(link) : null,
      link: link ? { packets: link.packets, lostPackets: link.lostPackets, bytes: link.bytes, rejectedPackets: this.rejectedPackets } : null,
      battery: state.batteryRemainingPct === null && state.batteryVoltageV === null ? null : { remainingPct: state.batteryRemainingPct, voltageV: state.batteryVoltageV },
      gps: state.gps,
      attitude: state.attitude,
      home: state.home,
      airSpeedMps: state.airSpeedMps,
      statusTexts: state.statusTexts.map(({ text, severity, atMs }) => ({ text, severity, atMs })),
    };
  }
}
