/**
 * The Flights view: what a regulator investigates with. '#flights' shows the finder (filters,
 * list, statistics, CSV); '#flights/<id>' one flight; '#flights/replay/<id>,<id>' several flights
 * of one corridor replayed together. A study is built when its hash is entered and taken down when
 * it is left. Only admins and operators see the .tlog upload; everything else reads.
 */
import type { CorridorView, SessionView } from '../server/contracts/index.ts';
import { createElement } from './create-element.ts';
import { startFlightFinder } from './flight-finder.ts';
import { canImportFlights, showFlightImport } from './flight-import.ts';
import { startFlightPage, type FlightStudy } from './flight-page.ts';
import { startReplayPage } from './replay-page.ts';
import { ReviewApi } from './review-api.ts';
import { hashOfRoute, routeOfHash } from './review-route.ts';

export interface ReviewPageOptions {
  /** A call found the session gone (expired or revoked). */
  onSignInNeeded: () => void;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Load the corridors and the finder, then show what the hash asks for and follow it. */
export async function startReviewPage(session: SessionView, options: ReviewPageOptions): Promise<{ shown(): void; stop(): void }> {
  const api = new ReviewApi({ csrfToken: session.csrfToken, onSignedOut: options.onSignInNeeded });
  const corridors: CorridorView[] = await api.corridors();
  const errorLine = byId('flights-error');
  const say = (message: string) => void (errorLine.textContent = message);
  const finder = await startFlightFinder(api, {
    corridors,
    onReplay: (flightIds) => void (location.hash = hashOfRoute({ kind: 'replay', flightIds })),
    onError: say,
  });
  const importSection = byId('flight-import-section');
  importSection.hidden = !canImportFlights(session.grants);
  if (!importSection.hidden) showFlightImport(byId('flight-import-host'), { csrfToken: session.csrfToken, onImported: () => void finder.reload().catch((error: unknown) => say(String(error))) });

  const studyHost = byId('flight-study');
  let study: FlightStudy | null = null;
  let opened = 0;
  const route = async () => {
    if (!location.hash.startsWith('#flights')) return;
    const wanted = routeOfHash(location.hash);
    const mine = ++opened;
    study?.stop();
    study = null;
    studyHost.replaceChildren();
    errorLine.textContent = '';
    byId('flight-finder').hidden = wanted.kind !== 'finder';
    studyHost.hidden = wanted.kind === 'finder';
    if (wanted.kind === 'finder') return;
    // Each study builds into its own container, so one still loading when left never draws over the next.
    const container = createElement('div', { className: 'study', data: { kind: wanted.kind } });
    studyHost.append(container);
    let started: FlightStudy;
    try {
      started = wanted.kind === 'flight'
        ? await startFlightPage(container, api, wanted.flightId, { corridors, grants: session.grants })
        : await startReplayPage(container, api, wanted.flightIds, corridors);
    } catch (error) {
      container.remove();
      if (mine === opened) throw error;
      return; // a study already left: its failure is no longer news
    }
    if (mine !== opened) {
      started.stop(); // left again while loading
      container.remove();
      return;
    }
    study = started;
  };
  const onHashChange = () => void route().catch((error: unknown) => say(`Could not open: ${error instanceof Error ? error.message : String(error)}`));
  window.addEventListener('hashchange', onHashChange);
  onHashChange();
  return {
    // Leaflet measures its container; one that was hidden meanwhile has the wrong size.
    shown: () => study?.resized(),
    stop() {
      window.removeEventListener('hashchange', onHashChange);
      study?.stop();
    },
  };
}
