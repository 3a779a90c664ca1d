/** The access rules as pure functions: what each role sees and may do, and that live rooms agree with canSee. */
import { describe, expect, it } from 'vitest';
import { canDelegate, canMaintainZones, canOperate, canSee, roomsFor, roomsOf, visibilityOf, type Audience, type Principal } from './access-policy.ts';

const principal = (grants: Principal['grants']): Principal => ({ userId: 'u', sessionId: 's', tokenId: null, label: 'someone', grants });
const PRINCIPALS = {
  admin: principal([{ role: 'admin' }]),
  kasunguOperator: principal([{ role: 'operator', corridorId: 'kasungu' }]),
  kasunguRegulator: principal([{ role: 'regulator', corridorId: 'kasungu' }]),
  partnerA: principal([{ role: 'partner', organisationId: 'a' }]),
  partnerAndEpiRegulator: principal([{ role: 'partner', organisationId: 'b' }, { role: 'regulator', corridorId: 'epi' }]),
  nobody: principal([]),
};
const AUDIENCES: Audience[] = [
  { corridorId: 'kasungu', organisationId: 'a' },
  { corridorId: 'kasungu', organisationId: null },
  { corridorId: 'epi', organisationId: 'a' },
  { corridorId: 'epi', organisationId: 'b' },
  { corridorId: null, organisationId: 'a' },
  { corridorId: null, organisationId: null },
];

describe('access policy', () => {
  it('lets each role see what the brief says', () => {
    const seen = (who: keyof typeof PRINCIPALS) => AUDIENCES.map((audience) => canSee(PRINCIPALS[who], audience));
    expect(seen('admin')).toEqual([true, true, true, true, true, true]);
    // Corridor staff: their corridor, and aircraft outside every corridor.
    expect(seen('kasunguOperator')).toEqual([true, true, false, false, true, true]);
    expect(seen('kasunguRegulator')).toEqual([true, true, false, false, true, true]);
    // Partners: their own organisation's, wherever it flies; never an unregistered aircraft.
    expect(seen('partnerA')).toEqual([true, false, true, false, true, false]);
    expect(seen('partnerAndEpiRegulator')).toEqual([false, false, true, true, true, true]);
    expect(seen('nobody')).toEqual([false, false, false, false, false, false]);
  });

  it('puts a client in rooms that receive exactly the events canSee allows', () => {
    for (const [name, who] of Object.entries(PRINCIPALS)) {
      for (const audience of AUDIENCES) {
        const receives = roomsOf(who).some((room) => roomsFor(audience).includes(room));
        expect(receives, `${name} / ${JSON.stringify(audience)}`).toBe(canSee(who, audience));
      }
    }
  });

  it('lets only operators command, only admins and the corridor’s operators change zones, and delegates only held grants', () => {
    expect(canOperate(PRINCIPALS.kasunguOperator, 'kasungu')).toBe(true);
    expect(canOperate(PRINCIPALS.kasunguOperator, 'epi')).toBe(false);
    expect(canOperate(PRINCIPALS.admin, 'kasungu')).toBe(false);
    expect(canOperate(PRINCIPALS.kasunguRegulator, 'kasungu')).toBe(false);
    expect(canMaintainZones(PRINCIPALS.admin, 'epi')).toBe(true);
    expect(canMaintainZones(PRINCIPALS.kasunguOperator, 'kasungu')).toBe(true);
    expect(canMaintainZones(PRINCIPALS.kasunguOperator, 'epi')).toBe(false);
    expect(canMaintainZones(PRINCIPALS.kasunguRegulator, 'kasungu')).toBe(false);
    expect(canDelegate(PRINCIPALS.kasunguOperator, { role: 'operator', corridorId: 'kasungu' })).toBe(true);
    expect(canDelegate(PRINCIPALS.kasunguOperator, { role: 'operator', corridorId: 'epi' })).toBe(false);
    expect(canDelegate(PRINCIPALS.kasunguOperator, { role: 'admin' })).toBe(false);
    expect(canDelegate(PRINCIPALS.partnerA, { role: 'partner', organisationId: 'b' })).toBe(false);
    expect(canDelegate(PRINCIPALS.admin, { role: 'partner', organisationId: 'b' })).toBe(true);
    expect(visibilityOf(PRINCIPALS.partnerA)).toEqual({ everything: false, corridorIds: [], organisationIds: ['a'], includeNoCorridor: false });
  });
});
