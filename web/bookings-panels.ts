/**
 * The panels of the Bookings view and how each is refreshed: the availability timeline, and by
 * role the request form, "My bookings" and the aircraft (partners), the queue of requests
 * (operators), the day plan and the corridor's upcoming bookings (staff) and the rules form.
 * Which sections are visible is the page's business; this file only fills them.
 */
import type { AircraftView, BookingRulesView, BookingView, CorridorView } from '../server/contracts/index.ts';
import { renderAircraftList } from './aircraft-list.ts';
import { showAircraftForm } from './aircraft-form.ts';
import { renderAvailabilityTimeline, suggestedWindow } from './availability-timeline.ts';
import type { BookingAbilities } from './booking-abilities.ts';
import { BookingForm } from './booking-form.ts';
import { BookingList } from './booking-list.ts';
import { BookingRulesForm } from './booking-rules-form.ts';
import type { BookingsApi } from './bookings-api.ts';
import { withLocalConflictWindow } from './conflict-window.ts';
import { DayPlan } from './day-plan.ts';
import { zonedDayMs } from './zoned-time.ts';

/** The toolbar's choice: which corridor, which local day. */
export interface BookingsChoice {
  corridor: CorridorView;
  rules: BookingRulesView;
  /** 'YYYY-MM-DD' in the corridor's time zone. */
  day: string;
}

export interface BookingsPanelsOptions {
  timeZoneOf: (corridorId: string) => string;
  corridorName: (corridorId: string) => string;
  /** The request form's date changed. */
  onDateChange: (date: string) => void;
  /** Something was done here (requested, decided, cancelled, registered): refresh. */
  onChanged: () => void;
  onRulesSaved: (rules: BookingRulesView) => void;
}

export interface BookingsPanels {
  /** The corridor or day changed: redraw what depends on that alone (forms, maps). */
  showChoice(choice: BookingsChoice): void;
  /** Reload availability, bookings and plan. */
  refresh(choice: BookingsChoice): Promise<void>;
  refreshAircraft(): Promise<void>;
  resized(): void;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** Bookings that ended longer ago than this drop off "My bookings". */
const RECENT_MS = 7 * 86_400_000;
const byStart = (a: BookingView, b: BookingView) => a.startsAtMs - b.startsAtMs || a.endsAtMs - b.endsAtMs;

export function startBookingsPanels(api: BookingsApi, abilities: BookingAbilities, options: BookingsPanelsOptions): BookingsPanels {
  const isPartner = abilities.organisationId !== null;
  const listBase = { corridorName: options.corridorName, timeZoneOf: options.timeZoneOf };
  const act = (work: Promise<unknown>) => work.then(options.onChanged);
  let aircraft: AircraftView[] = [];
  let lastChoice: BookingsChoice | null = null;

  const form = isPartner ? new BookingForm(byId('booking-form-host'), byId('booking-area-map'), { api, onDateChange: options.onDateChange, onRequested: options.onChanged }) : null;
  const myBookings = new BookingList(byId('my-bookings'), {
    ...listBase, showWho: false, emptyText: 'No bookings yet.',
    actionsFor: (booking) => (booking.status === 'requested' || booking.status === 'approved'
      ? [{ name: 'cancel', label: 'Cancel', reason: 'optional', reasonPrompt: 'Reason (optional; the operator sees it)', run: (reason) => act(api.cancelBooking(booking.id, reason)) }]
      : []),
  });
  const queue = new BookingList(byId('booking-queue'), {
    ...listBase, showWho: true, emptyText: 'No requests waiting.',
    actionsFor: (booking) => (abilities.canDecide(booking.corridorId) ? [
      {
        name: 'approve', label: 'Approve', reason: 'none',
        run: () => act(api.approveBooking(booking.id).catch((error: unknown) => {
          throw withLocalConflictWindow(error, options.timeZoneOf(booking.corridorId));
        })),
      },
      { name: 'reject', label: 'Reject', reason: 'required', reasonPrompt: 'Reason for rejecting (the partner sees it)', run: (reason) => act(api.rejectBooking(booking.id, reason!)) },
    ] : []),
  });
  const corridorBookings = new BookingList(byId('corridor-bookings'), { ...listBase, showWho: true, emptyText: 'Nothing booked from now on.', actionsFor: () => [] });
  const dayPlan = abilities.isStaff ? new DayPlan(byId('day-plan-map'), byId('day-plan-list')) : null;
  const rulesForm = new BookingRulesForm(byId('booking-rules-host'), api, options.onRulesSaved);
  if (isPartner) showAircraftForm(byId('aircraft-form-host'), api, () => void refreshAircraft());

  const showForm = () => {
    if (form && lastChoice) form.show({ corridor: lastChoice.corridor, rules: lastChoice.rules, date: lastChoice.day, aircraft: aircraft.filter((item) => !item.retired) });
  };
  const refreshAircraft = async () => {
    aircraft = await api.listAircraft();
    renderAircraftList(byId('aircraft-list'), aircraft, (aircraftId) => api.retireAircraft(aircraftId).then(refreshAircraft));
    showForm();
  };

  const refreshAvailability = async ({ corridor, rules, day }: BookingsChoice) => {
    const window = zonedDayMs(day, rules.timezone);
    const availability = await api.availability(corridor.id, window.startsAtMs, window.endsAtMs);
    renderAvailabilityTimeline(byId('availability-timeline'), availability, window, {
      timeZone: rules.timezone,
      nowMs: Date.now(),
      onPickFree: (free) => form?.setWindow(suggestedWindow(free)),
    });
    form?.showTaken(availability.taken.map((slot) => ({
      area: slot.area,
      className: `booked-area${slot.isMine ? ' is-mine' : ''}${slot.status === 'requested' ? ' is-requested' : ''}`,
      label: `${slot.status} · ${slot.altitudeMinM}–${slot.altitudeMaxM} m`,
    })));
  };

  const refreshBookings = async ({ corridor, rules, day }: BookingsChoice) => {
    const nowMs = Date.now();
    const work: Array<Promise<void>> = [];
    if (isPartner) work.push(api.listBookings().then((bookings) => myBookings.render(bookings.filter((booking) => booking.endsAtMs > nowMs - RECENT_MS).sort(byStart))));
    if (abilities.decidesAnywhere) {
      work.push(api.listBookings({ status: 'requested' }).then((requested) => {
        const decidable = requested.filter((booking) => abilities.canDecide(booking.corridorId)).sort(byStart);
        byId('queue-count').textContent = `(${decidable.length})`;
        queue.render(decidable);
      }));
    }
    if (abilities.isStaff) {
      work.push(api.listBookings({ corridorId: corridor.id }).then((bookings) => {
        dayPlan?.show(corridor, bookings, zonedDayMs(day, rules.timezone), { timeZone: rules.timezone, nowMs });
        corridorBookings.render(bookings.filter((booking) => booking.endsAtMs > nowMs).sort(byStart));
      }));
    }
    await Promise.all(work);
  };

  return {
    showChoice(choice) {
      lastChoice = choice;
      showForm();
      form?.setDate(choice.day);
      if (abilities.canSetRules(choice.corridor.id)) rulesForm.show(choice.rules);
    },
    refresh: (choice) => Promise.all([refreshAvailability(choice), refreshBookings(choice)]).then(() => undefined),
    refreshAircraft,
    resized() {
      form?.resized();
      dayPlan?.resized();
    },
  };
}
