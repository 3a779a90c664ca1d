/**
 * One SITL-like vehicle: ArduCopter or ArduPlane identity, physics, mission and battery failsafe, GPS
 * noise from its own seeded random source, and its MAVLink channels (one per ground-station
 * connection, as ArduPilot has one per serial port). Time is simulated: step(dtS) moves it on;
 * framesFor(channel) hands back what is due on a channel; receiveOn(channel, bytes) answers a ground
 * station. advance() and receive() do the same on the primary channel. No sockets, no clock reads
 * except the injected one that stamps signatures.
 */
import type { MavLinkData } from '../protocol/index.ts';
import { isLinkDownAt, isSigningAt, validateAircraftDefinition, type AircraftDefinition } from './aircraft-definition.ts';
import { buildTelemetryMessage, homePositionMessage, statusTextMessage, type TelemetrySnapshot } from './aircraft-telemetry.ts';
import { advanceMission, createMission, progressTexts, type FlightPlan, type MissionState } from './autopilot.ts';
import { missionCommand } from './mission-command.ts';
import { checkBatteryFailsafe, SEVERITY_CRITICAL } from './battery-failsafe.ts';
import { bearingDeg } from './geo-math.ts';
import { NO_GPS_ERROR, stepGpsError, type GpsError } from './gps-noise.ts';
import { handleGroundStationFrame, type AircraftControl } from './ground-station-requests.ts';
import { checkMissionTimeout } from './mission-messages.ts';
import { missionFromPlan, planFromMission } from './mission-plan.ts';
import type { MissionItem } from './mission-transfer.ts';
import { CALM, parkedAircraft, PERFORMANCE_PROFILES, stepAircraft, type AircraftPerformance, type AircraftState, type Wind } from './physics.ts';
import { aircraftSeed, SeededRandom } from './seeded-random.ts';
import { forwardedRatesHz, type GroupRatesHz } from './stream-scheduler.ts';
import { TelemetryChannel } from './telemetry-channel.ts';

/** Options of SimulatedAircraft; every field has a default. */
export interface SimulatedAircraftOptions {
  /** GLOBAL_POSITION_INT and ATTITUDE rate on the primary channel before a ground station asks, Hz, 0–50; default 4. */
  positionRateHz?: number;
  /** Airframe limits over its kind's profile and its definition's; default none. */
  performance?: Partial<AircraftPerformance>;
  /** Wind; default calm. */
  wind?: Wind;
  /** GPS error standard deviation, metres horizontal (0 = exact positions); default 0. */
  gpsNoiseM?: number;
  /** Seed of the noise (mixed with the system id); default 1. */
  seed?: number;
  /** Wall clock for signature timestamps, ms since the epoch; default Date.now. */
  clock?: () => number;
}

/** The primary channel's id: the one advance() and receive() use. */
export const PRIMARY_CHANNEL = 0;

/** One simulated vehicle (see the file comment). */
export class SimulatedAircraft {
  readonly definition: AircraftDefinition;
  private aircraft: AircraftState;
  private missionState: MissionState = createMission();
  private flightPlan: FlightPlan;
  private missionItems: MissionItem[];
  private readonly performance: AircraftPerformance;
  private readonly wind: Wind;
  private readonly gpsNoiseM: number;
  private readonly random: SeededRandom;
  private gpsError: GpsError = NO_GPS_ERROR;
  private readonly channels = new Map<number, TelemetryChannel>();
  private readonly clock: () => number;
  private nextChannelId = PRIMARY_CHANNEL;
  private heardHeartbeats = 0;

  /** Throws an Error naming a bad definition field or option. */
  constructor(definition: AircraftDefinition, options: SimulatedAircraftOptions = {}) {
    this.definition = validateAircraftDefinition(definition);
    const positionRateHz = options.positionRateHz ?? 4;
    if (!(positionRateHz >= 0 && positionRateHz <= 50)) throw new Error(`SimulatedAircraft ${definition.callsign}: positionRateHz must be 0–50, got ${positionRateHz}`);
    this.gpsNoiseM = options.gpsNoiseM ?? 0;
    if (!(this.gpsNoiseM >= 0)) throw new Error(`SimulatedAircraft ${definition.callsign}: gpsNoiseM must be a number of metres ≥ 0, got ${this.gpsNoiseM}`);
    this.performance = { ...PERFORMANCE_PROFILES[definition.kind], ...definition.performance, ...options.performance };
    this.wind = options.wind ?? CALM;
    this.random = new SeededRandom(aircraftSeed(options.seed ?? 1, definition.systemId));
    this.clock = options.clock ?? Date.now;
    const [home, first] = definition.route as [AircraftDefinition['route'][0], AircraftDefinition['route'][0]];
    const headingDeg = bearingDeg([home[0], home[1]], [first[0], first[1]]);
    this.aircraft = { ...parkedAircraft(home[0], home[1], definition.homeAltitudeMslM), headingDeg, yawDeg: headingDeg, batteryRemainingPct: definition.batteryPct ?? 100 };
    this.flightPlan = { ...definition };
    this.missionItems = missionFromPlan(this.flightPlan, definition.homeAltitudeMslM);
    this.openChannel(forwardedRatesHz(positionRateHz));
  }

  /** Where it is and how it moves (true position, without GPS error). */
  get state(): AircraftState {
    return this.aircraft;
  }

  /** Its mission phase, mode and armed flag. */
  get mission(): MissionState {
    return this.missionState;
  }

  /** What it flies in AUTO: its scenario route, or the mission a ground station uploaded. */
  get plan(): FlightPlan {
    return this.flightPlan;
  }

  /** HEARTBEATs heard from ground stations so far. */
  get groundStationHeartbeats(): number {
    return this.heardHeartbeats;
  }

  /** True during a scheduled radio silence (linkOutages): nothing sent, nothing heard. */
  get isLinkDown(): boolean {
    return isLinkDownAt(this.definition, this.missionState.elapsedS);
  }

  /** Opens a channel (a new ground-station connection) with stream rates `defaults` before it asks; returns its id. */
  openChannel(defaults: GroupRatesHz): number {
    const id = this.nextChannelId++;
    const signing = this.definition.signingKey === undefined ? null : { key: this.definition.signingKey, clock: this.clock };
    this.channels.set(id, new TelemetryChannel(this.definition.systemId, id & 0xff, defaults, this.missionState.elapsedS, signing));
    return id;
  }

  /** Forgets a channel (its connection closed). */
  closeChannel(id: number): void {
    this.channels.delete(id);
  }

  /** Moves simulated time on by `dtS` seconds (≥ 0): physics, mission, battery failsafe, GPS error. */
  step(dtS: number): void {
    if (!Number.isFinite(dtS) || dtS < 0) throw new Error(`SimulatedAircraft.step: dtS must be a finite number ≥ 0, got ${dtS}`);
    if (dtS === 0) return;
    this.aircraft = stepAircraft(this.aircraft, missionCommand(this.missionState, this.aircraft, this.flightPlan), dtS, this.performance, this.wind);
    const before = this.missionState;
    const advanced = advanceMission(before, this.aircraft, this.flightPlan, dtS);
    const failsafe = checkBatteryFailsafe(advanced, this.aircraft, this.definition.batteryFailsafePct ?? 20);
    this.missionState = failsafe.mission;
    if (failsafe.text !== null) this.broadcast(statusTextMessage(failsafe.text, SEVERITY_CRITICAL));
    this.announce(before, this.missionState, true);
    this.gpsError = stepGpsError(this.gpsError, dtS, this.gpsNoiseM, this.random);
  }

  /** The frames due now on a channel (nothing during a link outage, or for an unknown channel). */
  framesFor(channelId: number): Buffer[] {
    const channel = this.channels.get(channelId);
    if (channel === undefined) return [];
    const nowS = this.missionState.elapsedS;
    const pending = channel.pending.splice(0);
    const timeouts = checkMissionTimeout(channel, nowS);
    const due = channel.scheduler.due(nowS);
    if (this.isLinkDown) return [];
    const snapshot = this.snapshot();
    const built = due.map((messageId) => buildTelemetryMessage(messageId, snapshot)).filter((message) => message !== null);
    const messages = [...pending, ...timeouts, ...built];
    return messages.map((message) => channel.encode(message, isSigningAt(this.definition, this.missionState.elapsedS)));
  }

  /** Takes bytes from a ground station on a channel (garbage counted and dropped); returns the replies. */
  receiveOn(channelId: number, bytes: Buffer): Buffer[] {
    const channel = this.channels.get(channelId);
    if (channel === undefined || this.isLinkDown) return [];
    const replies: MavLinkData[] = [];
    for (const frame of channel.decode(bytes)) replies.push(...handleGroundStationFrame(this.control(), channel, frame, this.missionState.elapsedS));
    return replies.map((message) => channel.encode(message, isSigningAt(this.definition, this.missionState.elapsedS)));
  }

  /** step(dtS), then the frames due on the primary channel; advance(0) at start sends the first of each. */
  advance(dtS: number): Buffer[] {
    this.step(dtS);
    return this.framesFor(PRIMARY_CHANNEL);
  }

  /** receiveOn the primary channel. */
  receive(bytes: Buffer): Buffer[] {
    return this.receiveOn(PRIMARY_CHANNEL, bytes);
  }

  private snapshot(): TelemetrySnapshot {
    const [lon, lat] = this.flightPlan.route[0] ?? [this.aircraft.lon, this.aircraft.lat];
    return {
      kind: this.definition.kind, aircraft: this.aircraft, mission: this.missionState, timeBootMs: Math.round(this.missionState.elapsedS * 1000),
      home: [lon, lat, this.definition.homeAltitudeMslM], gpsError: this.gpsError,
    };
  }

  /** The parts of this aircraft a ground station's requests may read and change. */
  private control(): AircraftControl {
    return {
      systemId: this.definition.systemId, kind: this.definition.kind,
      mission: () => this.missionState, state: () => this.aircraft, missionItems: () => this.missionItems, snapshot: () => this.snapshot(),
      apply: (effect) => {
        const before = this.missionState;
        if (effect.mission) this.missionState = effect.mission;
        if (effect.text) this.broadcast(statusTextMessage(effect.text));
        this.announce(before, this.missionState, false);
      },
      loadMission: (items) => this.loadMission(items),
      countHeartbeat: () => void this.heardHeartbeats++,
    };
  }

  /** An uploaded mission replaces the plan (AUTO resumes at its first point); an empty or unflyable one leaves the plan as it was. */
  private loadMission(items: MissionItem[]): void {
    this.missionItems = items;
    const [lon, lat] = this.flightPlan.route[0] ?? [this.aircraft.lon, this.aircraft.lat];
    const plan = planFromMission(items, [lon, lat, this.definition.homeAltitudeMslM], this.definition.kind, this.definition.speedMps);
    if (plan === null) return;
    this.flightPlan = plan;
    this.missionState = { ...this.missionState, waypointIndex: 1 };
  }

  private broadcast(message: MavLinkData): void {
    for (const channel of this.channels.values()) channel.pending.push(message);
  }

  /** STATUSTEXTs for what changed (ArduPilot's wording where it has one), and HOME_POSITION when arming sets home. */
  private announce(before: MissionState, after: MissionState, withTexts: boolean): void {
    if (withTexts) for (const text of progressTexts(before, after)) this.broadcast(statusTextMessage(text));
    if (!before.isArmed && after.isArmed) this.broadcast(homePositionMessage(this.snapshot()));
  }
}
