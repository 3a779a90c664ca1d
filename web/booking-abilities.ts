/** What a signed-in person may do with bookings, read from the session's grants (the server decides again). */
import type { GrantView } from '../server/contracts/index.ts';

export interface BookingAbilities {
  /** The partner organisation the person books for; null when not a partner. */
  organisationId: string | null;
  /** Sees the corridors' bookings with who booked them (operators, regulators, admins). */
  isStaff: boolean;
  /** May approve and reject requests in this corridor: its operators only, as with commands to aircraft. */
  canDecide(corridorId: string): boolean;
  /** Decides in at least one corridor (so has a queue of requests). */
  decidesAnywhere: boolean;
  /** May set this corridor's booking rules: its operators, and admins. */
  canSetRules(corridorId: string): boolean;
}

/**
 * Read `grants`: partners request; operators of a corridor decide there and set its rules; admins
 * set every corridor's rules but decide nowhere; regulators only look. Throws nothing.
 * @example bookingAbilitiesOf([{ role: 'operator', corridorId: 'k' }]).canDecide('k') // true
 */
export function bookingAbilitiesOf(grants: readonly GrantView[]): BookingAbilities {
  const isAdmin = grants.some((grant) => grant.role === 'admin');
  const operated = new Set(grants.flatMap((grant) => (grant.role === 'operator' ? [grant.corridorId] : [])));
  const partner = grants.find((grant) => grant.role === 'partner');
  return {
    organisationId: partner?.role === 'partner' ? partner.organisationId : null,
    isStaff: isAdmin || grants.some((grant) => grant.role === 'operator' || grant.role === 'regulator'),
    canDecide: (corridorId) => operated.has(corridorId),
    decidesAnywhere: operated.size > 0,
    canSetRules: (corridorId) => isAdmin || operated.has(corridorId),
  };
}
