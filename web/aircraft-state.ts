/**
 * How an aircraft reads at a glance: one display state out of its link, fence and booking status
 * (the most urgent wins), its colour, and the words of its label. Pure: the canvas layer, the
 * aircraft list and the side panel all read the same answer.
 */
import type { VehicleView } from '../server/contracts/index.ts';

/**
 * What the marker's colour says, most urgent first: link lost (position may be old), breach
 * (in a zone, or out of every corridor), approaching (near a zone, or predicted to enter one),
 * unbooked (unregistered, or flying outside an approved booking), nominal.
 */
export type AircraftDisplayState = 'lost' | 'breach' | 'approaching' | 'unbooked' | 'nominal';

/** Marker colours by display state (styles.css has the same in --state variables for the lists). */
export const STATE_COLOURS: Readonly<Record<AircraftDisplayState, string>> = {
  lost: '#94a3b8',
  breach: '#ef4444',
  approaching: '#f59e0b',
  unbooked: '#a855f7',
  nominal: '#22c55e',
};

/** How urgently each state asks for attention (lists sort by it; 0 first). */
export const STATE_ORDER: Readonly<Record<AircraftDisplayState, number>> = { breach: 0, lost: 1, approaching: 2, unbooked: 3, nominal: 4 };

/** The display state of `vehicle`. */
export function displayStateOf(vehicle: Pick<VehicleView, 'linkState' | 'fenceStatus' | 'isRegistered' | 'bookingStatus'>): AircraftDisplayState {
  if (vehicle.linkState === 'lost') return 'lost';
  if (vehicle.fenceStatus === 'breach' || vehicle.fenceStatus === 'outside-corridors') return 'breach';
  if (vehicle.fenceStatus === 'approaching' || vehicle.fenceStatus === 'predicted') return 'approaching';
  if (!vehicle.isRegistered || (vehicle.bookingStatus !== null && vehicle.bookingStatus !== 'conforming')) return 'unbooked';
  return 'nominal';
}

/** Whole seconds from `sinceMs` to `nowMs`, never negative (the server's and the browser's clocks may differ slightly). */
export const secondsSince = (sinceMs: number, nowMs: number): number => Math.max(0, Math.round((nowMs - sinceMs) / 1000));

/** Which name a marker's label shows. */
export type LabelMode = 'callsign' | 'partner';

/**
 * The marker's label: the callsign (or the partner's name, falling back to the callsign for an
 * unregistered aircraft) and the height above home; a lost aircraft says how long ago it was heard.
 * @example aircraftLabel(kas1, 'callsign', now) // 'KAS-1 120 m', or 'KAS-1 lost 42 s ago'
 */
export function aircraftLabel(vehicle: VehicleView, mode: LabelMode, nowMs: number): string {
  const name = mode === 'partner' ? vehicle.organisationName ?? `${vehicle.callsign} (unregistered)` : vehicle.callsign;
  if (vehicle.linkState === 'lost') return `${name} lost ${secondsSince(vehicle.lastHeardAtMs, nowMs)} s ago`;
  return vehicle.position ? `${name} ${Math.round(vehicle.position.altitudeRelativeM)} m` : name;
}

/** GPS_RAW_INT fix_type names (MAVLink GPS_FIX_TYPE). */
const GPS_FIX_NAMES = ['no GPS', 'no fix', '2D fix', '3D fix', 'DGPS', 'RTK float', 'RTK fixed', 'static', 'PPP'];

/** 'no GPS', '3D fix', … for a GPS_FIX_TYPE value; unknown values by number. */
export const gpsFixName = (fixType: number): string => GPS_FIX_NAMES[fixType] ?? `fix type ${fixType}`;
