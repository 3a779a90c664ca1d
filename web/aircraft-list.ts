/** The organisation's registered aircraft, with a Retire button on those still in service. */
import type { AircraftView } from '../server/contracts/index.ts';
import { createBookingActions } from './booking-actions.ts';
import { createElement } from './create-element.ts';

/** Show `aircraft` (in service first, by callsign); `retire` is called with an aircraft's id. */
export function renderAircraftList(list: HTMLElement, aircraft: readonly AircraftView[], retire: (aircraftId: string) => Promise<unknown>): void {
  const sorted = [...aircraft].sort((a, b) => Number(a.retired) - Number(b.retired) || a.callsign.localeCompare(b.callsign));
  list.replaceChildren(...(sorted.length === 0 ? [createElement('li', { className: 'empty', text: 'No aircraft registered yet.' })] : sorted.map((item) =>
    createElement('li', { className: 'aircraft', data: { aircraftId: item.id, systemId: String(item.systemId), retired: String(item.retired) } }, [
      createElement('div', { className: 'booking-head' }, [
        createElement('strong', { text: item.callsign }),
        createElement('span', { className: 'booking-meta', text: `system id ${item.systemId}` }),
        ...(item.retired ? [createElement('span', { className: 'badge', text: 'retired', data: { status: 'retired' } })] : []),
      ]),
      createElement('div', { className: 'booking-meta', text: `${item.model} · serial ${item.serialNumber} · ${item.weightClass} · ${item.isSigned ? 'signs its packets' : 'unsigned'}` }),
      ...createBookingActions(item.retired ? [] : [{ name: 'retire', label: 'Retire', reason: 'confirm', run: () => retire(item.id) }]),
    ]),
  )));
}
