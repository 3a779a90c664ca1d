/**
 * The statistics tables of the Flights view: per corridor, per partner and per month, each row
 * with its flights, flight hours, distance and violations by kind (outside a zone's area, above a
 * ceiling, below a floor). The numbers are the server's; this only lays them out.
 */
import type { FlightStatisticsRow, FlightStatisticsView } from '../server/contracts/index.ts';
import { createElement } from './create-element.ts';

const HEADINGS = ['flights', 'flight hours', 'distance (km)', 'horizontal', 'ceiling', 'floor', 'violations'];

function tableOf(caption: string, keyHeading: string, rows: readonly FlightStatisticsRow[], id: string): HTMLTableElement {
  const head = createElement('tr', {}, [keyHeading, ...HEADINGS].map((text) => createElement('th', { text, attrs: { scope: 'col' } })));
  const body = rows.map((row) => createElement('tr', { data: { key: row.key } }, [
    createElement('th', { text: row.label, attrs: { scope: 'row' } }),
    ...[
      String(row.flights), row.flightHours.toFixed(2), row.distanceKm.toFixed(1),
      String(row.violations.horizontal), String(row.violations.ceiling), String(row.violations.floor), String(row.violations.total),
    ].map((text) => createElement('td', { className: 'number', text })),
  ]));
  if (body.length === 0) body.push(createElement('tr', { className: 'empty' }, [createElement('td', { text: 'No flights.', attrs: { colspan: String(HEADINGS.length + 1) } })]));
  return createElement('table', { className: 'review-table statistics-table', attrs: { id } }, [
    createElement('caption', { text: caption }), createElement('thead', {}, [head]), createElement('tbody', {}, body),
  ]);
}

/** Replace `host`'s content with the three tables of `statistics`. */
export function showStatistics(host: HTMLElement, statistics: FlightStatisticsView): void {
  host.replaceChildren(
    tableOf('By corridor', 'corridor', statistics.byCorridor, 'statistics-by-corridor'),
    tableOf('By partner', 'partner', statistics.byPartner, 'statistics-by-partner'),
    tableOf('By month (UTC)', 'month', statistics.byMonth, 'statistics-by-month'),
  );
}
