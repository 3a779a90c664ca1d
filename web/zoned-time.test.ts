import { describe, expect, it } from 'vitest';
import { addDays, describeWindow, offsetLabel, zonedClockOf, zonedDateOf, zonedDayMs, zonedTimeToMs } from './zoned-time.ts';

describe('zoned time', () => {
  it('turns local wall time in Malawi and Vanuatu into instants and back', () => {
    expect(zonedTimeToMs('2030-06-14', '08:00', 'Africa/Blantyre')).toBe(Date.UTC(2030, 5, 14, 6, 0));
    expect(zonedTimeToMs('2030-06-14', '08:00', 'Pacific/Efate')).toBe(Date.UTC(2030, 5, 13, 21, 0));
    const atMs = Date.UTC(2030, 5, 13, 21, 30);
    expect(zonedDateOf(atMs, 'Pacific/Efate')).toBe('2030-06-14');
    expect(zonedClockOf(atMs, 'Pacific/Efate')).toBe('08:30');
    expect(zonedDateOf(atMs, 'Africa/Blantyre')).toBe('2030-06-13');
  });

  it('settles wall times across a daylight-saving change (23- and 25-hour days)', () => {
    // Europe/London springs forward at 01:00 UTC on 31 March 2030.
    expect(zonedTimeToMs('2030-03-31', '03:00', 'Europe/London')).toBe(Date.UTC(2030, 2, 31, 2, 0));
    const spring = zonedDayMs('2030-03-31', 'Europe/London');
    expect(spring.endsAtMs - spring.startsAtMs).toBe(23 * 3_600_000);
    const autumn = zonedDayMs('2030-10-27', 'Europe/London');
    expect(autumn.endsAtMs - autumn.startsAtMs).toBe(25 * 3_600_000);
  });

  it('names offsets and describes windows, including ones ending at or past midnight', () => {
    expect(offsetLabel('Africa/Blantyre', 0)).toBe('UTC+02:00');
    expect(offsetLabel('America/St_Johns', Date.UTC(2030, 0, 1))).toBe('UTC−03:30');
    expect(offsetLabel('UTC', 0)).toBe('UTC');
    const tz = 'Africa/Blantyre';
    expect(describeWindow(zonedTimeToMs('2030-06-14', '08:00', tz), zonedTimeToMs('2030-06-14', '10:30', tz), tz)).toBe('Fri 14 Jun 2030 08:00–10:30');
    expect(describeWindow(zonedTimeToMs('2030-06-14', '22:00', tz), zonedTimeToMs('2030-06-15', '00:00', tz), tz)).toBe('Fri 14 Jun 2030 22:00–24:00');
    expect(describeWindow(zonedTimeToMs('2030-06-14', '22:00', tz), zonedTimeToMs('2030-06-15', '02:00', tz), tz)).toBe('Fri 14 Jun 2030 22:00 – Sat 15 Jun 2030 02:00');
    expect(addDays('2030-12-31', 1)).toBe('2031-01-01');
  });

  it('names the bad argument', () => {
    expect(() => zonedTimeToMs('14/06/2030', '08:00', 'Africa/Blantyre')).toThrow(/'YYYY-MM-DD' date/);
  });
});
