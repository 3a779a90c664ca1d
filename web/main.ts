/**
 * The page's boot, in order: ask who is signed in (GET /api/auth/session); show the sign-in form
 * until someone is; then the header's account corner and the view the hash asks for — the live
 * map, bookings ('#bookings'), zones ('#zones') or flights ('#flights'); the others start when first
 * switched to. No map, booking, zone or flight data is asked for before that. Losing the session
 * later (a 401, the socket refused, or closed by the server after
 * a revoke) brings the form back; signing in again then reloads the page, so the map, panels and
 * socket start clean with the new person's grants.
 */
import 'leaflet/dist/leaflet.css';
import './styles.css';
import type { SessionView } from '../server/contracts/index.ts';
import { ApiClient } from './api.ts';
import { startBookingsPage } from './bookings-page.ts';
import { startLiveMap } from './live-map.ts';
import { startReviewPage } from './review-page.ts';
import { startZonesPage } from './zone-page.ts';
import { showSessionHeader } from './session-header.ts';
import { showSignIn } from './sign-in.ts';
import { ViewSwitcher, type ViewName } from './view-switcher.ts';

/** Which part of the page shows (styles.css keys on body[data-auth]). */
type AuthState = 'checking' | 'signed-out' | 'signed-in';

const NOTICES = {
  sessionEnded: 'Your session has ended (signed out, expired or revoked). Sign in again to continue.',
  unreachable: (error: unknown) => `Could not check whether you are signed in (${error instanceof Error ? error.message : String(error)}).`,
  notLoaded: {
    map: 'could not load the map — reload to retry', bookings: 'Could not load the bookings — reload to retry',
    zones: 'Could not load the zones — reload to retry', flights: 'Could not load the flights — reload to retry',
  },
} as const;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function boot(): void {
  let views: ViewSwitcher | null = null;
  // While signing out, the server closes this page's socket itself; that is expected, not a revoke.
  let isSigningOut = false;
  const state = () => document.body.dataset.auth as AuthState;
  const setState = (next: AuthState) => void (document.body.dataset.auth = next);
  const signIn = (notice?: string) => {
    setState('signed-out');
    return showSignIn(byId('sign-in-screen'), api, notice ? { notice } : {});
  };

  const returnToSignIn = (notice: string) => {
    if (state() === 'signed-out' || isSigningOut) return;
    views?.stop();
    views = null;
    void signIn(notice).then(() => location.reload());
  };
  const api = new ApiClient({ onSignedOut: () => returnToSignIn(NOTICES.sessionEnded) });

  // Revoked: sign in again. Still signed in (the person's grants changed): reload into the new rooms.
  const onServerDisconnect = () => {
    if (isSigningOut) return;
    api.session().then(
      (session) => (session ? location.reload() : returnToSignIn(NOTICES.sessionEnded)),
      (error: unknown) => returnToSignIn(NOTICES.unreachable(error)),
    );
  };

  const signOut = async () => {
    isSigningOut = true;
    try {
      await api.signOut();
    } catch (error) {
      isSigningOut = false;
      throw error;
    }
    views?.stop();
    location.reload(); // the fresh page finds no session and shows the sign-in form
  };

  const onStartFailed = (view: ViewName, error: unknown) => {
    // A 401 while loading has already brought the form back; anything else leaves the view unloaded.
    if (state() !== 'signed-in') return;
    const reason = error instanceof Error ? error.message : String(error);
    if (view === 'map') byId('connection-state').textContent = NOTICES.notLoaded.map;
    else if (view === 'bookings') byId('bookings-error').textContent = `${NOTICES.notLoaded.bookings} (${reason}).`;
    else if (view === 'zones') byId('zones-notice').textContent = `${NOTICES.notLoaded.zones} (${reason}).`;
    else byId('flights-error').textContent = `${NOTICES.notLoaded.flights} (${reason}).`;
    console.error(`${view} view:`, error);
  };

  const enter = (session: SessionView) => {
    setState('signed-in');
    showSessionHeader({ name: byId('session-name'), roles: byId('session-roles'), signOut: byId('sign-out') }, session, signOut);
    const onSignInNeeded = () => returnToSignIn(NOTICES.sessionEnded);
    views = new ViewSwitcher({
      start: {
        map: async () => {
          const liveMap = await startLiveMap(api, { onSignInNeeded, onServerDisconnect });
          // Leaflet measures its container on window resize; one hidden meanwhile has the wrong size.
          return { stop: () => liveMap.stop(), shown: () => window.dispatchEvent(new Event('resize')) };
        },
        bookings: () => startBookingsPage(api, session, { onSignInNeeded, onServerDisconnect }),
        zones: () => startZonesPage(api, session, { onSignInNeeded }),
        flights: () => startReviewPage(session, { onSignInNeeded }),
      },
      onStartFailed,
    });
  };

  setState('checking');
  api
    .session()
    .then((session) => session ?? signIn(), (error: unknown) => signIn(NOTICES.unreachable(error)))
    .then(enter)
    .catch((error: unknown) => console.error('boot:', error));
}

boot();
