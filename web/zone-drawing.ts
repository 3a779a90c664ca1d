/**
 * Drawing a zone's area on the Zones map, or reshaping an existing one. A polygon: each map click
 * adds a corner; clicking the first corner (or finish()) closes it. A circle: the first click is
 * the centre, the second sets the radius (or setRadiusM, from the toolbar's number field). Once
 * closed, the corners, the centre and the circle's edge are handles that can be dragged. area()
 * answers in the API's terms: a GeoJSON Polygon ([lon, lat], RFC 7946 winding) or a circle.
 * Holes of an edited polygon are kept as they are; a MultiPolygon of several parts can only be redrawn.
 */
import L from 'leaflet';
import type { ZoneVersionView } from '../server/contracts/index.ts';
import type { ZoneAreaInput } from './zone-api.ts';
import { cornersOf, eastOf, exteriorRingOf, roundDegrees, singlePolygonOf } from './zone-ring.ts';

export type DrawingMode = 'idle' | 'polygon' | 'circle' | 'done';

/** What the toolbar shows after each change. */
export interface DrawingState {
  mode: DrawingMode;
  shape: 'polygon' | 'circle' | null;
  corners: number;
  radiusM: number | null;
  /** A circle's centre has been placed. */
  hasCenter: boolean;
  /** The shape differs from the one edit() loaded (always true for a new drawing). */
  isChanged: boolean;
}

type Sketch =
  | { type: 'polygon'; corners: L.LatLng[]; holes: GeoJSON.Position[][] }
  | { type: 'circle'; center: L.LatLng | null; radiusM: number | null };

const SHAPE_STYLE: L.PathOptions = { className: 'zone-sketch', color: '#facc15', weight: 2.5, fillColor: '#facc15', fillOpacity: 0.18, interactive: false };
const handleIcon = (className: string) => L.divIcon({ className: `zone-handle ${className}`, iconSize: [14, 14], iconAnchor: [7, 7] });

export class ZoneDrawing {
  private readonly layer = L.layerGroup();
  private shapeLayer: L.Path | null = null;
  private sketch: Sketch | null = null;
  private mode: DrawingMode = 'idle';
  private isChanged = false;

  constructor(private readonly map: L.Map, private readonly onChange: (state: DrawingState) => void) {
    this.layer.addTo(map);
    map.on('click', (event: L.LeafletMouseEvent) => this.onMapClick(event.latlng));
  }

  /** Start a new polygon (dropping any sketch). */
  startPolygon(): void {
    this.load({ type: 'polygon', corners: [], holes: [] }, 'polygon', true);
  }

  /** Start a new circle (dropping any sketch). */
  startCircle(): void {
    this.load({ type: 'circle', center: null, radiusM: null }, 'circle', true);
  }

  /** Load `zone`'s area as draggable handles; a MultiPolygon gets none (it can only be redrawn). */
  edit(zone: ZoneVersionView): void {
    const { circle } = zone;
    const rings = singlePolygonOf(zone.geometry);
    const sketch: Sketch | null = circle
      ? { type: 'circle', center: L.latLng(circle.center[1], circle.center[0]), radiusM: circle.radiusM }
      : rings ? { type: 'polygon', corners: cornersOf(rings[0]!), holes: rings.slice(1) } : null;
    this.load(sketch, sketch ? 'done' : 'idle', false);
  }

  /** Close the polygon or accept the circle; false when there is not yet enough of it. */
  finish(): boolean {
    if (!this.isComplete()) return false;
    this.mode = 'done';
    this.setDrawingCursor(false);
    this.redraw();
    return true;
  }

  /** Drop the sketch and its handles. */
  clear(): void {
    this.load(null, 'idle', false);
  }

  /** Set the circle's radius in metres (the toolbar's field); ignored for polygons and before a centre. */
  setRadiusM(radiusM: number): void {
    if (this.sketch?.type !== 'circle' || !this.sketch.center || !(radiusM > 0)) return;
    this.sketch.radiusM = radiusM;
    this.isChanged = true;
    if (this.mode === 'circle') this.mode = 'done';
    this.setDrawingCursor(false);
    this.redraw();
  }

  /** Whether map clicks are taken as corners or a centre right now. */
  isTakingClicks = () => this.mode === 'polygon' || this.mode === 'circle';

  /** The finished area, or null while drawing or when there is none. */
  area(): ZoneAreaInput | null {
    if (this.mode !== 'done' || !this.sketch) return null;
    if (this.sketch.type === 'circle') {
      const { center, radiusM } = this.sketch;
      return { circle: { center: [roundDegrees(center!.lng), roundDegrees(center!.lat)], radiusM: Math.round(radiusM! * 10) / 10 } };
    }
    return { geometry: { type: 'Polygon', coordinates: [exteriorRingOf(this.sketch.corners), ...this.sketch.holes] } };
  }

  state(): DrawingState {
    const { sketch, mode, isChanged } = this;
    const [corners, radiusM] = sketch?.type === 'polygon' ? [sketch.corners.length, null] : [0, sketch?.radiusM ?? null];
    return { mode, shape: sketch?.type ?? null, corners, radiusM, hasCenter: sketch?.type === 'circle' && sketch.center !== null, isChanged };
  }

  private load(sketch: Sketch | null, mode: DrawingMode, isChanged: boolean): void {
    this.sketch = sketch;
    this.mode = mode;
    this.isChanged = isChanged;
    this.setDrawingCursor(this.isTakingClicks());
    this.redraw();
  }

  private isComplete(): boolean {
    const sketch = this.sketch;
    return sketch?.type === 'polygon' ? sketch.corners.length >= 3 : sketch?.center != null && (sketch.radiusM ?? 0) > 0;
  }

  private onMapClick(at: L.LatLng): void {
    const sketch = this.sketch;
    if (!sketch || !this.isTakingClicks()) return;
    if (sketch.type === 'polygon') sketch.corners.push(at);
    else if (!sketch.center) sketch.center = at;
    else {
      sketch.radiusM = this.map.distance(sketch.center, at);
      this.mode = 'done';
      this.setDrawingCursor(false);
    }
    this.redraw();
  }

  /** Double-click zooming would eat a quick second corner: off while clicks are corners. */
  private setDrawingCursor(isDrawing: boolean): void {
    this.map.getContainer().classList.toggle('is-drawing', isDrawing);
    if (isDrawing) this.map.doubleClickZoom.disable();
    else this.map.doubleClickZoom.enable();
  }

  private redraw(): void {
    this.layer.clearLayers();
    this.shapeLayer = null;
    const sketch = this.sketch;
    if (sketch?.type === 'polygon') this.drawPolygon(sketch);
    if (sketch?.type === 'circle') this.drawCircle(sketch);
    this.onChange(this.state());
  }

  private drawPolygon(sketch: Extract<Sketch, { type: 'polygon' }>): void {
    const isOpen = this.mode === 'polygon';
    if (sketch.corners.length >= 2) {
      this.shapeLayer = (isOpen ? L.polyline(sketch.corners, SHAPE_STYLE) : L.polygon([sketch.corners, ...sketch.holes.map(cornersOf)], SHAPE_STYLE)).addTo(this.layer);
    }
    sketch.corners.forEach((corner, index) => {
      const handle = this.addHandle(corner, index === 0 ? 'zone-vertex is-first' : 'zone-vertex', (at) => (sketch.corners[index] = at));
      // Clicking the first corner again closes the ring, as in most drawing tools.
      if (index === 0) handle.on('click', () => isOpen && this.finish());
    });
  }

  private drawCircle(sketch: Extract<Sketch, { type: 'circle' }>): void {
    const { center, radiusM } = sketch;
    if (!center) return;
    if (radiusM) this.shapeLayer = L.circle(center, { ...SHAPE_STYLE, radius: radiusM }).addTo(this.layer);
    this.addHandle(center, 'zone-center', (at) => (sketch.center = at));
    if (!radiusM) return;
    // The edge handle sits due east of the centre; dragging it anywhere sets the radius.
    this.addHandle(eastOf(center, radiusM), 'zone-edge', (at) => (sketch.radiusM = this.map.distance(sketch.center!, at)));
  }

  /** A draggable handle at `at`; `move` updates the sketch while it is dragged. */
  private addHandle(at: L.LatLng, className: string, move: (at: L.LatLng) => void): L.Marker {
    const handle = L.marker(at, { icon: handleIcon(className), draggable: true, keyboard: false, zIndexOffset: 1000 }).addTo(this.layer);
    handle.on('drag', () => {
      move(handle.getLatLng());
      this.isChanged = true;
      this.reshape();
    });
    handle.on('dragend', () => this.redraw()); // puts the circle's edge handle back due east, and tells the toolbar
    return handle;
  }

  /** Follow a drag without rebuilding the handles (rebuilding would end the drag). */
  private reshape(): void {
    const sketch = this.sketch;
    if (!sketch || !this.shapeLayer) return;
    if (sketch.type === 'circle') {
      (this.shapeLayer as L.Circle).setLatLng(sketch.center!).setRadius(sketch.radiusM!);
    } else if (this.mode === 'polygon') {
      (this.shapeLayer as L.Polyline).setLatLngs(sketch.corners);
    } else {
      (this.shapeLayer as L.Polygon).setLatLngs([sketch.corners, ...sketch.holes.map(cornersOf)]);
    }
  }
}
