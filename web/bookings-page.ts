/**
 * The Bookings view: a corridor and a day chosen in its toolbar; that day's availability for
 * everyone; for partners the request form, their bookings and their aircraft; for operators the
 * queue of requests to decide, the day's plan and the corridor's booking rules; for regulators the
 * plan and the bookings, read-only. Lists follow `booking:changed` over the view's own socket.
 * index.html holds a section per audience (data-for); this file shows those the grants allow.
 */
import type { BookingRulesView, SessionView } from '../server/contracts/index.ts';
import type { ApiClient } from './api.ts';
import { bookingAbilitiesOf, type BookingAbilities } from './booking-abilities.ts';
import { describeRules } from './booking-rules-form.ts';
import { BookingsApi } from './bookings-api.ts';
import { startBookingsPanels, type BookingsChoice } from './bookings-panels.ts';
import { watchBookings } from './bookings-socket.ts';
import { addDays, offsetLabel, zonedDateOf, zonedTimeToMs } from './zoned-time.ts';

export interface BookingsPageOptions {
  /** A call or the socket found the session gone (expired or revoked). */
  onSignInNeeded: () => void;
  /** The server closed the socket on purpose: the session was revoked, or the person's grants changed. */
  onServerDisconnect: () => void;
}

export interface BookingsPage {
  /** The view was shown again: its maps measure themselves anew. */
  shown(): void;
  stop(): void;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** A decision arrives as a burst of changes (the answer and the event): refresh once per burst. */
const REFRESH_DELAY_MS = 150;

function showSectionsFor(abilities: BookingAbilities): void {
  const isShownTo: Record<string, boolean> = {
    partner: abilities.organisationId !== null,
    staff: abilities.isStaff,
    decider: abilities.decidesAnywhere,
  };
  for (const section of document.querySelectorAll<HTMLElement>('#bookings-view [data-for]')) section.hidden = !isShownTo[section.dataset.for!];
}

/** Load corridors and their rules, show the sections the session may use and follow changes. */
export async function startBookingsPage(api: ApiClient, session: SessionView, options: BookingsPageOptions): Promise<BookingsPage> {
  const abilities = bookingAbilitiesOf(session.grants);
  const bookingsApi = new BookingsApi({ csrfToken: session.csrfToken, onSignedOut: options.onSignInNeeded });
  const allCorridors = await api.fetchCorridors();
  const rules = new Map<string, BookingRulesView>();
  const settled = await Promise.allSettled(allCorridors.map(async (corridor) => rules.set(corridor.id, await bookingsApi.rules(corridor.id))));
  // A corridor whose rules cannot be read cannot be shown in its own time: leave it out, but say why.
  for (const result of settled) if (result.status === 'rejected') console.warn('bookings: corridor rules unavailable:', result.reason);
  const corridors = allCorridors.filter((corridor) => rules.has(corridor.id));
  if (corridors.length === 0) throw new Error('No corridor to show: the booking rules of every corridor failed to load.');
  showSectionsFor(abilities);

  const select = byId<HTMLSelectElement>('bookings-corridor');
  const dayInput = byId<HTMLInputElement>('bookings-day');
  const errorLine = byId('bookings-error');
  select.replaceChildren(...corridors.map((corridor) => new Option(`${corridor.country} — ${corridor.name}`, corridor.id)));
  select.value = (corridors.find((corridor) => location.hash === `#bookings/${corridor.slug}`) ?? corridors[0]!).id;
  const timeZoneOf = (corridorId: string) => rules.get(corridorId)?.timezone ?? 'UTC';
  const todayIn = (corridorId: string) => zonedDateOf(Date.now(), timeZoneOf(corridorId));
  dayInput.value = todayIn(select.value);
  const choice = (): BookingsChoice => {
    const corridor = corridors.find((candidate) => candidate.id === select.value)!;
    return { corridor, rules: rules.get(corridor.id)!, day: dayInput.value || todayIn(corridor.id) };
  };

  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      panels.refresh(choice()).then(
        () => void (errorLine.textContent = ''),
        (error: unknown) => {
          errorLine.textContent = `Could not load the bookings: ${error instanceof Error ? error.message : String(error)}`;
          console.error('bookings:', error);
        },
      );
    }, REFRESH_DELAY_MS);
  };

  /** The corridor or day changed: name the time zone, show the rules, redraw. */
  const showChoice = () => {
    const { corridor, rules: corridorRules, day } = choice();
    const zone = corridorRules.timezone;
    byId('bookings-timezone').textContent = `Local time: ${zone} (${offsetLabel(zone, zonedTimeToMs(day, '12:00', zone))})`;
    byId('bookings-rules-summary').textContent = describeRules(corridorRules);
    byId('rules-section').hidden = !abilities.canSetRules(corridor.id);
    history.replaceState(null, '', `#bookings/${corridor.slug}`);
    panels.showChoice(choice());
    refresh();
  };
  const setDay = (day: string) => {
    dayInput.value = day;
    showChoice();
  };

  const panels = startBookingsPanels(bookingsApi, abilities, {
    timeZoneOf,
    corridorName: (corridorId) => corridors.find((corridor) => corridor.id === corridorId)?.name ?? 'another corridor',
    onDateChange: setDay,
    onChanged: refresh,
    onRulesSaved: (saved) => {
      rules.set(saved.corridorId, saved);
      showChoice();
    },
  });
  select.addEventListener('change', showChoice);
  dayInput.addEventListener('change', () => dayInput.value && showChoice());
  byId('bookings-day-prev').addEventListener('click', () => setDay(addDays(choice().day, -1)));
  byId('bookings-day-next').addEventListener('click', () => setDay(addDays(choice().day, 1)));
  showChoice();
  if (abilities.organisationId) await panels.refreshAircraft();

  const socket = watchBookings({
    indicator: byId('bookings-connection'),
    onChanged: refresh,
    onSignInNeeded: options.onSignInNeeded,
    onServerDisconnect: options.onServerDisconnect,
  });
  return {
    shown: () => panels.resized(),
    stop() {
      clearTimeout(refreshTimer);
      socket.stop();
    },
  };
}
