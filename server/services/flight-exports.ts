/**
 * A flight as evidence in the formats a regulator's tools open: GeoJSON (RFC 7946: the track as a
 * LineString with [lon, lat, altitude MSL], each violation as a Point), CSV (RFC 4180, one row per
 * sample), KML 2.2 (Google Earth: the track at absolute altitude, violations as placemarks) and a
 * printable HTML violation report. Each carries the flight's seal hash. Pure: data in, text out.
 */
import type { FlightView, TelemetrySampleView, ViolationView } from '../contracts/index.ts';

export interface FlightEvidence {
  flight: FlightView;
  corridorName: string | null;
  samples: TelemetrySampleView[];
  violations: ViolationView[];
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
const xml = (text: string) => text.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char]!);
const csvField = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const describeViolation = (violation: ViolationView) =>
  `${violation.limit} breach of ${violation.zoneName} (v${violation.zoneVersion}) from ${iso(violation.startedAtMs)} to ${iso(violation.endedAtMs) || 'the end of the flight'}: ` +
  `up to ${violation.maxHorizontalExcursionM.toFixed(1)} m across, ${violation.maxVerticalExcursionM.toFixed(1)} m vertically`;

export function toGeoJson({ flight, corridorName, samples, violations }: FlightEvidence): GeoJSON.FeatureCollection {
  const track: GeoJSON.Feature = {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: samples.map((sample) => [sample.lon, sample.lat, sample.altitudeMslM]) },
    properties: {
      kind: 'track', flightId: flight.id, callsign: flight.callsign, systemId: flight.systemId, organisation: flight.organisationName, corridor: corridorName,
      startedAt: iso(flight.startedAtMs), endedAt: iso(flight.endedAtMs), times: samples.map((sample) => iso(sample.recordedAtMs)), sealHash: flight.seal?.hash ?? null,
    },
  };
  const points: GeoJSON.Feature[] = violations.map((violation) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: violation.startPosition },
    properties: { kind: 'violation', id: violation.id, zone: violation.zoneName, zoneVersion: violation.zoneVersion, limit: violation.limit, startedAt: iso(violation.startedAtMs), endedAt: iso(violation.endedAtMs), maxHorizontalExcursionM: violation.maxHorizontalExcursionM, maxVerticalExcursionM: violation.maxVerticalExcursionM, description: describeViolation(violation) },
  }));
  return { type: 'FeatureCollection', features: samples.length > 1 ? [track, ...points] : points };
}

const CSV_COLUMNS = ['recorded_at', 'lon', 'lat', 'altitude_msl_m', 'altitude_relative_m', 'ground_speed_mps', 'climb_rate_mps', 'heading_deg', 'fence_status'] as const;

export function toCsv({ samples }: FlightEvidence): string {
  const rows = samples.map((sample) => [iso(sample.recordedAtMs), sample.lon, sample.lat, sample.altitudeMslM, sample.altitudeRelativeM, sample.groundSpeedMps, sample.climbRateMps, sample.headingDeg, sample.fenceStatus]);
  return [CSV_COLUMNS, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function toKml({ flight, corridorName, samples, violations }: FlightEvidence): string {
  const coordinates = samples.map((sample) => `${sample.lon},${sample.lat},${sample.altitudeMslM}`).join(' ');
  const placemarks = violations.map((violation) => `
    <Placemark><name>${xml(`${violation.limit} breach: ${violation.zoneName}`)}</name><description>${xml(describeViolation(violation))}</description>
      <TimeSpan><begin>${iso(violation.startedAtMs)}</begin>${violation.endedAtMs ? `<end>${iso(violation.endedAtMs)}</end>` : ''}</TimeSpan>
      <Point><coordinates>${violation.startPosition[0]},${violation.startPosition[1]}</coordinates></Point></Placemark>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
  <Document>
    <name>${xml(`${flight.callsign} ${iso(flight.startedAtMs)}`)}</name>
    <description>${xml(`Flight ${flight.id} of ${flight.callsign} (system id ${flight.systemId})${corridorName ? ` in ${corridorName}` : ''}. Seal hash: ${flight.seal?.hash ?? 'not sealed'}`)}</description>
    <Style id="track"><LineStyle><color>ff0080ff</color><width>3</width></LineStyle></Style>
    <Placemark><name>Track</name><styleUrl>#track</styleUrl>
      <LineString><altitudeMode>absolute</altitudeMode><coordinates>${coordinates}</coordinates></LineString></Placemark>${placemarks}
  </Document>
</kml>
`;
}

export function toReportHtml({ flight, corridorName, samples, violations }: FlightEvidence): string {
  const rows = violations.map((violation) => `<tr><td>${xml(violation.zoneName)} (v${violation.zoneVersion})</td><td>${violation.limit}</td><td>${iso(violation.startedAtMs)}</td>
    <td>${iso(violation.endedAtMs) || '—'}</td><td>${violation.maxHorizontalExcursionM.toFixed(1)} m</td><td>${violation.maxVerticalExcursionM.toFixed(1)} m</td>
    <td>${violation.startPosition[1].toFixed(6)}, ${violation.startPosition[0].toFixed(6)}</td><td>${violation.evidence.length}</td></tr>`).join('');
  const facts: Array<[string, string]> = [
    ['Aircraft', `${flight.callsign} (MAVLink system id ${flight.systemId})`], ['Operator / partner', flight.organisationName ?? 'unregistered'],
    ['Corridor', corridorName ?? 'outside every corridor'], ['Flight', `${iso(flight.startedAtMs)} – ${iso(flight.endedAtMs) || 'open'}`],
    ['Booking', flight.bookingId ?? 'none in force'], ['Samples', String(samples.length)],
    ['Distance', flight.distanceM === null ? '—' : `${(flight.distanceM / 1000).toFixed(2)} km`],
    ['Highest', flight.maxAltitudeRelativeM === null ? '—' : `${flight.maxAltitudeRelativeM.toFixed(0)} m above home`],
    ['Seal (SHA-256 chain)', flight.seal ? `${flight.seal.hash} — sealed ${iso(flight.seal.sealedAtMs)}` : 'not sealed yet'],
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Violation report — ${xml(flight.callsign)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px 6px;text-align:left}
th{background:#eee}dt{font-weight:600}dd{margin:0 0 .4em}code{word-break:break-all}@media print{body{margin:0}}</style></head><body>
<h1>Violation report</h1><p>Flight <code>${flight.id}</code>, generated ${iso(Date.now())}.</p>
<dl>${facts.map(([term, value]) => `<dt>${xml(term)}</dt><dd>${xml(value)}</dd>`).join('')}</dl>
<h2>Violations (${violations.length})</h2>
${violations.length === 0 ? '<p>None recorded.</p>' : `<table><thead><tr><th>Zone</th><th>Limit</th><th>Start (UTC)</th><th>End (UTC)</th><th>Max across</th><th>Max vertical</th><th>Where (lat, lon)</th><th>Evidence samples</th></tr></thead><tbody>${rows}</tbody></table>`}
<p>Verify this flight: <code>GET /api/flights/${flight.id}/verify</code>. The raw MAVLink log: <code>GET /api/flights/${flight.id}/export.tlog</code>.</p>
</body></html>
`;
}
