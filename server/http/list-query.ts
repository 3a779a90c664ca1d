/** The paging query every list resource takes: `limit` (1–500, default 50) and `cursor`. */
import { z } from 'zod';
import { parseInput } from './parse-input.ts';

const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(500).optional(),
}).strict();

export type ListQuery = z.infer<typeof listQuerySchema>;

/** Validate a request's query string; throws ValidationError naming the bad field. */
export function parseListQuery(query: unknown): ListQuery {
  return parseInput(listQuerySchema, query, 'Query parameter');
}
