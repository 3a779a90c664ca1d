/**
 * Drawing a booking's area on a Leaflet map by clicking its corners: each click adds a corner,
 * the shape is shown as it grows (a line until it has three corners, then a polygon), and clear()
 * starts again. The result is a GeoJSON Polygon, [lon, lat], its ring closed and anticlockwise as
 * RFC 7946 asks.
 */
import L from 'leaflet';

export interface AreaDrawingOptions {
  /** Called after every change with the number of corners so far. */
  onChange: (corners: number) => void;
}

export class AreaDrawing {
  private readonly corners: L.LatLng[] = [];
  private readonly layer = L.layerGroup();
  private isEnabled = false;

  constructor(
    private readonly map: L.Map,
    private readonly options: AreaDrawingOptions,
  ) {
    this.layer.addTo(map);
    map.on('click', (event: L.LeafletMouseEvent) => {
      if (!this.isEnabled) return;
      this.corners.push(event.latlng);
      this.redraw();
    });
  }

  /** Start or stop taking clicks (the corners drawn so far stay until clear()). */
  setEnabled(isEnabled: boolean): void {
    this.isEnabled = isEnabled;
    this.map.getContainer().classList.toggle('is-drawing', isEnabled);
  }

  clear(): void {
    this.corners.length = 0;
    this.redraw();
  }

  /** The drawn polygon, or null with fewer than three corners. */
  polygon(): GeoJSON.Polygon | null {
    if (this.corners.length < 3) return null;
    const ring = this.corners.map((corner): [number, number] => [round(corner.lng), round(corner.lat)]);
    // RFC 7946 §3.1.6: exterior rings run anticlockwise; people click corners either way round.
    if (signedArea(ring) < 0) ring.reverse();
    return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
  }

  private redraw(): void {
    this.layer.clearLayers();
    const style = { className: 'drawn-area', color: '#facc15', weight: 2, interactive: false };
    if (this.corners.length >= 3) L.polygon(this.corners, { ...style, fillOpacity: 0.25 }).addTo(this.layer);
    else if (this.corners.length === 2) L.polyline(this.corners, style).addTo(this.layer);
    for (const corner of this.corners) L.circleMarker(corner, { ...style, className: 'drawn-corner', radius: 4, fillOpacity: 1 }).addTo(this.layer);
    this.options.onChange(this.corners.length);
  }
}

/** Twice the ring's signed area in degrees² (shoelace formula): positive when anticlockwise. */
function signedArea(ring: ReadonlyArray<[number, number]>): number {
  return ring.reduce((sum, [lon, lat], index) => {
    const [nextLon, nextLat] = ring[(index + 1) % ring.length]!;
    return sum + (lon * nextLat - nextLon * lat);
  }, 0);
}

/** Seven decimals of a degree are about a centimetre: more only bloats the request. */
const round = (degrees: number) => Math.round(degrees * 1e7) / 1e7;
