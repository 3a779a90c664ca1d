/**
 * The list beside the Zones map: each current zone with its name, class (restriction and kind),
 * altitude band, margin, time window in the corridor's local time, and version. An item is chosen
 * by click or Enter (it is not a button: read-only viewers get no controls at all); the chosen one
 * is marked aria-selected. Text always goes in as text: zone names are other people's words.
 */
import type { ZoneVersionView } from '../server/contracts/index.ts';
import { createElement } from './create-element.ts';
import { describeZoneWindow } from './zone-window.ts';

/** '0–120 m AGL'. */
export const describeBand = (zone: Pick<ZoneVersionView, 'altitudeMinM' | 'altitudeMaxM' | 'altitudeReference'>) =>
  `${zone.altitudeMinM}–${zone.altitudeMaxM} m ${zone.altitudeReference}`;

/** 'margin 200 m', or 'no margin'. */
export const describeMargin = (marginM: number) => (marginM > 0 ? `margin ${marginM} m` : 'no margin');

export interface ZoneListOptions {
  onChoose: (zone: ZoneVersionView) => void;
}

export class ZoneList {
  constructor(private readonly list: HTMLElement, private readonly count: HTMLElement, private readonly options: ZoneListOptions) {}

  /** Show `zones` (windows in `timeZone`), marking the one of lineage `selectedLineageId`. */
  show(zones: readonly ZoneVersionView[], timeZone: string, selectedLineageId: string | null): void {
    this.count.textContent = `(${zones.length})`;
    if (zones.length === 0) {
      this.list.replaceChildren(createElement('li', { className: 'empty', text: 'No zones in force in this corridor.' }));
      return;
    }
    this.list.replaceChildren(...zones.map((zone) => this.itemOf(zone, timeZone, zone.lineageId === selectedLineageId)));
  }

  private itemOf(zone: ZoneVersionView, timeZone: string, isSelected: boolean): HTMLLIElement {
    const item = createElement('li', {
      className: 'zone-item',
      data: { zoneId: zone.id, lineageId: zone.lineageId, version: String(zone.version), restriction: zone.restriction, kind: zone.kind },
      attrs: { tabindex: '0', 'aria-selected': String(isSelected) },
    }, [
      createElement('div', { className: 'zone-head' }, [
        createElement('strong', { className: 'zone-name', text: zone.name }),
        createElement('span', { className: 'zone-version', text: `v${zone.version}` }),
      ]),
      createElement('div', { className: 'zone-class' }, [
        createElement('span', { className: 'zone-badge', data: { restriction: zone.restriction }, text: zone.restriction }),
        createElement('span', { className: 'zone-kind', text: zone.kind }),
        ...(zone.circle ? [createElement('span', { className: 'zone-kind', text: `circle ${Math.round(zone.circle.radiusM)} m` })] : []),
      ]),
      createElement('div', { className: 'zone-meta' }, [
        createElement('span', { className: 'zone-band', text: describeBand(zone) }),
        createElement('span', { className: 'zone-margin', text: describeMargin(zone.marginM) }),
        createElement('span', { className: 'zone-in-force', text: describeZoneWindow(zone.windowStartMs, zone.windowEndMs, timeZone) }),
        ...(zone.isApproximate ? [createElement('span', { className: 'zone-approximate', text: 'approximate' })] : []),
      ]),
    ]);
    item.addEventListener('click', () => this.options.onChoose(zone));
    item.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      this.options.onChoose(zone);
    });
    return item;
  }
}
