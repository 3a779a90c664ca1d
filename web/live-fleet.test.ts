import { describe, expect, it } from 'vitest';
import { LiveFleet } from './live-fleet.ts';
import { testVehicle } from './live-test-vehicle.ts';

const at = (atMs: number, lon: number) => testVehicle({ lastPositionAtMs: atMs, lastHeardAtMs: atMs, position: { ...testVehicle().position!, lon } });

describe('LiveFleet trails', () => {
  it('adds a trail point at most once a second, as the server keeps them', () => {
    const fleet = new LiveFleet();
    fleet.upsert(at(1000, 33.1));
    fleet.upsert(at(1500, 33.2)); // half a second later: the view changes, the trail does not
    fleet.upsert(at(2000, 33.3));
    expect(fleet.trailOf('udp-14550:11:1').map((point) => point[0])).toEqual([33.1, 33.3]);
    expect(fleet.vehicles.get('udp-14550:11:1')?.position?.lon).toBe(33.3); // the view is always the latest
  });
  it("backfills from the server's trail and keeps live points newer than the server's last one", () => {
    const fleet = new LiveFleet();
    fleet.upsert(at(5000, 33.5));
    fleet.backfillTrails([{ vehicleId: 'udp-14550:11:1', points: [[33.3, -13, 1170, 3000], [33.4, -13, 1170, 4000]] }]);
    expect(fleet.trailOf('udp-14550:11:1').map((point) => point[3])).toEqual([3000, 4000, 5000]);
  });
  it('drops points older than the trail length, and keeps a lost aircraft listed', () => {
    const fleet = new LiveFleet({ trailMs: 60_000 });
    fleet.upsert(at(0, 33.1));
    fleet.upsert(at(30_000, 33.2));
    fleet.upsert(testVehicle({ linkState: 'lost', lastHeardAtMs: 30_000, lastPositionAtMs: 30_000 }));
    const version = fleet.trailVersion;
    fleet.trimTrails(70_000);
    expect(fleet.trailOf('udp-14550:11:1').map((point) => point[3])).toEqual([30_000]);
    expect(fleet.trailVersion).toBeGreaterThan(version);
    expect(fleet.vehicles.get('udp-14550:11:1')?.linkState).toBe('lost');
  });
});
