import { describe, expect, it } from 'vitest';
import { missionFromPlan, planFromMission } from './mission-plan.ts';
import type { MissionItem } from './mission-transfer.ts';

const HOME = [33.4686, -13.0146, 1050] as const;

function item(seq: number, command: number, lon: number, lat: number, z: number, frame = 3, params: [number, number, number, number] = [0, 0, 0, 0]): MissionItem {
  return { seq, frame, command, params, x: Math.round(lat * 1e7), y: Math.round(lon * 1e7), z, autocontinue: 1 };
}

describe('planFromMission', () => {
  it('flies the waypoints from home, takes off to NAV_TAKEOFF’s height, and ends as the mission says', () => {
    const plan = planFromMission([
      item(0, 16, 33.4686, -13.0146, 1050, 0), item(1, 22, 0, 0, 30), item(2, 178, 0, 0, 0, 3, [1, 12, -1, 0]),
      item(3, 16, 33.47, -13.01, 40), item(4, 16, 33.48, -13.01, 1100, 0), item(5, 20, 0, 0, 0), item(6, 16, 33.5, -13, 40),
    ], HOME, 'copter', 15);
    expect(plan).toEqual({
      kind: 'copter', route: [[33.4686, -13.0146, 30], [33.47, -13.01, 40], [33.48, -13.01, 50]], speedMps: 12, loop: false, endAction: 'rtl', armAfterS: null,
    });
  });

  it('lands at NAV_LAND’s point, or holds at the last point without one; nothing to fly gives null', () => {
    const landing = planFromMission([item(0, 16, 0, 0, 0), item(1, 16, 33.47, -13.01, 40), item(2, 21, 33.471, -13.011, 0)], HOME, 'plane', 20);
    expect(landing).toMatchObject({ route: [[33.4686, -13.0146, 40], [33.47, -13.01, 40], [33.471, -13.011, 40]], endAction: 'land' });
    expect(planFromMission([item(0, 16, 0, 0, 0), item(1, 16, 33.47, -13.01, 40)], HOME, 'copter', 15)).toMatchObject({ endAction: 'hold' });
    expect(planFromMission([item(0, 16, 0, 0, 0), item(1, 183, 0, 0, 0)], HOME, 'copter', 15)).toBeNull();
    expect(planFromMission([], HOME, 'copter', 15)).toBeNull();
  });
});

describe('missionFromPlan', () => {
  it('writes home (MSL) then each route point as NAV_WAYPOINT at its height above home, readable back', () => {
    const plan = { kind: 'copter' as const, route: [[33.4686, -13.0146, 50], [33.47, -13.01, 60]] as const, speedMps: 15, loop: false, endAction: 'rtl' as const };
    const items = missionFromPlan(plan, 1050);
    expect(items.map((entry) => [entry.seq, entry.command, entry.frame, entry.z])).toEqual([[0, 16, 0, 1050], [1, 16, 6, 60], [2, 20, 6, 0]]);
    expect(planFromMission(items, HOME, 'copter', 15)).toMatchObject({ route: [[33.4686, -13.0146, 60], [33.47, -13.01, 60]], endAction: 'rtl' });
  });
});
