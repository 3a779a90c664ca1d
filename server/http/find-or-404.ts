/** Looking up the record a path names, the same way in every route: a NotFoundError when absent or not the caller's to see. */
import type { Response } from 'express';
import type { CorridorView, FlightView } from '../contracts/index.ts';
import { NotFoundError } from '../errors.ts';
import { canSee } from '../services/access-policy.ts';
import { principalOf } from './access.ts';
import { isUuid } from './parse-input.ts';

/** The corridor with this id or slug; corridors' geography is shown to everyone signed in. */
export async function corridorOr404(listCorridors: () => Promise<CorridorView[]>, idOrSlug: string): Promise<CorridorView> {
  const corridor = (await listCorridors()).find((item) => item.id === idOrSlug || item.slug === idOrSlug);
  if (!corridor) throw new NotFoundError(`No corridor '${idOrSlug}'`);
  return corridor;
}

/** The flight, when the caller may see it (others answer 404, as if it did not exist). */
export async function flightOr404(findFlight: (id: string) => Promise<FlightView | null>, response: Response, id: string): Promise<FlightView> {
  const flight = isUuid(id) ? await findFlight(id) : null;
  if (!flight || !canSee(principalOf(response), flight)) throw new NotFoundError(`No flight '${id}'`);
  return flight;
}
