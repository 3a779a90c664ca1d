/** Small builders the OpenAPI description is written with (openapi.ts, openapi-accounts.ts). */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const page = (item: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: ref(item) }, nextCursor: { type: ['string', 'null'], description: 'Pass back as `cursor` for the next page.' } },
});
export const json = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
export const error = (description: string) => json(ref('ApiError'), description);
export const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
export const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
export const paging = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
  { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'From the previous page’s `nextCursor`.' },
];
/** The answers every signed-in route can give besides its own. */
export const denied = { 401: error('Not signed in, or the session/token is no longer valid'), 403: error('Your role may not do this (or missing X-CSRF-Token)') };
