import { describe, expect, it } from 'vitest';
import { canOperateIn } from './live-abilities.ts';

describe('canOperateIn', () => {
  const operator = [{ role: 'operator' as const, corridorId: 'kasungu' }];
  it('lets an operator act in their corridor only', () => {
    expect(canOperateIn(operator, 'kasungu')).toBe(true);
    expect(canOperateIn(operator, 'epi')).toBe(false);
  });
  it('lets any operator act on an aircraft outside every corridor, as the server does', () => {
    expect(canOperateIn(operator, null)).toBe(true);
    expect(canOperateIn([{ role: 'regulator', corridorId: 'kasungu' }], null)).toBe(false);
  });
  it('gives admins, regulators and partners no operator rights', () => {
    expect(canOperateIn([{ role: 'admin' }, { role: 'regulator', corridorId: 'kasungu' }, { role: 'partner', organisationId: 'o' }], 'kasungu')).toBe(false);
  });
});
