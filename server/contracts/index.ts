/**
 * The public contract between the server and its clients (web/, scripts, tests):
 * JSON shapes of the HTTP API and the typed Socket.IO event maps.
 * Types only — web/ imports this file with `import type`.
 * Coordinates are GeoJSON [lon, lat] (RFC 7946); units are in the field names.
 * (Deliberately one file over 200 lines: it is the whole contract, read as one, and web/ imports it as one.)
 */

import type { AltitudeReference, RestrictionClass, ZoneKind } from '../../geofences/index.ts';

/** Error body of every non-2xx API answer. */
export interface ApiError {
  error: { code: string; message: string; details?: unknown };
}

/** A page of a list resource; pass `nextCursor` back as `cursor` for the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type { AltitudeReference, RestrictionClass, ZoneKind };

/** A zone as the API shows it: a GeoJSON Feature whose properties describe the rule. */
export interface ZoneView {
  id: string;
  corridorId: string;
  name: string;
  kind: ZoneKind;
  restriction: RestrictionClass;
  /** Polygon for every zone; circles are also described by centre and radius. */
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  circle: { center: [number, number]; radiusM: number } | null;
  altitudeMinM: number;
  altitudeMaxM: number;
  altitudeReference: AltitudeReference;
  marginM: number;
  /** When the zone applies (ms since the epoch); null ends are open. Outside it the zone is not in force. */
  windowStartMs: number | null;
  windowEndMs: number | null;
  version: number;
  isApproximate: boolean;
  note: string | null;
}

/**
 * One version of a zone with its place in the zone's history. Changing a zone adds a version
 * (same lineage, version + 1) and closes the one before; retiring closes the current one.
 */
export interface ZoneVersionView extends ZoneView {
  /** Shared by every version of one zone: the id of its first version. */
  lineageId: string;
  /** When this version came into force (ms since the epoch). */
  validFromMs: number;
  /** When a later version replaced it or it was retired (exclusive); null while it is current. */
  validToMs: number | null;
}

export interface CorridorView {
  id: string;
  slug: string;
  name: string;
  country: string;
  ceilingM: number;
  ceilingReference: AltitudeReference;
  /** The corridor's own inclusion area. */
  boundary: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  center: [number, number];
  isApproximate: boolean;
  note: string | null;
  zones: ZoneView[];
}

export type LinkState = 'connected' | 'lost';
export type FenceStatus = 'nominal' | 'approaching' | 'predicted' | 'breach' | 'outside-corridors';

/** Where an aircraft is and how it moves; altitudeRelativeM is height above its home point (AGL without terrain data). */
export interface PositionView {
  lon: number;
  lat: number;
  altitudeMslM: number;
  altitudeRelativeM: number;
  groundSpeedMps: number;
  climbRateMps: number;
  headingDeg: number;
}

/** Live state of one vehicle, keyed by (link, sysid, compid). */
export interface VehicleView {
  id: string;
  linkId: string;
  systemId: number;
  componentId: number;
  aircraftId: string | null;
  isRegistered: boolean;
  callsign: string;
  /** The partner whose registered aircraft this is; null when unregistered. */
  organisationId: string | null;
  organisationName: string | null;
  corridorId: string | null;
  position: PositionView | null;
  flightMode: string | null;
  isArmed: boolean;
  linkState: LinkState;
  fenceStatus: FenceStatus;
  /** Conformance to the aircraft's approved bookings while in flight; null when not judged (not flying or unregistered). */
  bookingStatus: 'conforming' | 'outside-volume' | 'outside-window' | 'unbooked' | null;
  lastHeardAtMs: number;
  lastPositionAtMs: number | null;
  /** Packets received / (received + lost from sequence gaps), 0–100; null before enough packets. */
  linkQualityPct: number | null;
  link: { packets: number; lostPackets: number; bytes: number; rejectedPackets: number } | null;
  battery: { remainingPct: number | null; voltageV: number | null } | null;
  gps: { fixType: number; satellites: number } | null;
  attitude: { rollDeg: number; pitchDeg: number; yawDeg: number } | null;
  home: { lon: number; lat: number; altitudeMslM: number } | null;
  airSpeedMps: number | null;
  /** The autopilot's latest STATUSTEXT messages, newest last. */
  statusTexts: Array<{ text: string; severity: number; atMs: number }>;
}

/** Where a vehicle has been lately: [lon, lat, altitudeMslM, atMs] points, oldest first, about one a second. */
export interface TrailView {
  vehicleId: string;
  points: Array<[number, number, number, number]>;
}

/** The map's optional background: tiles from `tileUrl` ({z}/{x}/{y}); null = vector layers only. */
export interface MapConfigView {
  tileUrl: string | null;
  tileAttribution: string | null;
}

/** Commands an operator may send to an aircraft. */
export type OperatorCommandName = 'rtl' | 'land' | 'loiter' | 'brake';

/** What the aircraft answered (its COMMAND_ACK). */
export interface CommandResultView {
  vehicleId: string;
  command: OperatorCommandName;
  /** MAV_RESULT name: ACCEPTED, TEMPORARILY_REJECTED, DENIED, UNSUPPORTED, FAILED, IN_PROGRESS, … */
  result: string;
  resultCode: number;
  sentAtMs: number;
  ackAtMs: number;
}

/** One MAVLink link and what came over it. */
export interface LinkView {
  id: string;
  kind: 'udpin' | 'tcp' | 'tcpin';
  statistics: { packets: number; bytes: number; badCrc: number; unknownMessages: number; lostPackets: number; lastPacketAtMs: number | null };
  remotes: Array<{ remote: string; packets: number; bytes: number; badCrc: number; unknownMessages: number; lostPackets: number; lastPacketAtMs: number | null }>;
  droppedSends: number;
}

export type AlertSeverity = 'info' | 'warning' | 'critical';
export type AlertKind =
  | 'zone-breach'
  | 'predicted-breach'
  | 'unbooked-flight'
  | 'booking-nonconformance'
  | 'corridor-exit'
  | 'ceiling'
  | 'outside-corridors'
  | 'link-lost'
  | 'stale-position'
  | 'duplicate-system-id'
  | 'signature-rejected'
  | 'unregistered-aircraft';

export interface AlertView {
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  message: string;
  vehicleId: string;
  systemId: number;
  corridorId: string | null;
  /** The partner whose aircraft it concerns; null for unregistered aircraft. */
  organisationId: string | null;
  zoneId: string | null;
  raisedAtMs: number;
  acknowledgedAtMs: number | null;
  /** Who acknowledged it (their email), and what they said. */
  acknowledgedBy: string | null;
  acknowledgementComment: string | null;
}

/** A flight: from arming (or first airborne position) to disarming or silence. */
export interface FlightView {
  id: string;
  vehicleId: string;
  systemId: number;
  aircraftId: string | null;
  callsign: string;
  organisationId: string | null;
  corridorId: string | null;
  startedAtMs: number;
  endedAtMs: number | null;
  endReason: string | null;
  source: 'live' | 'import';
  sourceName: string | null;
  samples: number;
  violations: number;
  organisationName: string | null;
  /** The approved booking in force for this aircraft (or its organisation) in this corridor when it took off. */
  bookingId: string | null;
  /** From the seal, once the flight is closed and sealed; null before. */
  durationS: number | null;
  distanceM: number | null;
  maxAltitudeRelativeM: number | null;
  maxGroundSpeedMps: number | null;
  /** Tamper evidence: the seal's hash (exports carry it as X-Flight-Hash). */
  seal: { hash: string; sealedAtMs: number } | null;
}

/** A violation with the samples that prove it. */
export interface ViolationView {
  id: string;
  flightId: string | null;
  zoneId: string;
  zoneName: string;
  zoneVersion: number;
  limit: 'horizontal' | 'ceiling' | 'floor';
  startedAtMs: number;
  endedAtMs: number | null;
  startPosition: [number, number];
  maxHorizontalExcursionM: number;
  maxVerticalExcursionM: number;
  evidence: EvidenceSampleView[];
}

/** One position kept as evidence of a violation; altitudes in metres. */
export interface EvidenceSampleView {
  timeMs: number;
  lon: number;
  lat: number;
  altitudeMslM: number;
  altitudeAglM: number;
}

/** One row of flight statistics (a corridor, a partner or a month). */
export interface FlightStatisticsRow {
  key: string;
  label: string;
  flights: number;
  flightHours: number;
  distanceKm: number;
  violations: { horizontal: number; ceiling: number; floor: number; total: number };
}

export interface FlightStatisticsView {
  byCorridor: FlightStatisticsRow[];
  byPartner: FlightStatisticsRow[];
  byMonth: FlightStatisticsRow[];
}

/** What verifying a flight or a corridor's chain of flights found. */
export interface VerificationView {
  ok: boolean;
  flightId?: string;
  corridorId?: string;
  hash?: string | null;
  headHash?: string | null;
  flightsChecked?: number;
  problems: Array<{ flightId: string; problem: string }>;
  /** What could not be checked and why, without being a problem (e.g. telemetry removed by the retention setting). */
  notes: Array<{ flightId: string; note: string }>;
}

/** One stored position of a flight. */
export interface TelemetrySampleView extends PositionView {
  recordedAtMs: number;
  fenceStatus: FenceStatus;
}

/** What importing a .tlog did. */
export interface TlogImportView {
  name: string;
  flightIds: string[];
  messages: number;
  positions: number;
  firstAtMs: number | null;
  lastAtMs: number | null;
  statistics: { packets: number; bytes: number; badCrc: number; unknownMessages: number; lostPackets: number };
}

/** A flight that was inside a zone (or a proposed zone) during a period. */
export interface ZoneHitView {
  flightId: string;
  systemId: number;
  callsign: string;
  corridorId: string | null;
  samplesInside: number;
  firstInsideAtMs: number;
  lastInsideAtMs: number;
  /** Highest altitude inside, in the zone's reference (AGL or MSL). */
  maxAltitudeM: number;
}

export interface HealthView {
  /** 'degraded' while an alarm stands (the server is up and the live map works; storage is behind). */
  status: 'ok' | 'degraded';
  database: 'embedded' | 'postgres';
  uptimeS: number;
  /** Plain sentences, e.g. "database unreachable since 2026-…Z", "spool:full — 1234 positions dropped". */
  alarms: string[];
  /** The write queue: what waits in memory and in the disk spool, and what was dropped. */
  writes: {
    databaseReachable: boolean;
    unreachableSinceMs: number | null;
    spool: 'empty' | 'holding' | 'full';
    queued: number;
    memoryRows: number;
    spooledRows: number;
    spoolBytes: number;
    droppedTelemetryRows: number;
    /** Writes the database refused (a data or integrity error) and that were set aside, and the last of them. */
    refusedWrites: number;
    lastRefusal: string | null;
  };
}

/**
 * One storage alarm of the server process a client is connected to (each process has its own write
 * queue): the database unreachable for longer than DATABASE_ALARM_MS, the telemetry spool full
 * (positions being dropped), positions dropped earlier while it was full, or writes the database
 * refused (set aside so the rest are stored; the server log names each).
 */
export interface PlatformAlarmView {
  kind: 'database-unreachable' | 'spool-full' | 'positions-dropped' | 'writes-refused';
  /** When it began, ms since the epoch: the first failed write; for the spool alarms, when this server first saw them. */
  sinceMs: number;
  /** Writes held for the database (flights, alerts, violations and positions; in memory and in the disk spool). */
  heldWrites: number;
  /** Positions dropped since this server started because memory and the spool were both full. */
  droppedPositions: number;
  /** Writes the database refused since this server started (a data or integrity error), each set aside and logged. */
  refusedWrites: number;
  /** The sentence /healthz prints for it, as it read when sent. */
  message: string;
}

/** `platform:alarms`: the process's storage alarms, all of them (an empty list: none, or no longer). */
export interface PlatformAlarmsEvent {
  /** The server's time when the list was made (ms since the epoch), so a page can count elapsed time on the server's clock. */
  atMs: number;
  alarms: PlatformAlarmView[];
}

/** Telemetry pushed to clients: one position of one vehicle. */
export type VehicleTelemetryEvent = VehicleView;

export interface ViolationEvent {
  id: string;
  vehicleId: string;
  zoneId: string;
  corridorId: string;
  organisationId: string | null;
  startedAtMs: number;
  endedAtMs: number | null;
  maxHorizontalExcursionM: number;
  maxVerticalExcursionM: number;
}

/** Events the server emits to clients (`noun:verb`). */
export interface ServerToClientEvents {
  'vehicle:telemetry': (vehicle: VehicleTelemetryEvent) => void;
  'vehicle:link': (vehicle: VehicleView) => void;
  'alert:raised': (alert: AlertView) => void;
  'violation:started': (violation: ViolationEvent) => void;
  'violation:ended': (violation: ViolationEvent) => void;
  /** An operator acknowledged an alert (with who, when and the comment). */
  'alert:acknowledged': (alert: AlertView) => void;
  /** A booking was requested, decided, changed, cancelled, became active or completed. */
  'booking:changed': (booking: BookingView) => void;
  /** The storage alarms of the process this socket is connected to: on connecting, and whenever they change (to staff only). */
  'platform:alarms': (event: PlatformAlarmsEvent) => void;
}

/** Events clients may emit; none yet (every one added needs a rule in server/realtime/live-socket.ts). */
export interface ClientToServerEvents {
  /* later issues add acknowledgements and commands */
}

/** What a person or machine may do: one role, for one corridor (operator, regulator) or organisation (partner). */
export type Role = 'admin' | 'operator' | 'partner' | 'regulator';
export type GrantView =
  | { role: 'admin' }
  | { role: 'operator' | 'regulator'; corridorId: string }
  | { role: 'partner'; organisationId: string };

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  organisationId: string | null;
  grants: GrantView[];
  disabled: boolean;
  createdAtMs: number;
}

/** Who is signed in (GET /api/auth/session and the login answer). Send `csrfToken` as X-CSRF-Token on changes. */
export interface SessionView {
  /** The person; null when signed in with an API token. */
  user: UserView | null;
  /** The API token's description; null for a session. */
  token: { id: string; name: string } | null;
  grants: GrantView[];
  /** Null for API tokens (they are not sent by browsers, so need no CSRF token). */
  csrfToken: string | null;
  expiresAtMs: number | null;
}

/** One of a person's signed-in sessions. */
export interface SessionSummaryView {
  id: string;
  createdAtMs: number;
  lastSeenAtMs: number;
  expiresAtMs: number;
  userAgent: string | null;
  ip: string | null;
  isCurrent: boolean;
}

/** An API token; `secret` only in the answer that created it. */
export interface ApiTokenView {
  id: string;
  name: string;
  /** The token's first characters, to recognise it. */
  prefix: string;
  userId: string;
  grant: GrantView;
  createdAtMs: number;
  expiresAtMs: number | null;
  lastUsedAtMs: number | null;
  revokedAtMs: number | null;
  secret?: string;
}

export interface OrganisationView {
  id: string;
  name: string;
  kind: 'partner' | 'operator' | 'regulator' | 'platform';
  createdAtMs: number;
}

/** One recorded change: who, what, when, before and after. */
export interface AuditEntryView {
  id: string;
  occurredAtMs: number;
  actor: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  corridorIds: string[];
  organisationIds: string[];
  before: unknown;
  after: unknown;
}

/** Where a booking is in its life: requested → approved | rejected → active → completed, or cancelled. */
export type BookingStatus = 'requested' | 'approved' | 'rejected' | 'active' | 'completed' | 'cancelled';

/** A test slot: a time window, an area (the whole corridor or a polygon inside it) and an altitude band. */
export interface BookingView {
  id: string;
  corridorId: string;
  organisationId: string;
  organisationName: string;
  /** Null: any of the organisation's aircraft may fly it. */
  aircraftId: string | null;
  aircraftCallsign: string | null;
  status: BookingStatus;
  startsAtMs: number;
  endsAtMs: number;
  area: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  isWholeCorridor: boolean;
  altitudeMinM: number;
  altitudeMaxM: number;
  altitudeReference: AltitudeReference;
  purpose: string | null;
  pilotInCommand: string | null;
  requestedAtMs: number;
  decidedAtMs: number | null;
  decisionReason: string | null;
}

/** A corridor's booking rules, set by its operators. Hours are local to the corridor's time zone. */
export interface BookingRulesView {
  corridorId: string;
  timezone: string;
  /** 'HH:MM', local time. */
  opensAt: string;
  closesAt: string;
  /** Also only between sunrise and sunset at the corridor's centre. */
  daylightOnly: boolean;
  minLeadMinutes: number;
  minDurationMinutes: number;
  maxDurationMinutes: number;
  /** A whole-corridor booking excludes every other booking at the same time, whatever its band. */
  wholeCorridorExclusive: boolean;
}

/** Airspace already taken (approved/active) or asked for (requested) in a corridor; others' bookings without who. */
export interface TakenSlotView {
  startsAtMs: number;
  endsAtMs: number;
  status: 'requested' | 'approved' | 'active';
  area: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  isWholeCorridor: boolean;
  altitudeMinM: number;
  altitudeMaxM: number;
  /** The caller's own organisation's booking (then bookingId is set). */
  isMine: boolean;
  bookingId: string | null;
}

/** A corridor's availability in a period: when it is open, what is taken, and the open times nothing is booked. */
export interface AvailabilityView {
  corridorId: string;
  fromMs: number;
  toMs: number;
  rules: BookingRulesView;
  /** Open (operating hours, and daylight where the rule applies) intervals in the period. */
  openWindows: Array<{ startsAtMs: number; endsAtMs: number }>;
  taken: TakenSlotView[];
  /** Open intervals with no approved or active booking at all. */
  freeWindows: Array<{ startsAtMs: number; endsAtMs: number }>;
}

/** A registered aircraft. */
export interface AircraftView {
  id: string;
  organisationId: string;
  organisationName: string;
  systemId: number;
  callsign: string;
  model: string;
  serialNumber: string;
  weightClass: 'under-250g' | '250g-2kg' | '2-25kg' | '25-150kg' | 'over-150kg';
  /** Whether it must sign its MAVLink 2 packets (the key itself is never shown). */
  isSigned: boolean;
  retired: boolean;
  createdAtMs: number;
}

/** An organisation's webhook: decisions on its bookings and alerts on its aircraft are POSTed to `url`. */
export interface WebhookView {
  organisationId: string;
  url: string;
  createdAtMs: number;
  /** Only in the answer that set it: the HMAC-SHA256 key of X-Corridor-Signature. */
  secret?: string;
}

export interface WebhookDeliveryView {
  id: string;
  event: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAtMs: number;
  deliveredAtMs: number | null;
}
