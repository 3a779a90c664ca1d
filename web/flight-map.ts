/**
 * The Flights view's Leaflet map: a corridor's boundary and its zones as they were in force when
 * the flight started, the recorded tracks over them, where each violation began, and the replay's
 * aircraft. Vector layers only (no tiles: they cannot load here, and the shapes are the evidence),
 * on SVG so every track run, violation and aircraft is an element with classes the tests and
 * styles.css can find. GeoJSON [lon, lat] becomes Leaflet's [lat, lng] only here.
 */
import L from 'leaflet';
import type { CorridorView, TelemetrySampleView, ViolationView, ZoneVersionView } from '../server/contracts/index.ts';
import { sampleStyle, trackRuns, type TrackColouring } from './flight-track-style.ts';
import { formatClock } from './review-format.ts';
import type { ReplayPosition } from './replay-position.ts';
import { BOUNDARY_STYLE, zonePathStyle } from './zone-style.ts';

/** A flight as the map draws it: its samples (oldest first), name and identity colour. */
export interface MapFlight {
  id: string;
  callsign: string;
  colour: string;
  samples: readonly TelemetrySampleView[];
}

const toLatLng = ([lon, lat]: readonly [number, number]): L.LatLngTuple => [lat, lon];

export class FlightMap {
  readonly map: L.Map;
  private readonly zoneLayer = L.layerGroup();
  private readonly trackLayer = L.layerGroup();
  private readonly violationLayer = L.layerGroup();
  private readonly markerLayer = L.layerGroup();
  private readonly markers = new Map<string, L.CircleMarker>();
  private bounds: L.LatLngBounds | null = null;

  constructor(element: HTMLElement) {
    this.map = L.map(element, { zoomSnap: 0.25, attributionControl: false, renderer: L.svg({ padding: 0.5 }) });
    for (const layer of [this.zoneLayer, this.trackLayer, this.violationLayer, this.markerLayer]) layer.addTo(this.map);
    this.map.setView([0, 0], 2);
  }

  /** Draw `corridor`'s boundary and `zones` (the versions in force at the flight's time), replacing any before. */
  showZones(corridor: CorridorView | null, zones: readonly ZoneVersionView[]): void {
    this.zoneLayer.clearLayers();
    if (corridor) L.geoJSON(corridor.boundary, { style: BOUNDARY_STYLE, interactive: false }).addTo(this.zoneLayer);
    for (const zone of [...zones].sort((a, b) => Number(a.kind === 'exclusion') - Number(b.kind === 'exclusion'))) {
      const layer = L.geoJSON(zone.geometry, { style: zonePathStyle(zone) });
      layer.bindTooltip(`${zone.name} v${zone.version} — ${zone.restriction} ${zone.kind}, ${zone.altitudeMinM}–${zone.altitudeMaxM} m ${zone.altitudeReference}`, { sticky: true, className: 'zone-tooltip' });
      layer.addTo(this.zoneLayer);
      layer.eachLayer((path) => (path as L.Path).getElement()?.setAttribute('data-zone-id', zone.id));
    }
  }

  /** Draw one flight's track coloured by altitude (bands up to `ceilingM` above home) or conformance. */
  showTrack(samples: readonly TelemetrySampleView[], colouring: TrackColouring, ceilingM: number): void {
    this.trackLayer.clearLayers();
    const { keyOf, colourOf } = sampleStyle(colouring, ceilingM);
    for (const run of trackRuns(samples, keyOf)) {
      L.polyline(run.points.map(toLatLng), { className: `flight-track is-${colouring} key-${run.key}`, color: colourOf(run.key), weight: 4, opacity: 0.95, interactive: false })
        .addTo(this.trackLayer);
    }
    this.bounds = samples.length > 0 ? L.latLngBounds(samples.map((sample) => toLatLng([sample.lon, sample.lat]))) : null;
  }

  /** Draw several flights' tracks, each in its own colour (replay together). */
  showTracks(flights: readonly MapFlight[]): void {
    this.trackLayer.clearLayers();
    const points: L.LatLngTuple[] = [];
    for (const flight of flights) {
      const line = flight.samples.map((sample) => toLatLng([sample.lon, sample.lat]));
      points.push(...line);
      L.polyline(line, { className: 'flight-track is-flight', color: flight.colour, weight: 3, opacity: 0.75, interactive: false }).addTo(this.trackLayer);
    }
    this.bounds = points.length > 0 ? L.latLngBounds(points) : null;
  }

  /** Mark where each violation began; clicking one calls `onClick` with it. */
  showViolations(violations: readonly ViolationView[], onClick: (violation: ViolationView) => void): void {
    this.violationLayer.clearLayers();
    for (const violation of violations) {
      const marker = L.circleMarker(toLatLng(violation.startPosition), {
        className: `violation-marker is-${violation.limit}`, radius: 8, color: '#fff', weight: 2, fillColor: '#ef4444', fillOpacity: 0.9,
      });
      marker.bindTooltip(`${violation.zoneName}: ${violation.limit} limit at ${formatClock(violation.startedAtMs)} UTC`);
      marker.on('click', () => onClick(violation));
      marker.addTo(this.violationLayer);
      marker.getElement()?.setAttribute('data-violation-id', violation.id);
    }
  }

  /** Put each flight's replay aircraft at its position; one not yet flying (null) is hidden. */
  moveAircraft(flights: ReadonlyArray<{ id: string; callsign: string; colour: string; position: ReplayPosition | null }>): void {
    for (const flight of flights) {
      let marker = this.markers.get(flight.id);
      if (!flight.position) {
        if (marker) this.markerLayer.removeLayer(marker);
        continue;
      }
      const at = toLatLng([flight.position.lon, flight.position.lat]);
      if (!marker) {
        marker = L.circleMarker(at, { className: 'replay-aircraft', radius: 7, color: '#0f172a', weight: 2, fillColor: flight.colour, fillOpacity: 1, interactive: false });
        marker.bindTooltip(flight.callsign, { permanent: true, direction: 'right', className: 'replay-label', offset: [8, 0] });
        this.markers.set(flight.id, marker);
      }
      marker.setLatLng(at);
      marker.setStyle({ fillColor: flight.colour });
      if (!this.markerLayer.hasLayer(marker)) marker.addTo(this.markerLayer);
      const element = marker.getElement();
      element?.setAttribute('data-flight-id', flight.id);
      element?.setAttribute('data-fence-status', flight.position.fenceStatus);
      element?.setAttribute('data-lon', flight.position.lon.toFixed(6));
      element?.setAttribute('data-lat', flight.position.lat.toFixed(6));
    }
  }

  /** Bring [lon, lat] into view: panned to when outside it, the zoom kept (so other flights stay in sight). */
  focus(point: readonly [number, number]): void {
    const at = toLatLng(point);
    if (!this.map.getBounds().pad(-0.1).contains(at)) this.map.panTo(at);
  }

  /** Fit the view to the tracks drawn. */
  fit(): void {
    if (this.bounds) this.map.fitBounds(this.bounds, { padding: [30, 30] });
  }

  /** The element became visible or changed size. */
  resized(): void {
    this.map.invalidateSize();
    this.fit();
  }

  remove(): void {
    this.map.remove();
  }
}
