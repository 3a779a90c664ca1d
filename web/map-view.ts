/**
 * The Leaflet map of the live view: one corridor at a time — its boundary, its zones styled by
 * restriction class (a zone outside its time window faded), and a corner label with its name and
 * ceiling — over an optional tile background. Everything is a vector layer on Leaflet's canvas
 * renderer, so the map works fully without tiles. GeoJSON [lon, lat] is flipped to Leaflet's
 * [lat, lng] only here. The #map element carries data-centre-lon/-lat, data-zoom and
 * data-highlighted-zone-id, so tests can tell where the map looks without reading pixels.
 */
import L from 'leaflet';
import type { CorridorView, MapConfigView, ZoneView } from '../server/contracts/index.ts';

const ZONE_STYLES: Record<string, L.PathOptions> = {
  inclusion: { color: '#38bdf8', weight: 2, dashArray: '6 4', fillOpacity: 0.04 },
  prohibited: { color: '#ef4444', weight: 1.5, fillColor: '#ef4444', fillOpacity: 0.3 },
  authorisation: { color: '#f97316', weight: 1.5, fillColor: '#f97316', fillOpacity: 0.22 },
  conditional: { color: '#eab308', weight: 1.5, fillColor: '#eab308', fillOpacity: 0.18 },
};
const BOUNDARY_STYLE: L.PathOptions = { color: '#cbd5e1', weight: 2, dashArray: '2 6', fillOpacity: 0.02, interactive: false };
const HIGHLIGHT_STYLE: L.PathOptions = { color: '#fde047', weight: 4, opacity: 1 };
/** Zoom at which one aircraft and the zone around it are both readable. */
const CLOSE_ZOOM = 13;

const isInForce = (zone: ZoneView, nowMs: number) => (zone.windowStartMs ?? -Infinity) <= nowMs && nowMs < (zone.windowEndMs ?? Infinity);

function zoneStyle(zone: ZoneView, nowMs: number): L.PathOptions {
  const style = zone.kind === 'inclusion' ? ZONE_STYLES.inclusion! : ZONE_STYLES[zone.restriction]!;
  return isInForce(zone, nowMs) ? style : { ...style, dashArray: '2 4', opacity: 0.5, fillOpacity: 0.05 };
}

/** The zone's tooltip, built as text (zone names are operators' words, never HTML). */
function describeZone(zone: ZoneView, nowMs: number): HTMLElement {
  const element = document.createElement('div');
  const name = document.createElement('strong');
  name.textContent = zone.name;
  const lines = [
    `${zone.kind}, ${zone.restriction}`,
    `${zone.altitudeMinM}–${zone.altitudeMaxM} m ${zone.altitudeReference}`,
    ...(isInForce(zone, nowMs) ? [] : ['not in force now']),
    ...(zone.isApproximate ? ['approximate'] : []),
  ];
  element.append(name, ...lines.flatMap((line) => [document.createElement('br'), line]));
  return element;
}

/** The corner label: which corridor is shown and its ceiling. */
class CorridorLabel extends L.Control {
  private readonly element = L.DomUtil.create('div', 'map-corridor-label');

  constructor() {
    super({ position: 'topright' });
  }

  override onAdd(): HTMLElement {
    return this.element;
  }

  show(corridor: CorridorView): void {
    const name = document.createElement('strong');
    name.textContent = corridor.name;
    const ceiling = document.createElement('span');
    ceiling.className = 'map-ceiling';
    ceiling.textContent = `Ceiling ${corridor.ceilingM} m ${corridor.ceilingReference}`;
    this.element.replaceChildren(name, ceiling);
  }
}

export class MapView {
  readonly map: L.Map;
  private readonly corridorLayer = L.layerGroup();
  private readonly zoneLayers = new Map<string, L.GeoJSON>();
  private readonly zones = new Map<string, ZoneView>();
  private readonly label = new CorridorLabel();
  private highlightedZoneId: string | null = null;

  constructor(private readonly element: HTMLElement) {
    // preferCanvas: zones and booked volumes on one canvas stay smooth beside hundreds of aircraft.
    this.map = L.map(element, { preferCanvas: true, worldCopyJump: true, zoomSnap: 0.25 });
    this.corridorLayer.addTo(this.map);
    this.label.addTo(this.map);
    this.map.on('moveend', () => {
      const centre = this.map.getCenter();
      Object.assign(element.dataset, { centreLon: centre.lng.toFixed(6), centreLat: centre.lat.toFixed(6), zoom: String(this.map.getZoom()) });
    });
  }

  /** Add the tile background when the server names one; without it the map is vector layers only. */
  showTiles(config: MapConfigView): void {
    if (!config.tileUrl) return;
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution ?? '', maxZoom: 19 }).addTo(this.map);
  }

  /** Show one corridor (boundary, zones, ceiling label) instead of the one before, and fit the view to it. */
  showCorridor(corridor: CorridorView, nowMs: number): void {
    this.corridorLayer.clearLayers();
    this.zoneLayers.clear();
    this.zones.clear();
    L.geoJSON(corridor.boundary, { style: BOUNDARY_STYLE }).addTo(this.corridorLayer);
    for (const zone of corridor.zones) {
      const layer = L.geoJSON(zone.geometry, { style: zoneStyle(zone, nowMs) }).bindTooltip(describeZone(zone, nowMs), { className: 'zone-tooltip', sticky: true });
      layer.addTo(this.corridorLayer);
      this.zoneLayers.set(zone.id, layer);
      this.zones.set(zone.id, zone);
    }
    this.label.show(corridor);
    this.map.fitBounds(L.geoJSON(corridor.boundary).getBounds(), { padding: [20, 20] });
    this.highlightZone(this.highlightedZoneId);
  }

  /** Outline one zone of the shown corridor (the zone of the selected alert); null clears it. */
  highlightZone(zoneId: string | null): void {
    const previous = this.highlightedZoneId ? this.zoneLayers.get(this.highlightedZoneId) : undefined;
    const before = this.highlightedZoneId ? this.zones.get(this.highlightedZoneId) : undefined;
    if (previous && before) previous.setStyle(zoneStyle(before, Date.now()));
    this.highlightedZoneId = zoneId;
    const layer = zoneId ? this.zoneLayers.get(zoneId) : undefined;
    layer?.setStyle(HIGHLIGHT_STYLE).bringToFront();
    if (layer) this.element.dataset.highlightedZoneId = zoneId!;
    else delete this.element.dataset.highlightedZoneId;
  }

  /** Centre on [lon, lat], zooming in to at least street-block scale. */
  centreOn(lon: number, lat: number): void {
    this.map.setView([lat, lon], Math.max(this.map.getZoom(), CLOSE_ZOOM));
  }

  /** Keep [lon, lat] in the centre without animation (follow mode; every position would otherwise queue an animation). */
  follow(lon: number, lat: number): void {
    this.map.panTo([lat, lon], { animate: false });
  }

  /** Leaflet measures its container on window resize; call after the map was hidden meanwhile. */
  resized(): void {
    this.map.invalidateSize();
  }
}
