import { describe, expect, it } from 'vitest';
import { describeZoneWindow, windowInputOf, windowMsOf } from './zone-window.ts';

const START_MS = Date.UTC(2030, 5, 14, 6, 0); // 08:00 in Blantyre (UTC+02:00 all year)
const END_MS = Date.UTC(2030, 5, 14, 8, 30);

describe('zone windows in the corridor’s time zone', () => {
  it('describes open and closed windows in local wall time', () => {
    expect(describeZoneWindow(null, null, 'Africa/Blantyre')).toBe('always in force');
    expect(describeZoneWindow(START_MS, END_MS, 'Africa/Blantyre')).toBe('Fri 14 Jun 2030 08:00–10:30');
    expect(describeZoneWindow(START_MS, null, 'Africa/Blantyre')).toBe('from Fri 14 Jun 2030 08:00');
    expect(describeZoneWindow(null, END_MS, 'Pacific/Efate')).toBe('until Fri 14 Jun 2030 19:30');
  });

  it('reads datetime-local values as wall time in the corridor, not the browser', () => {
    expect(windowMsOf('2030-06-14T08:00', 'Africa/Blantyre')).toBe(START_MS);
    expect(windowMsOf('', 'Africa/Blantyre')).toBeNull();
    expect(windowInputOf(START_MS, 'Africa/Blantyre')).toBe('2030-06-14T08:00');
    expect(windowInputOf(START_MS, 'Pacific/Efate')).toBe('2030-06-14T17:00');
    expect(windowInputOf(null, 'Africa/Blantyre')).toBe('');
    expect(() => windowMsOf('14/06/2030 08:00', 'Africa/Blantyre')).toThrow(/YYYY-MM-DDTHH:MM/);
  });
});
