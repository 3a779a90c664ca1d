/** A short, human summary of what a signed-in person may do, for the header. */
import type { GrantView } from '../server/contracts/index.ts';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * Summarise grants: 'admin', 'operator · 3 corridors', 'regulator (read-only) · 1 corridor',
 * 'partner'; several roles are joined with ', '. Throws nothing; no grants give 'no access'.
 * @example describeGrants([{ role: 'operator', corridorId: 'a' }, { role: 'operator', corridorId: 'b' }]) // 'operator · 2 corridors'
 */
export function describeGrants(grants: readonly GrantView[]): string {
  // An admin sees and manages everything, so the other grants add nothing worth the space.
  if (grants.some((grant) => grant.role === 'admin')) return 'admin';
  const count = (role: GrantView['role']) => grants.filter((grant) => grant.role === role).length;
  const parts: string[] = [];
  if (count('operator') > 0) parts.push(`operator · ${plural(count('operator'), 'corridor')}`);
  if (count('regulator') > 0) parts.push(`regulator (read-only) · ${plural(count('regulator'), 'corridor')}`);
  if (count('partner') === 1) parts.push('partner');
  if (count('partner') > 1) parts.push(`partner · ${plural(count('partner'), 'organisation')}`);
  return parts.length > 0 ? parts.join(', ') : 'no access';
}
