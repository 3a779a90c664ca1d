/**
 * How the Zones view draws a zone: colour by restriction class (prohibited red, authorisation
 * amber, conditional blue) and line by kind — an exclusion (keep out) solid and filled, an
 * inclusion (stay inside) dashed and almost hollow, so the two read differently at a glance even
 * in the same class. The classes on each SVG path (zone-shape is-<restriction> is-<kind>) let
 * styles.css and the tests find them.
 */
import type L from 'leaflet';
import type { ZoneVersionView } from '../server/contracts/index.ts';

/** The colour of each restriction class (also the list's badges, in styles.css). */
export const RESTRICTION_COLOURS: Record<ZoneVersionView['restriction'], string> = {
  prohibited: '#ef4444',
  authorisation: '#f59e0b',
  conditional: '#3b82f6',
};

/** Leaflet path options for `zone`, selected (thicker, brighter) or not. */
export function zonePathStyle(zone: Pick<ZoneVersionView, 'kind' | 'restriction'>, isSelected = false): L.PathOptions {
  const colour = RESTRICTION_COLOURS[zone.restriction];
  const isExclusion = zone.kind === 'exclusion';
  return {
    className: `zone-shape is-${zone.restriction} is-${zone.kind}${isSelected ? ' is-selected' : ''}`,
    color: isSelected ? '#f8fafc' : colour,
    weight: isSelected ? 3.5 : 2,
    dashArray: isExclusion ? undefined : '8 5',
    fillColor: colour,
    fillOpacity: isExclusion ? 0.32 : 0.06,
  };
}

/** The corridor's own boundary: a neutral dotted outline, so it never reads as a zone class. */
export const BOUNDARY_STYLE: L.PathOptions = { className: 'zone-corridor-boundary', color: '#cbd5e1', weight: 1.5, dashArray: '2 6', fillOpacity: 0.03, interactive: false };
