/**
 * How the Flights view writes numbers and times. Times are UTC, with the zone named, because a
 * review compares flights across corridors and the exports, the report and the seal all use UTC.
 */

const pad = (value: number) => String(value).padStart(2, '0');

/** '2030-06-14 08:05:09 UTC'. */
export const formatUtc = (atMs: number) => `${new Date(atMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** '08:05:09' (UTC), for times within a flight whose date is already shown. */
export const formatClock = (atMs: number) => new Date(atMs).toISOString().slice(11, 19);

/** '1 h 02 min', '4 min 05 s', '12 s'; '—' when unknown. */
export function formatDuration(durationS: number | null): string {
  if (durationS === null || !Number.isFinite(durationS)) return '—';
  const total = Math.round(durationS);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours} h ${pad(minutes)} min`;
  return minutes > 0 ? `${minutes} min ${pad(seconds)} s` : `${seconds} s`;
}

/** '850 m' below a kilometre, '4.27 km' above; '—' when unknown. */
export function formatDistance(distanceM: number | null): string {
  if (distanceM === null || !Number.isFinite(distanceM)) return '—';
  return distanceM < 1000 ? `${Math.round(distanceM)} m` : `${(distanceM / 1000).toFixed(2)} km`;
}

/** A number with `unit` and `digits` decimals, or '—' when unknown: formatNumber(12.345, 'm', 1) → '12.3 m'. */
export const formatNumber = (value: number | null, unit: string, digits = 0) =>
  value === null || !Number.isFinite(value) ? '—' : `${value.toFixed(digits)} ${unit}`;

/** The first 12 hex digits of a hash, as people compare them at a glance (the full one is in the title). */
export const shortHash = (hash: string) => hash.slice(0, 12);
