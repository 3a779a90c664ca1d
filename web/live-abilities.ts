/**
 * What the signed-in person may do on the live map, read from their grants as the server decides
 * it (server/services/access-policy.ts canOperate): acknowledge an alert and command an aircraft
 * in a corridor they operate; with no corridor (an aircraft outside every corridor), any operator.
 * The page only hides what would be refused; the server checks every request itself.
 */
import type { GrantView } from '../server/contracts/index.ts';

/** Whether `grants` make their holder an operator of `corridorId` (null: of any corridor). */
export function canOperateIn(grants: readonly GrantView[], corridorId: string | null): boolean {
  const operated = grants.flatMap((grant) => (grant.role === 'operator' ? [grant.corridorId] : []));
  return corridorId === null ? operated.length > 0 : operated.includes(corridorId);
}
