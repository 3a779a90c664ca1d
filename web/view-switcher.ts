/**
 * The page's four views — the live map, bookings, zones and flights — chosen by the header's links
 * and kept in the URL's hash ('#bookings…', '#zones…', '#flights…' for those; anything else, such as
 * a corridor's '#malawi-kasungu', is the map). A view starts the first time it is shown, when its
 * elements are visible (Leaflet measures its container), and keeps running while hidden so its
 * live data stays current.
 */

export type ViewName = 'map' | 'bookings' | 'zones' | 'flights';

/** A started view. */
export interface RunningView {
  /** Shown again after being hidden. */
  shown?(): void;
  stop(): void;
}

export interface ViewSwitcherOptions {
  start: Record<ViewName, () => Promise<RunningView>>;
  /** A view failed to start (not a 401, which has already sent the person to sign in). */
  onStartFailed: (view: ViewName, error: unknown) => void;
}

/** The view a hash asks for. */
export const viewOfHash = (hash: string): ViewName => {
  for (const view of ['bookings', 'zones', 'flights'] as const) if (hash === `#${view}` || hash.startsWith(`#${view}/`)) return view;
  return 'map';
};

export class ViewSwitcher {
  private readonly running = new Map<ViewName, Promise<RunningView | null>>();
  private readonly onHashChange = () => this.show(viewOfHash(location.hash));
  private isStopped = false;

  constructor(private readonly options: ViewSwitcherOptions) {
    window.addEventListener('hashchange', this.onHashChange);
    this.onHashChange();
  }

  /** Show `view` (body[data-view] drives styles.css), starting it the first time. */
  show(view: ViewName): void {
    if (this.isStopped) return;
    const isFirstTime = !this.running.has(view);
    document.body.dataset.view = view;
    for (const link of document.querySelectorAll<HTMLElement>('[data-view-link]')) {
      link.setAttribute('aria-current', String(link.dataset.viewLink === view));
    }
    if (isFirstTime) {
      this.running.set(view, this.options.start[view]().catch((error: unknown) => {
        this.options.onStartFailed(view, error);
        this.running.delete(view); // shown again later, it tries again
        return null;
      }));
      return;
    }
    void this.running.get(view)!.then((running) => running?.shown?.());
  }

  /** Stop every started view (signing out, or the session ended). */
  stop(): void {
    this.isStopped = true;
    window.removeEventListener('hashchange', this.onHashChange);
    for (const running of this.running.values()) void running.then((view) => view?.stop());
    this.running.clear();
  }
}
