/** Booking rules as pure functions: local hours across time zones, daylight, free windows, the state machine. */
import { describe, expect, it } from 'vitest';
import type { BookingRulesView } from '../contracts/index.ts';
import { daylightOn, findRuleBreach, freeWindows, localTimeToMs, nextStatus, openWindows } from './booking-rules.ts';

const HOUR_MS = 3_600_000;
const kasungu = { name: 'Kasungu', ceilingM: 400, ceilingReference: 'AGL', center: [33.47, -13.01] as [number, number] };
const epi = { name: 'Epi', ceilingM: 120, ceilingReference: 'AGL', center: [168.2, -16.72] as [number, number] };
const rules = (overrides: Partial<BookingRulesView> = {}): BookingRulesView => ({
  corridorId: 'c', timezone: 'Africa/Blantyre', opensAt: '06:00', closesAt: '18:00', daylightOnly: false, minLeadMinutes: 60,
  minDurationMinutes: 15, maxDurationMinutes: 480, wholeCorridorExclusive: true, ...overrides,
});
const NOW = Date.parse('2026-11-27T12:00:00Z');

describe('booking rules', () => {
  it('turns local wall time into instants in the corridor’s zone', () => {
    expect(new Date(localTimeToMs('2026-11-28', '06:00', 'Africa/Blantyre')).toISOString()).toBe('2026-11-28T04:00:00.000Z');
    expect(new Date(localTimeToMs('2026-11-28', '06:00', 'Pacific/Efate')).toISOString()).toBe('2026-11-27T19:00:00.000Z');
    expect(new Date(localTimeToMs('2026-11-28', '24:00', 'Pacific/Efate')).toISOString()).toBe('2026-11-28T13:00:00.000Z');
  });

  it('opens Kasungu 06:00–18:00 local each day, and Epi only in daylight', () => {
    const days = openWindows(rules(), kasungu.center, Date.parse('2026-11-28T00:00:00Z'), Date.parse('2026-11-30T00:00:00Z'));
    expect(days.map((window) => [new Date(window.startsAtMs).toISOString(), new Date(window.endsAtMs).toISOString()])).toEqual([
      ['2026-11-28T04:00:00.000Z', '2026-11-28T16:00:00.000Z'],
      ['2026-11-29T04:00:00.000Z', '2026-11-29T16:00:00.000Z'],
    ]);
    const sun = daylightOn('2026-11-28', epi.center, 'Pacific/Efate');
    const [window] = openWindows(rules({ timezone: 'Pacific/Efate', opensAt: '00:00', closesAt: '24:00', daylightOnly: true }), epi.center, sun.startsAtMs - HOUR_MS, sun.endsAtMs + HOUR_MS);
    expect(window).toEqual(sun);
    // Sunrise in Epi in late November is a little after 05:00 local, sunset a little after 18:00.
    expect(new Date(sun.startsAtMs + 11 * HOUR_MS).toISOString().slice(11, 13)).toBe('05');
    expect(new Date(sun.endsAtMs + 11 * HOUR_MS).toISOString().slice(11, 13)).toBe('18');
  });

  it('joins days open round the clock, so a slot may run over midnight', () => {
    const open = openWindows(rules({ opensAt: '00:00', closesAt: '24:00' }), kasungu.center, NOW, NOW + 3 * 24 * HOUR_MS);
    expect(open).toEqual([{ startsAtMs: NOW, endsAtMs: NOW + 3 * 24 * HOUR_MS }]);
  });

  it('leaves free the open times no held booking covers', () => {
    const open = [{ startsAtMs: 0, endsAtMs: 100 }, { startsAtMs: 200, endsAtMs: 300 }];
    expect(freeWindows(open, [{ startsAtMs: 10, endsAtMs: 20 }, { startsAtMs: 15, endsAtMs: 40 }, { startsAtMs: 250, endsAtMs: 400 }])).toEqual([
      { startsAtMs: 0, endsAtMs: 10 }, { startsAtMs: 40, endsAtMs: 100 }, { startsAtMs: 200, endsAtMs: 250 },
    ]);
  });

  it('names the rule a request breaks', () => {
    const at = (isoStart: string, minutes: number, band = { altitudeMinM: 0, altitudeMaxM: 120 }) => ({ startsAtMs: Date.parse(isoStart), endsAtMs: Date.parse(isoStart) + minutes * 60_000, ...band });
    expect(findRuleBreach(at('2026-11-28T07:00:00Z', 60), kasungu, rules(), NOW)).toBeNull();
    expect(findRuleBreach(at('2026-11-28T15:30:00Z', 60), kasungu, rules(), NOW)).toBe("17:30–18:30 on 2026-11-28 (Africa/Blantyre) is outside Kasungu's operating hours, 06:00–18:00");
    expect(findRuleBreach(at('2026-11-28T07:00:00Z', 60, { altitudeMinM: 0, altitudeMaxM: 401 }), kasungu, rules(), NOW)).toMatch(/above Kasungu's ceiling of 400 m AGL/);
    expect(findRuleBreach(at('2026-11-27T12:30:00Z', 60), kasungu, rules(), NOW)).toBe('Kasungu takes bookings at least 60 minutes ahead');
    expect(findRuleBreach(at('2026-11-28T07:00:00Z', 60), epi, rules({ timezone: 'Pacific/Efate', opensAt: '00:00', closesAt: '24:00', daylightOnly: true }), NOW))
      .toMatch(/^18:00–19:00 on 2026-11-28 \(Pacific\/Efate\) is outside Epi's hours: 00:00–24:00 and daylight only \(sunrise 05:\d\d, sunset 18:\d\d\)$/);
  });

  it('moves a booking only along its allowed transitions', () => {
    expect(nextStatus('requested', 'approve')).toBe('approved');
    expect(nextStatus('approved', 'approve')).toBeNull();
    expect(nextStatus('rejected', 'cancel')).toBeNull();
    expect(nextStatus('approved', 'change')).toBe('requested');
    expect(nextStatus('active', 'change')).toBeNull();
    expect(nextStatus('approved', 'begin')).toBe('active');
    expect(nextStatus('active', 'complete')).toBe('completed');
    expect(nextStatus('completed', 'cancel')).toBeNull();
  });
});
