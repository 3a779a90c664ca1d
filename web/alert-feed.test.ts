import { describe, expect, it } from 'vitest';
import type { AlertView } from '../server/contracts/index.ts';
import { AlertFeed } from './alert-feed.ts';

const alert = (id: string, raisedAtMs: number, overrides: Partial<AlertView> = {}): AlertView => ({
  id, kind: 'zone-breach', severity: 'critical', message: `alert ${id}`, vehicleId: 'v', systemId: 12, corridorId: 'c', organisationId: null, zoneId: null,
  raisedAtMs, acknowledgedAtMs: null, acknowledgedBy: null, acknowledgementComment: null, ...overrides,
});
const acknowledged = (base: AlertView) => ({ ...base, acknowledgedAtMs: base.raisedAtMs + 10, acknowledgedBy: 'op@x', acknowledgementComment: 'done' });

describe('AlertFeed', () => {
  it('merges alerts from every source by id and keeps the newest raise time for the next catch-up', () => {
    const feed = new AlertFeed();
    expect(feed.newestRaisedAtMs).toBeNull();
    expect(feed.take(alert('a', 100))).toBe('new');
    expect(feed.take(alert('b', 300))).toBe('new');
    expect(feed.take(alert('a', 100))).toBe('unchanged'); // the same alert again, from a catch-up
    expect(feed.newestRaisedAtMs).toBe(300);
    expect(feed.newest(10).map((item) => item.id)).toEqual(['b', 'a']);
    expect(feed.newest(1).map((item) => item.id)).toEqual(['b']);
  });
  it('takes an acknowledgement, and never lets an older copy undo it', () => {
    const feed = new AlertFeed();
    feed.take(alert('a', 100));
    expect(feed.take(acknowledged(alert('a', 100)))).toBe('updated');
    expect(feed.take(alert('a', 100))).toBe('unchanged');
    expect(feed.get('a')?.acknowledgedBy).toBe('op@x');
  });
});
