/** Reading role grants from request bodies: the shape by schema, the corridor or organisation by lookup. */
import { z } from 'zod';
import type { CorridorView, GrantView, OrganisationView } from '../contracts/index.ts';
import { ValidationError } from '../errors.ts';

export const grantSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('admin') }).strict(),
  z.object({ role: z.enum(['operator', 'regulator']), corridorId: z.uuid() }).strict(),
  z.object({ role: z.literal('partner'), organisationId: z.uuid() }).strict(),
]);

/** Throws ValidationError naming the first grant whose corridor or organisation does not exist. */
export function checkGrantTargets(
  grants: readonly GrantView[],
  known: { corridors: readonly CorridorView[]; organisations: readonly OrganisationView[] },
  field: string,
): void {
  grants.forEach((grant, index) => {
    if ('corridorId' in grant && !known.corridors.some((corridor) => corridor.id === grant.corridorId)) {
      throw new ValidationError(`Body field '${field}${index >= 0 ? `.${index}` : ''}.corridorId': no corridor '${grant.corridorId}'`);
    }
    if ('organisationId' in grant && !known.organisations.some((organisation) => organisation.id === grant.organisationId)) {
      throw new ValidationError(`Body field '${field}${index >= 0 ? `.${index}` : ''}.organisationId': no organisation '${grant.organisationId}'`);
    }
  });
}
