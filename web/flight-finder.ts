/**
 * The Flights view's list half: the filter bar, the flights found (paged, sortable, picked for
 * replay together), the statistics per corridor, partner and month, and CSV downloads of both that
 * follow the filter. A filter change reloads the list and the statistics; a slow answer that a
 * newer change overtook is dropped, so the tables always show the filter the bar shows.
 */
import type { CorridorView } from '../server/contracts/index.ts';
import { FlightFilterForm } from './flight-filter-form.ts';
import type { FlightFilter } from './flight-filter.ts';
import { FlightList } from './flight-list.ts';
import { showStatistics } from './flight-statistics.ts';
import { flightsCsvUrl, statisticsCsvUrl, type ReviewApi } from './review-api.ts';

/** Flights per page of the list. */
const PAGE_SIZE = 25;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export interface FlightFinderOptions {
  corridors: readonly CorridorView[];
  onReplay: (flightIds: string[]) => void;
  /** Say something went wrong (the server's words). */
  onError: (message: string) => void;
}

/** Build the filter bar from what the person may see, then load the first page and the statistics; resolves with a reload. */
export async function startFlightFinder(api: ReviewApi, options: FlightFinderOptions): Promise<{ reload: () => Promise<void> }> {
  const [organisations, aircraft] = await Promise.all([api.organisations(), api.aircraft()]);
  const corridorNames = new Map(options.corridors.map((corridor) => [corridor.id, corridor.name]));
  let filter: FlightFilter;
  let generation = 0;

  const list = new FlightList({
    body: byId('flight-rows'), previous: byId('flights-previous'), next: byId('flights-next'), pageLabel: byId('flights-page'),
    replay: byId('replay-together'), replayNote: byId('replay-note'),
  }, {
    corridorName: (corridorId) => (corridorId ? corridorNames.get(corridorId) ?? 'another corridor' : 'outside every corridor'),
    loadPage: (cursor) => api.flights(filter, PAGE_SIZE, cursor),
    onReplay: options.onReplay,
  });

  const load = async () => {
    const mine = ++generation;
    byId<HTMLAnchorElement>('flights-csv').href = flightsCsvUrl(filter);
    byId<HTMLAnchorElement>('statistics-csv').href = statisticsCsvUrl(filter);
    const finder = byId('flight-finder');
    finder.dataset.loading = 'true';
    const [, statistics] = await Promise.all([list.reload(), api.statistics(filter)]);
    if (mine !== generation) return; // a newer filter is loading
    showStatistics(byId('flight-statistics'), statistics);
    finder.dataset.loading = 'false';
  };
  const form = new FlightFilterForm(byId('flight-filter-host'), { corridors: options.corridors, organisations, aircraft }, (next) => {
    filter = next;
    load().catch((error: unknown) => options.onError(`Could not load the flights: ${error instanceof Error ? error.message : String(error)}`));
  });
  filter = form.value();
  await load();
  return { reload: load };
}
