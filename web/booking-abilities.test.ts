import { describe, expect, it } from 'vitest';
import { bookingAbilitiesOf } from './booking-abilities.ts';

describe('bookingAbilitiesOf', () => {
  it('lets a partner request for its organisation and decide nothing', () => {
    const abilities = bookingAbilitiesOf([{ role: 'partner', organisationId: 'org' }]);
    expect([abilities.organisationId, abilities.isStaff, abilities.canDecide('k'), abilities.decidesAnywhere, abilities.canSetRules('k')]).toEqual(['org', false, false, false, false]);
  });

  it('lets an operator decide and set rules only in its own corridors', () => {
    const operator = bookingAbilitiesOf([{ role: 'operator', corridorId: 'k' }]);
    expect([operator.isStaff, operator.canDecide('k'), operator.canDecide('e'), operator.decidesAnywhere]).toEqual([true, true, false, true]);
    expect([operator.canSetRules('k'), operator.canSetRules('e')]).toEqual([true, false]);
  });

  it('lets a regulator only look, and an admin set every rule but decide nowhere', () => {
    const regulator = bookingAbilitiesOf([{ role: 'regulator', corridorId: 'k' }]);
    expect([regulator.isStaff, regulator.canDecide('k'), regulator.canSetRules('k'), regulator.organisationId]).toEqual([true, false, false, null]);
    const admin = bookingAbilitiesOf([{ role: 'admin' }]);
    expect([admin.isStaff, admin.canSetRules('any'), admin.canDecide('any'), admin.decidesAnywhere]).toEqual([true, true, false, false]);
  });
});
