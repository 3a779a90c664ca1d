/** The storage alarms in words, as the banner shows them: elapsed time on the server's clock, counts, what each means. */
import { describe, expect, it } from 'vitest';
import type { PlatformAlarmView } from '../server/contracts/index.ts';
import { platformAlarmText } from './platform-alarm-banner.ts';

// Times of day are the browser's; this test reads them as an operator in Kasungu would (CAT, UTC+2, no summer time).
process.env.TZ = 'Africa/Blantyre';

const SINCE_MS = Date.parse('2026-11-27T21:00:05Z');
const alarm = (kind: PlatformAlarmView['kind'], heldWrites: number, droppedPositions: number): PlatformAlarmView =>
  ({ kind, sinceMs: SINCE_MS, heldWrites, droppedPositions, refusedWrites: 0, message: '(the /healthz sentence, not shown)' });

describe('the elapsed time', () => {
  it('counts whole seconds up, as the Flights view writes durations, and never below 0 s', () => {
    const elapsedAfter = (ms: number) => platformAlarmText(alarm('database-unreachable', 1, 0), SINCE_MS + ms).elapsed;
    expect([-500, 0, 59_999, 60_000, 80_400, 3_599_999, 3_600_000, 7_530_000].map(elapsedAfter)).toEqual(['0 s', '0 s', '59 s', '1 min 00 s', '1 min 20 s', '59 min 59 s', '1 h 00 min', '2 h 05 min']);
  });
});

describe('platformAlarmText', () => {
  it('says since when the database is unreachable, for how long, the writes held and that nothing is lost', () => {
    expect(platformAlarmText(alarm('database-unreachable', 4312, 0), SINCE_MS + 80_000)).toEqual({
      what: 'Database unreachable since 23:00:05',
      elapsed: '1 min 20 s',
      detail: '4,312 writes held; live map and alerts continue, nothing is lost',
    });
  });

  it('does not say nothing is lost once positions were dropped, and says how many', () => {
    expect(platformAlarmText(alarm('database-unreachable', 12, 7), SINCE_MS).detail).toBe('12 writes held; live map and alerts continue');
    expect(platformAlarmText(alarm('spool-full', 12, 1500), SINCE_MS + 20_000)).toEqual({
      what: 'Telemetry spool full since 23:00:05',
      elapsed: '20 s',
      detail: '1,500 positions dropped so far (not stored); live map and alerts continue',
    });
    expect(platformAlarmText(alarm('positions-dropped', 0, 1500), SINCE_MS + 600_000)).toEqual({
      what: '1,500 positions were not stored',
      elapsed: null,
      detail: 'the telemetry spool was full (from 23:00:05)',
    });
  });

  it('counts the writes the database refused, and says the rest are stored', () => {
    expect(platformAlarmText({ ...alarm('writes-refused', 0, 0), refusedWrites: 1234 }, SINCE_MS + 5000)).toEqual({
      what: '1,234 writes refused by the database',
      elapsed: null,
      detail: "set aside from 23:00:05 so the rest are stored; positions stay in their flight's .tlog; the server log names each",
    });
  });
});
