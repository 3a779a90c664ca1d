/**
 * The Leaflet map: corridors and zones as vector layers (no tiles needed), aircraft as
 * rotated arrow markers coloured by state. GeoJSON [lon, lat] is flipped to Leaflet's
 * [lat, lng] only here.
 */
import L from 'leaflet';
import type { CorridorView, VehicleView, ZoneView } from '../server/contracts/index.ts';

const ZONE_STYLES: Record<string, L.PathOptions> = {
  inclusion: { color: '#38bdf8', weight: 2, dashArray: '6 4', fillOpacity: 0.04 },
  prohibited: { color: '#ef4444', weight: 1.5, fillColor: '#ef4444', fillOpacity: 0.3 },
  authorisation: { color: '#f97316', weight: 1.5, fillColor: '#f97316', fillOpacity: 0.22 },
  conditional: { color: '#eab308', weight: 1.5, fillColor: '#eab308', fillOpacity: 0.18 },
};

const ARROW_SVG =
  '<svg class="arrow" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2 L20 21 L12 16 L4 21 Z"/></svg>';

function zoneStyle(zone: ZoneView): L.PathOptions {
  return zone.kind === 'inclusion' ? ZONE_STYLES.inclusion! : ZONE_STYLES[zone.restriction]!;
}

function describeZone(zone: ZoneView): string {
  const band = `${zone.altitudeMinM}–${zone.altitudeMaxM} m ${zone.altitudeReference}`;
  return `<strong>${zone.name}</strong><br>${zone.kind}, ${zone.restriction}<br>${band}${zone.isApproximate ? '<br><em>approximate</em>' : ''}`;
}

export class MapView {
  private readonly map: L.Map;
  private readonly zoneLayers = new Map<string, L.GeoJSON>();
  private readonly markers = new Map<string, L.Marker>();

  constructor(element: HTMLElement) {
    // preferCanvas: vector layers on one canvas stay smooth with many shapes.
    this.map = L.map(element, { preferCanvas: true, worldCopyJump: true, zoomSnap: 0.25 });
  }

  /** Draw every corridor's zones (all corridors stay drawn; the switcher only moves the view). */
  showCorridors(corridors: readonly CorridorView[]): void {
    for (const corridor of corridors) {
      for (const zone of corridor.zones) {
        const layer = L.geoJSON(zone.geometry, { style: zoneStyle(zone) }).bindTooltip(describeZone(zone), { className: 'zone-tooltip', sticky: true });
        layer.addTo(this.map);
        this.zoneLayers.set(zone.id, layer);
      }
    }
  }

  /** Fit the view to one corridor. */
  focusCorridor(corridor: CorridorView): void {
    const bounds = L.geoJSON(corridor.boundary).getBounds();
    this.map.fitBounds(bounds, { padding: [20, 20] });
  }

  /** Add or move a vehicle's marker. */
  upsertVehicle(vehicle: VehicleView): void {
    if (!vehicle.position) return;
    const latLng: L.LatLngExpression = [vehicle.position.lat, vehicle.position.lon];
    let marker = this.markers.get(vehicle.id);
    if (!marker) {
      marker = L.marker(latLng, { icon: L.divIcon({ className: 'aircraft-marker', iconSize: [22, 22], iconAnchor: [11, 11], html: ARROW_SVG + '<span class="label"></span>' }), keyboard: false });
      marker.addTo(this.map);
      this.markers.set(vehicle.id, marker);
    } else {
      marker.setLatLng(latLng);
    }
    const element = marker.getElement();
    if (!element) return;
    element.dataset.vehicleId = vehicle.id;
    element.dataset.corridorId = vehicle.corridorId ?? '';
    element.dataset.status = vehicle.fenceStatus;
    element.dataset.link = vehicle.linkState;
    element.dataset.registered = String(vehicle.isRegistered);
    element.dataset.lat = vehicle.position.lat.toFixed(6);
    element.dataset.lon = vehicle.position.lon.toFixed(6);
    (element.querySelector('.arrow') as SVGElement).style.transform = `rotate(${vehicle.position.headingDeg}deg)`;
    (element.querySelector('.label') as HTMLElement).textContent = `${vehicle.callsign} ${Math.round(vehicle.position.altitudeRelativeM)} m`;
  }

  /** Centre the map on [lon, lat], zooming in to at least street-block scale. */
  centreOn(lon: number, lat: number): void {
    this.map.setView([lat, lon], Math.max(this.map.getZoom(), 13));
  }

  /** Flash a zone (e.g. the one an alert is about). */
  highlightZone(zoneId: string): void {
    const layer = this.zoneLayers.get(zoneId);
    if (!layer) return;
    layer.setStyle({ weight: 4, color: '#ffffff' });
    setTimeout(() => layer.resetStyle(), 4000);
  }
}
