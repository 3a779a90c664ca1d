/**
 * A Leaflet layer that is one <canvas> covering the map's view (plus a margin, so a drag shows
 * what is just off screen), redrawn in one pass by a `draw` callback at most once a frame.
 * Hundreds of aircraft as DOM markers cost a layout each per update; one canvas costs one
 * redraw. The canvas sits in its own pane inside the map pane, so dragging moves it for free;
 * during a zoom animation it is hidden (Leaflet's leaflet-zoom-hide) and redrawn at the end.
 * Projection is Web Mercator (EPSG:3857, Leaflet's default CRS), computed without allocating.
 */
import L from 'leaflet';
import { mercatorX, mercatorY } from './live-mercator.ts';

/** What a draw callback gets: the context (in CSS pixels), the canvas size and a projector. */
export interface CanvasFrame {
  context: CanvasRenderingContext2D;
  widthPx: number;
  heightPx: number;
  /** [lon, lat] degrees → canvas x (CSS px); cheap enough for every trail point. */
  x(lon: number): number;
  /** Latitude in degrees → canvas y (CSS px). */
  y(lat: number): number;
  /** Canvas point of the map container's top-left corner (the margin). */
  offsetPx: L.Point;
  /** performance.now() when this drawing began (a layer may report how long it took). */
  startedAtMs: number;
}

export interface CanvasOverlayOptions {
  /** A pane of its own (created on first use) and its z-index among Leaflet's panes (overlays 400, markers 600). */
  pane: string;
  paneZIndex: number;
  className: string;
  /** Margin on every side, as a share of the view's size; default 0.1. */
  marginRatio?: number;
  /**
   * Fewest ms between two redraws asked for by new data (view changes redraw at the next frame);
   * default 0. Every redraw of a canvas is a full copy of its pixels to the compositor, so data
   * that changes twice a second per aircraft need not be redrawn 60 times a second.
   */
  dataIntervalMs?: number;
  draw: (frame: CanvasFrame) => void;
}

export class CanvasOverlay extends L.Layer {
  private readonly canvas = document.createElement('canvas');
  private map: L.Map | null = null;
  private frameRequest: number | null = null;
  private dataTimer: ReturnType<typeof setTimeout> | null = null;
  private lastDrawAtMs = -Infinity;
  private readonly onViewChange = () => this.requestDraw();

  constructor(private readonly settings: CanvasOverlayOptions) {
    super();
    this.canvas.className = `leaflet-zoom-hide ${settings.className}`;
  }

  /** The canvas element (tests and metrics read its data attributes). */
  get element(): HTMLCanvasElement {
    return this.canvas;
  }

  override onAdd(map: L.Map): this {
    this.map = map;
    const pane = map.getPane(this.settings.pane) ?? map.createPane(this.settings.pane);
    pane.style.zIndex = String(this.settings.paneZIndex);
    pane.style.pointerEvents = 'none'; // clicks go to the map, which hit-tests (see AircraftCanvasLayer)
    pane.appendChild(this.canvas);
    map.on('move zoomend viewreset resize', this.onViewChange);
    this.drawNow();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('move zoomend viewreset resize', this.onViewChange);
    if (this.frameRequest !== null) cancelAnimationFrame(this.frameRequest);
    if (this.dataTimer !== null) clearTimeout(this.dataTimer);
    this.frameRequest = null;
    this.dataTimer = null;
    this.canvas.remove();
    this.map = null;
    return this;
  }

  /** Redraw for new data: at the next frame, or once dataIntervalMs have passed since the last drawing. */
  requestDataDraw(): void {
    if (this.dataTimer !== null || this.frameRequest !== null) return;
    const waitMs = this.lastDrawAtMs + (this.settings.dataIntervalMs ?? 0) - performance.now();
    if (waitMs <= 0) return this.requestDraw();
    this.dataTimer = setTimeout(() => {
      this.dataTimer = null;
      this.requestDraw();
    }, waitMs);
  }

  /** Redraw on the next animation frame (several requests in one frame draw once). */
  requestDraw(): void {
    if (this.frameRequest !== null || !this.map) return;
    this.frameRequest = requestAnimationFrame(() => {
      this.frameRequest = null;
      this.drawNow();
    });
  }

  private drawNow(): void {
    const map = this.map;
    if (!map) return;
    const startedAtMs = performance.now();
    this.lastDrawAtMs = startedAtMs;
    const size = map.getSize();
    const ratio = this.settings.marginRatio ?? 0.1;
    const margin = L.point(Math.round(size.x * ratio), Math.round(size.y * ratio));
    const widthPx = size.x + 2 * margin.x;
    const heightPx = size.y + 2 * margin.y;
    const topLeft = map.containerPointToLayerPoint(margin.multiplyBy(-1));
    L.DomUtil.setPosition(this.canvas, topLeft);
    const dpr = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(widthPx * dpr) || this.canvas.height !== Math.round(heightPx * dpr)) {
      this.canvas.width = Math.round(widthPx * dpr);
      this.canvas.height = Math.round(heightPx * dpr);
      this.canvas.style.width = `${widthPx}px`;
      this.canvas.style.height = `${heightPx}px`;
    }
    const context = this.canvas.getContext('2d')!;
    context.setTransform(dpr, 0, 0, dpr, 0, 0);
    context.clearRect(0, 0, widthPx, heightPx);
    // Canvas point = world pixel − pixel origin − the canvas's own layer position.
    const scale = 256 * 2 ** map.getZoom();
    const origin = map.getPixelOrigin();
    const shiftX = origin.x + topLeft.x;
    const shiftY = origin.y + topLeft.y;
    this.settings.draw({
      context, widthPx, heightPx, offsetPx: margin, startedAtMs,
      x: (lon) => mercatorX(lon, scale) - shiftX,
      y: (lat) => mercatorY(lat, scale) - shiftY,
    });
  }
}
