/**
 * A small Leaflet map of one corridor for the bookings pages: its boundary and zones as vector
 * layers (no tiles, so it works offline and in tests) and booked areas drawn over them. SVG
 * rather than canvas: a handful of shapes, each an element the tests (and styles.css) can find.
 * GeoJSON [lon, lat] is flipped to Leaflet's [lat, lng] by L.geoJSON.
 */
import L from 'leaflet';
import type { CorridorView } from '../server/contracts/index.ts';

/** A booked area to draw: its shape, how to style it and what its tooltip says. */
export interface SketchArea {
  area: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  /** Goes on the path as classes, e.g. 'booked-area is-active'. */
  className: string;
  label: string;
}

export interface SketchMapOptions {
  /** Shapes take clicks (tooltips) — false on a map people draw on, so every click reaches the map. Default true. */
  isInteractive?: boolean;
}

export class CorridorSketchMap {
  readonly map: L.Map;
  private readonly corridorLayer = L.layerGroup();
  private readonly areaLayer = L.layerGroup();
  private readonly isInteractive: boolean;
  private corridor: CorridorView | null = null;

  constructor(element: HTMLElement, options: SketchMapOptions = {}) {
    this.isInteractive = options.isInteractive ?? true;
    this.map = L.map(element, { zoomSnap: 0.25, attributionControl: false });
    this.corridorLayer.addTo(this.map);
    this.areaLayer.addTo(this.map);
  }

  /** Draw `corridor` (replacing the one before) and fit the view to it. */
  showCorridor(corridor: CorridorView): void {
    this.corridor = corridor;
    this.corridorLayer.clearLayers();
    const interactive = this.isInteractive;
    L.geoJSON(corridor.boundary, { interactive, style: { className: 'sketch-boundary', color: '#38bdf8', weight: 2, dashArray: '6 4', fillOpacity: 0.04 } }).addTo(this.corridorLayer);
    for (const zone of corridor.zones.filter((candidate) => candidate.kind !== 'inclusion')) {
      const layer = L.geoJSON(zone.geometry, { interactive, style: { className: 'sketch-zone', color: '#ef4444', weight: 1, fillOpacity: 0.12 } });
      if (interactive) layer.bindTooltip(`${zone.name} (${zone.restriction})`, { sticky: true });
      layer.addTo(this.corridorLayer);
    }
    this.fit();
  }

  /** Draw `areas` over the corridor, replacing the ones before. */
  showAreas(areas: readonly SketchArea[]): void {
    this.areaLayer.clearLayers();
    for (const area of areas) {
      const layer = L.geoJSON(area.area, { interactive: this.isInteractive, style: { className: area.className, weight: 2, fillOpacity: 0.25 } });
      if (this.isInteractive) layer.bindTooltip(area.label, { sticky: true });
      layer.addTo(this.areaLayer);
    }
  }

  /** The element became visible or changed size: let Leaflet measure it again and refit. */
  resized(): void {
    this.map.invalidateSize();
    this.fit();
  }

  private fit(): void {
    if (this.corridor) this.map.fitBounds(L.geoJSON(this.corridor.boundary).getBounds(), { padding: [10, 10] });
  }
}
