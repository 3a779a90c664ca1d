/**
 * A corridor's booking rules as pure functions of a request, the corridor and the time: when the
 * corridor is open (local opening hours in its time zone, and sunrise to sunset at its centre where
 * daylight_only applies — suncalc), whether a requested window fits, which open times are free,
 * and which way a booking's status may move. Times are ms since the epoch; places are [lon, lat].
 */
import SunCalc from 'suncalc';
import type { BookingRulesView, BookingStatus } from '../contracts/index.ts';

export interface Interval {
  startsAtMs: number;
  endsAtMs: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The offset of `timezone` from UTC at `atMs`, in ms (positive east of Greenwich). */
function offsetMs(timezone: string, atMs: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(atMs).map((part) => [part.type, Number(part.value)]),
  );
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - Math.floor(atMs / 1000) * 1000;
}

/** The local calendar date ('YYYY-MM-DD') of `atMs` in `timezone`. */
export function localDateOf(atMs: number, timezone: string): string {
  return new Date(atMs + offsetMs(timezone, atMs)).toISOString().slice(0, 10);
}

/** The instant of local wall time `hhmm` on local `date` in `timezone`. */
export function localTimeToMs(date: string, hhmm: string, timezone: string): number {
  const wall = Date.parse(`${date}T${hhmm.slice(0, 5)}:00Z`);
  const guess = wall - offsetMs(timezone, wall);
  return wall - offsetMs(timezone, guess); // a second pass settles a DST change between wall and guess
}

/** 'HH:MM' local time of `atMs`. */
export function localClockOf(atMs: number, timezone: string): string {
  return new Date(atMs + offsetMs(timezone, atMs)).toISOString().slice(11, 16);
}

/** Sunrise and sunset at `center` on local `date` (the sun's times for the local noon's day). */
export function daylightOn(date: string, center: [number, number], timezone: string): Interval {
  const times = SunCalc.getTimes(new Date(localTimeToMs(date, '12:00', timezone)), center[1], center[0]);
  return { startsAtMs: times.sunrise.getTime(), endsAtMs: times.sunset.getTime() };
}

/** The corridor's open intervals overlapping [fromMs, toMs), day by local day, clipped to the period. */
export function openWindows(rules: BookingRulesView, center: [number, number], fromMs: number, toMs: number): Interval[] {
  const windows: Interval[] = [];
  for (let dayMs = fromMs - DAY_MS; dayMs < toMs + DAY_MS; dayMs += DAY_MS) {
    const date = localDateOf(dayMs, rules.timezone);
    if (windows.some((window) => localDateOf(window.startsAtMs, rules.timezone) === date)) continue;
    let window = { startsAtMs: localTimeToMs(date, rules.opensAt, rules.timezone), endsAtMs: localTimeToMs(date, rules.closesAt, rules.timezone) };
    if (rules.daylightOnly) {
      const sun = daylightOn(date, center, rules.timezone);
      window = { startsAtMs: Math.max(window.startsAtMs, sun.startsAtMs), endsAtMs: Math.min(window.endsAtMs, sun.endsAtMs) };
    }
    const clipped = { startsAtMs: Math.max(window.startsAtMs, fromMs), endsAtMs: Math.min(window.endsAtMs, toMs) };
    if (clipped.startsAtMs < clipped.endsAtMs) windows.push(clipped);
  }
  // Days that meet (closing at 24:00, opening at 00:00) are one window, so a slot may run over midnight.
  return windows.sort((a, b) => a.startsAtMs - b.startsAtMs).reduce<Interval[]>((merged, window) => {
    const last = merged[merged.length - 1];
    if (last && window.startsAtMs <= last.endsAtMs) last.endsAtMs = Math.max(last.endsAtMs, window.endsAtMs);
    else merged.push({ ...window });
    return merged;
  }, []);
}

/** `open` minus the union of `taken`: the free intervals, in order. */
export function freeWindows(open: readonly Interval[], taken: readonly Interval[]): Interval[] {
  const sorted = [...taken].sort((a, b) => a.startsAtMs - b.startsAtMs);
  return open.flatMap((window) => {
    const free: Interval[] = [];
    let cursor = window.startsAtMs;
    for (const slot of sorted) {
      if (slot.endsAtMs <= cursor || slot.startsAtMs >= window.endsAtMs) continue;
      if (slot.startsAtMs > cursor) free.push({ startsAtMs: cursor, endsAtMs: slot.startsAtMs });
      cursor = Math.max(cursor, slot.endsAtMs);
    }
    if (cursor < window.endsAtMs) free.push({ startsAtMs: cursor, endsAtMs: window.endsAtMs });
    return free;
  });
}

/** What a request asks for, as the rules judge it. */
export interface SlotRequest extends Interval {
  altitudeMinM: number;
  altitudeMaxM: number;
}

/** The corridor facts the rules need. */
export interface CorridorForRules {
  name: string;
  ceilingM: number;
  ceilingReference: string;
  center: [number, number];
}

/** Why `request` breaks the corridor's rules at `nowMs`, or null when it keeps them. */
export function findRuleBreach(request: SlotRequest, corridor: CorridorForRules, rules: BookingRulesView, nowMs: number): string | null {
  const { startsAtMs, endsAtMs } = request;
  const minutes = (endsAtMs - startsAtMs) / MINUTE_MS;
  const zone = rules.timezone;
  if (endsAtMs <= startsAtMs) return "The slot must end after it starts ('endsAt' after 'startsAt')";
  if (startsAtMs < nowMs) return `The slot starts in the past (${new Date(startsAtMs).toISOString()})`;
  if (startsAtMs < nowMs + rules.minLeadMinutes * MINUTE_MS) return `${corridor.name} takes bookings at least ${rules.minLeadMinutes} minutes ahead`;
  if (minutes < rules.minDurationMinutes) return `The slot is too short: ${Math.round(minutes)} minutes, at least ${rules.minDurationMinutes} in ${corridor.name}`;
  if (minutes > rules.maxDurationMinutes) return `The slot is too long: ${Math.round(minutes)} minutes, at most ${rules.maxDurationMinutes} in ${corridor.name}`;
  if (request.altitudeMinM < 0 || request.altitudeMinM >= request.altitudeMaxM) return 'The altitude band must run from 0 m or more up to a higher top';
  if (request.altitudeMaxM > corridor.ceilingM) {
    return `The altitude band reaches ${request.altitudeMaxM} m, above ${corridor.name}'s ceiling of ${corridor.ceilingM} m ${corridor.ceilingReference}`;
  }
  const open = openWindows(rules, corridor.center, startsAtMs - DAY_MS, endsAtMs + DAY_MS);
  if (!open.some((window) => window.startsAtMs <= startsAtMs && endsAtMs <= window.endsAtMs)) {
    const date = localDateOf(startsAtMs, zone);
    const window = `${localClockOf(startsAtMs, zone)}–${localClockOf(endsAtMs, zone)}`;
    const hours = `${rules.opensAt}–${rules.closesAt}`;
    if (!rules.daylightOnly) return `${window} on ${date} (${zone}) is outside ${corridor.name}'s operating hours, ${hours}`;
    const sun = daylightOn(date, corridor.center, zone);
    return `${window} on ${date} (${zone}) is outside ${corridor.name}'s hours: ${hours} and daylight only (sunrise ${localClockOf(sun.startsAtMs, zone)}, sunset ${localClockOf(sun.endsAtMs, zone)})`;
  }
  return null;
}

/** What may be done to a booking. */
export type BookingAction = 'approve' | 'reject' | 'cancel' | 'change' | 'begin' | 'complete';

const TRANSITIONS: Record<BookingAction, Partial<Record<BookingStatus, BookingStatus>>> = {
  approve: { requested: 'approved' },
  reject: { requested: 'rejected' },
  cancel: { requested: 'cancelled', approved: 'cancelled', active: 'cancelled' },
  change: { requested: 'requested', approved: 'requested' },
  begin: { approved: 'active' },
  complete: { approved: 'completed', active: 'completed' },
};

/** The status after `action`, or null when the booking's status does not allow it. */
export function nextStatus(current: BookingStatus, action: BookingAction): BookingStatus | null {
  return TRANSITIONS[action][current] ?? null;
}
