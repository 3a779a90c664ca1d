import { describe, expect, it } from 'vitest';
import { describeGrants } from './role-summary.ts';

describe('describeGrants', () => {
  it('names an admin only as admin, whatever else it holds', () => {
    expect(describeGrants([{ role: 'operator', corridorId: 'a' }, { role: 'admin' }])).toBe('admin');
  });

  it('counts the corridors of operators and regulators, singular and plural', () => {
    const operator = ['a', 'b', 'c'].map((corridorId) => ({ role: 'operator' as const, corridorId }));
    expect(describeGrants(operator)).toBe('operator · 3 corridors');
    expect(describeGrants([{ role: 'regulator', corridorId: 'a' }])).toBe('regulator (read-only) · 1 corridor');
  });

  it('says partner for one organisation and counts several', () => {
    expect(describeGrants([{ role: 'partner', organisationId: 'o' }])).toBe('partner');
    expect(describeGrants([{ role: 'partner', organisationId: 'o' }, { role: 'partner', organisationId: 'p' }])).toBe('partner · 2 organisations');
  });

  it('joins mixed roles and says so when there are none', () => {
    expect(describeGrants([{ role: 'operator', corridorId: 'a' }, { role: 'partner', organisationId: 'o' }])).toBe('operator · 1 corridor, partner');
    expect(describeGrants([])).toBe('no access');
  });
});
