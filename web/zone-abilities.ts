/** Who may change a corridor's zones, read from the session's grants (the server decides again on every change). */
import type { GrantView } from '../server/contracts/index.ts';

/**
 * Whether the holder of `grants` may draw, change, retire and import zones in `corridorId`: admins
 * everywhere, operators in their own corridors; regulators and partners only look. Throws nothing.
 * @example canMaintainZonesIn([{ role: 'operator', corridorId: 'k' }], 'k') // true
 */
export function canMaintainZonesIn(grants: readonly GrantView[], corridorId: string): boolean {
  return grants.some((grant) => grant.role === 'admin' || (grant.role === 'operator' && grant.corridorId === corridorId));
}
