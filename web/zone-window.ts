/**
 * A zone's time window in the corridor's own time zone (an IANA name): how the list describes it,
 * and the form's `<input type="datetime-local">` values ('YYYY-MM-DDTHH:MM', wall time in that
 * zone — not the browser's) read to and from instants in ms since the epoch.
 */
import { describeDate, zonedClockOf, zonedDateOf, zonedTimeToMs, describeWindow } from './zoned-time.ts';

const LOCAL_INPUT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/;

/** 'Fri 14 Jun 2030 08:00' in `timeZone`. */
const describeInstant = (atMs: number, timeZone: string) => `${describeDate(zonedDateOf(atMs, timeZone))} ${zonedClockOf(atMs, timeZone)}`;

/**
 * The window as people read it: 'always in force', 'from …', 'until …' or '… – …', in `timeZone`'s wall time.
 * @example describeZoneWindow(null, null, 'Africa/Blantyre') // 'always in force'
 */
export function describeZoneWindow(startMs: number | null, endMs: number | null, timeZone: string): string {
  if (startMs === null && endMs === null) return 'always in force';
  if (endMs === null) return `from ${describeInstant(startMs!, timeZone)}`;
  if (startMs === null) return `until ${describeInstant(endMs, timeZone)}`;
  return describeWindow(startMs, endMs, timeZone);
}

/** The datetime-local value of `atMs` in `timeZone`, or '' for an open end (null). */
export function windowInputOf(atMs: number | null, timeZone: string): string {
  return atMs === null ? '' : `${zonedDateOf(atMs, timeZone)}T${zonedClockOf(atMs, timeZone)}`;
}

/**
 * The instant a datetime-local `value` names in `timeZone`, or null for '' (an open end).
 * Throws an Error naming the expected form for anything else.
 * @example windowMsOf('2030-06-14T08:00', 'Africa/Blantyre') // Date.UTC(2030, 5, 14, 6, 0)
 */
export function windowMsOf(value: string, timeZone: string): number | null {
  if (value.trim() === '') return null;
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) throw new Error(`expected a local date and time 'YYYY-MM-DDTHH:MM', got '${value}'`);
  return zonedTimeToMs(match[1]!, match[2]!, timeZone);
}
