/** Validating request input once, the same way everywhere: a 400 naming the first bad field. */
import type { z } from 'zod';
import { decodeCursor } from '../db/page-cursor.ts';
import { ValidationError } from '../errors.ts';

/** Where the input came from, as the error message names it. */
export type InputPlace = 'Query parameter' | 'Body field';

/** Parse `input` with `schema`; throws ValidationError "Body field 'a.b': problem" (with every issue in details). */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, place: InputPlace, pathPrefix = ''): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // A field nobody asked for is named itself (zod reports it on the object that holds it).
  const names = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].join('.')) : [issue.path.join('.')];
  const path = names.map((name) => `${pathPrefix}${name}`).join("', '") || '(body)';
  const problem = issue.code === 'unrecognized_keys' ? `not a field this ${place === 'Body field' ? 'body' : 'query'} takes` : issue.message;
  throw new ValidationError(`${place} '${path}': ${problem}`, parsed.error.issues);
}

/** Decode a paging cursor; throws ValidationError when this server did not issue it. */
export function parseCursor<K extends string>(text: string, keys: readonly K[]): Record<K, string> {
  const cursor = decodeCursor(text, keys);
  if (!cursor) throw new ValidationError(`Query parameter 'cursor': not a cursor this server issued`);
  return cursor;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path parameter can be a row id (anything else is a 404 without asking the database). */
export const isUuid = (text: string): boolean => UUID.test(text);
