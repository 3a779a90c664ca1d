/**
 * Wall-clock time in a corridor's own time zone (an IANA name such as 'Africa/Blantyre'), which is
 * what partners book in and operators decide in — not the browser's zone. Built on Intl only, so
 * the page needs no time-zone data of its own. Instants are ms since the epoch; dates 'YYYY-MM-DD';
 * clock times 'HH:MM'.
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** How far `timeZone` is ahead of UTC at `atMs`, in ms; throws RangeError for an unknown zone. */
export function zoneOffsetMs(timeZone: string, atMs: number): number {
  const parts = Object.fromEntries(partsFormatter(timeZone).formatToParts(atMs).map((part) => [part.type, Number(part.value)]));
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - Math.floor(atMs / 1000) * 1000;
}

/**
 * The instant of wall time `clock` on `date` in `timeZone`.
 * @example zonedTimeToMs('2030-06-14', '08:00', 'Africa/Blantyre') // Date.UTC(2030, 5, 14, 6, 0)
 */
export function zonedTimeToMs(date: string, clock: string, timeZone: string): number {
  const wallMs = Date.parse(`${date}T${clock.slice(0, 5)}:00Z`);
  if (Number.isNaN(wallMs)) throw new Error(`zonedTimeToMs: expected a 'YYYY-MM-DD' date and an 'HH:MM' time, got '${date}' '${clock}'`);
  const guessMs = wallMs - zoneOffsetMs(timeZone, wallMs);
  return wallMs - zoneOffsetMs(timeZone, guessMs); // a second pass settles a DST change between the two
}

/** The local date ('YYYY-MM-DD') of `atMs` in `timeZone`. */
export function zonedDateOf(atMs: number, timeZone: string): string {
  return new Date(atMs + zoneOffsetMs(timeZone, atMs)).toISOString().slice(0, 10);
}

/** The local clock time ('HH:MM') of `atMs` in `timeZone`. */
export function zonedClockOf(atMs: number, timeZone: string): string {
  return new Date(atMs + zoneOffsetMs(timeZone, atMs)).toISOString().slice(11, 16);
}

/** The local day `date` in `timeZone` as [midnight, next midnight) — 23 or 25 hours across a DST change. */
export function zonedDayMs(date: string, timeZone: string): { startsAtMs: number; endsAtMs: number } {
  return { startsAtMs: zonedTimeToMs(date, '00:00', timeZone), endsAtMs: zonedTimeToMs(addDays(date, 1), '00:00', timeZone) };
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The zone's offset as people write it, e.g. 'UTC+02:00', 'UTC+11:00', 'UTC'. */
export function offsetLabel(timeZone: string, atMs: number): string {
  const minutes = Math.round(zoneOffsetMs(timeZone, atMs) / 60_000);
  if (minutes === 0) return 'UTC';
  const magnitude = Math.abs(minutes);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `UTC${minutes < 0 ? '−' : '+'}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'Fri 14 Jun 2030' for a local date. Spelt out here: ICU versions punctuate toLocaleDateString differently. */
export function describeDate(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  return `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

/**
 * A window in local time: 'Fri 14 Jun 2030 08:00–10:00', or with both dates when it spans midnight.
 * @example describeWindow(start, end, 'Pacific/Efate') // 'Sat 15 Jun 2030 07:30–09:00'
 */
export function describeWindow(startsAtMs: number, endsAtMs: number, timeZone: string): string {
  const startDate = zonedDateOf(startsAtMs, timeZone);
  const endDate = zonedDateOf(endsAtMs, timeZone);
  const start = `${describeDate(startDate)} ${zonedClockOf(startsAtMs, timeZone)}`;
  // A window ending at midnight belongs to the day it started on: say 24:00, not the next date.
  if (endDate === startDate) return `${start}–${zonedClockOf(endsAtMs, timeZone)}`;
  if (endDate === addDays(startDate, 1) && zonedClockOf(endsAtMs, timeZone) === '00:00') return `${start}–24:00`;
  return `${start} – ${describeDate(endDate)} ${zonedClockOf(endsAtMs, timeZone)}`;
}
