/**
 * A flight's downloads: its track as GeoJSON, CSV and KML (which opens in Google Earth), the
 * original .tlog (QGroundControl, Mission Planner, UAVLogViewer), and the printable violation
 * report. Plain links, so the browser downloads with the session cookie; each answer carries the
 * flight's hash in X-Flight-Hash, which the report and the seal show too.
 */
import { createElement } from './create-element.ts';
import { EXPORT_FORMATS, exportUrl, reportUrl, type ExportFormat } from './review-api.ts';

const LABELS: Record<ExportFormat, string> = { geojson: 'GeoJSON', csv: 'CSV', kml: 'KML (Google Earth)', tlog: '.tlog (original log)' };

/** Fill `host` with the download links of flight `flightId`. */
export function showFlightExports(host: HTMLElement, flightId: string): void {
  const links = EXPORT_FORMATS.map((format) => createElement('li', {}, [
    createElement('a', { text: LABELS[format], attrs: { href: exportUrl(flightId, format), download: `flight-${flightId}.${format}`, 'data-export': format } }),
  ]));
  links.push(createElement('li', {}, [
    createElement('a', { text: 'Violation report (printable)', attrs: { href: reportUrl(flightId), target: '_blank', rel: 'noopener', 'data-export': 'report' } }),
  ]));
  host.replaceChildren(createElement('ul', { className: 'export-links' }, links));
}
