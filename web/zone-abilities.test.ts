import { describe, expect, it } from 'vitest';
import { canMaintainZonesIn } from './zone-abilities.ts';

describe('canMaintainZonesIn', () => {
  it('lets admins change zones everywhere and operators in their own corridors only', () => {
    expect(canMaintainZonesIn([{ role: 'admin' }], 'k')).toBe(true);
    expect(canMaintainZonesIn([{ role: 'operator', corridorId: 'k' }], 'k')).toBe(true);
    expect(canMaintainZonesIn([{ role: 'operator', corridorId: 'e' }], 'k')).toBe(false);
  });

  it('keeps regulators, partners and people without grants read-only', () => {
    expect(canMaintainZonesIn([{ role: 'regulator', corridorId: 'k' }], 'k')).toBe(false);
    expect(canMaintainZonesIn([{ role: 'partner', organisationId: 'o' }], 'k')).toBe(false);
    expect(canMaintainZonesIn([], 'k')).toBe(false);
  });
});
