/**
 * The Zones view's Leaflet map: one corridor's boundary and its current zones as vector layers (no
 * tiles: they cannot load here, and the shapes are what matters). SVG, not canvas, so every zone is
 * an element with its classes (zone-style.ts) that styles.css and the tests can find. Clicking a
 * zone reports it; the page decides whether that selects it. GeoJSON [lon, lat] becomes Leaflet's
 * [lat, lng] inside L.geoJSON.
 */
import L from 'leaflet';
import type { CorridorView, ZoneVersionView } from '../server/contracts/index.ts';
import { BOUNDARY_STYLE, zonePathStyle } from './zone-style.ts';
import { describeBand } from './zone-list.ts';

export class ZoneMap {
  readonly map: L.Map;
  private readonly boundaryLayer = L.layerGroup();
  private readonly zoneLayer = L.layerGroup();
  private corridor: CorridorView | null = null;

  constructor(element: HTMLElement, private readonly onZoneClick: (zone: ZoneVersionView) => void) {
    this.map = L.map(element, { zoomSnap: 0.25, attributionControl: false, renderer: L.svg() });
    this.boundaryLayer.addTo(this.map);
    this.zoneLayer.addTo(this.map);
  }

  /** Draw `corridor`'s boundary (replacing the one before) and fit the view to it. */
  showCorridor(corridor: CorridorView): void {
    this.corridor = corridor;
    this.boundaryLayer.clearLayers();
    L.geoJSON(corridor.boundary, { style: BOUNDARY_STYLE, interactive: false }).addTo(this.boundaryLayer);
    this.fit();
  }

  /** Draw `zones`, the one of lineage `selectedLineageId` highlighted and on top; inclusions under exclusions. */
  showZones(zones: readonly ZoneVersionView[], selectedLineageId: string | null): void {
    this.zoneLayer.clearLayers();
    const order = (zone: ZoneVersionView) => (zone.lineageId === selectedLineageId ? 2 : zone.kind === 'exclusion' ? 1 : 0);
    for (const zone of [...zones].sort((a, b) => order(a) - order(b))) {
      const layer = L.geoJSON(zone.geometry, { style: zonePathStyle(zone, zone.lineageId === selectedLineageId) });
      layer.bindTooltip(`${zone.name} — ${zone.restriction} ${zone.kind}, ${describeBand(zone)}`, { sticky: true, className: 'zone-tooltip' });
      layer.on('click', () => this.onZoneClick(zone));
      layer.addTo(this.zoneLayer);
      // The path element carries the zone's ids, so a test (or a person's devtools) can find it.
      layer.eachLayer((path) => {
        const element = (path as L.Path).getElement();
        if (!element) return;
        element.setAttribute('data-zone-id', zone.id);
        element.setAttribute('data-lineage-id', zone.lineageId);
      });
    }
  }

  /** Bring `zone` into view if it is outside it (it stays at the current zoom when it fits). */
  reveal(zone: ZoneVersionView): void {
    const bounds = L.geoJSON(zone.geometry).getBounds();
    if (!this.map.getBounds().contains(bounds)) this.map.fitBounds(bounds, { padding: [40, 40], maxZoom: this.map.getZoom() });
  }

  /** The element became visible or changed size: let Leaflet measure it again and refit. */
  resized(): void {
    this.map.invalidateSize();
    this.fit();
  }

  private fit(): void {
    if (this.corridor) this.map.fitBounds(L.geoJSON(this.corridor.boundary).getBounds(), { padding: [16, 16] });
  }
}
