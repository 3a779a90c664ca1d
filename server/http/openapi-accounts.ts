/** The OpenAPI paths and schemas of signing in, accounts, organisations, API tokens and the audit log. */
import { body, denied, error, id, json, page, paging, ref } from './openapi-parts.ts';

const noContent = (description: string) => ({ description });
const grantList = { type: 'array', items: ref('Grant') };

export const accountPaths = {
  '/api/auth/login': {
    post: {
      summary: 'Sign in with email and password: sets the HTTP-only session cookie; answers who you are and the CSRF token',
      security: [],
      requestBody: body({ type: 'object', required: ['email', 'password'], properties: { email: { type: 'string' }, password: { type: 'string' } } }),
      responses: { 200: json(ref('Session')), 400: error('Missing field'), 401: error('Email or password is wrong'), 429: error('Too many failed sign-ins: Retry-After says when to try again') },
    },
  },
  '/api/auth/logout': { post: { summary: 'Sign out: the session is revoked and its live sockets closed', responses: { 204: noContent('Signed out'), ...denied } } },
  '/api/auth/session': { get: { summary: 'Who is signed in, their grants, and the CSRF token for changes', responses: { 200: json(ref('Session')), ...denied } } },
  '/api/auth/password': {
    post: {
      summary: 'Change your password (signs you out everywhere else)',
      requestBody: body({ type: 'object', required: ['currentPassword', 'newPassword'], properties: { currentPassword: { type: 'string' }, newPassword: { type: 'string', minLength: 12 } } }),
      responses: { 204: noContent('Changed'), 400: error('New password too short'), ...denied },
    },
  },
  '/api/auth/sessions': { get: { summary: 'Your signed-in sessions', responses: { 200: json(page('SessionSummary')), ...denied } } },
  '/api/auth/sessions/{id}': { delete: { summary: 'Revoke one of your sessions', parameters: [id], responses: { 204: noContent('Revoked'), 404: error('No such session of yours'), ...denied } } },
  '/api/users': {
    get: { summary: 'People (admins)', parameters: paging, responses: { 200: json(page('User')), ...denied } },
    post: {
      summary: 'Create a person with grants (admins)',
      requestBody: body({
        type: 'object', required: ['email', 'displayName', 'password'],
        properties: { email: { type: 'string', format: 'email' }, displayName: { type: 'string' }, password: { type: 'string', minLength: 12 }, organisationId: { type: ['string', 'null'] }, grants: grantList },
      }),
      responses: { 201: json(ref('User')), 400: error('Bad field, or a grant naming no corridor/organisation'), 409: error('Email taken'), ...denied },
    },
  },
  '/api/users/{id}': {
    get: { summary: 'One person (admins)', parameters: [id], responses: { 200: json(ref('User')), 404: error('No such user'), ...denied } },
    patch: {
      summary: 'Change a person (admins); disabling or setting the password signs them out everywhere',
      parameters: [id],
      requestBody: body({ type: 'object', properties: { displayName: { type: 'string' }, organisationId: { type: ['string', 'null'] }, disabled: { type: 'boolean' }, password: { type: 'string', minLength: 12 } } }),
      responses: { 200: json(ref('User')), 400: error('Bad field'), 404: error('No such user'), ...denied },
    },
  },
  '/api/users/{id}/grants': {
    put: {
      summary: 'Replace a person’s grants (admins); their live sockets reconnect with the new rooms',
      parameters: [id],
      requestBody: body({ type: 'object', required: ['grants'], properties: { grants: grantList } }),
      responses: { 200: json(ref('User')), 400: error('Bad grant'), 404: error('No such user'), ...denied },
    },
  },
  '/api/users/{id}/sessions': { delete: { summary: 'Sign a person out everywhere (admins)', parameters: [id], responses: { 204: noContent('Signed out'), 404: error('No such user'), ...denied } } },
  '/api/organisations': {
    get: { summary: 'Organisations (partners see only their own)', responses: { 200: json(page('Organisation')), ...denied } },
    post: {
      summary: 'Create an organisation (admins)',
      requestBody: body({ type: 'object', required: ['name'], properties: { name: { type: 'string' }, kind: { enum: ['partner', 'operator', 'regulator', 'platform'], default: 'partner' } } }),
      responses: { 201: json(ref('Organisation')), 400: error('Bad field'), 409: error('Name taken'), ...denied },
    },
  },
  '/api/organisations/{id}': {
    get: { summary: 'One organisation', parameters: [id], responses: { 200: json(ref('Organisation')), 404: error('No such organisation (or not yours)'), ...denied } },
    patch: {
      summary: 'Rename an organisation (admins)',
      parameters: [id],
      requestBody: body({ type: 'object', required: ['name'], properties: { name: { type: 'string' }, kind: { enum: ['partner', 'operator', 'regulator', 'platform'] } } }),
      responses: { 200: json(ref('Organisation')), 404: error('No such organisation'), 409: error('Name taken'), ...denied },
    },
  },
  '/api/tokens': {
    get: {
      summary: 'Your API tokens (admins: `everyone=true` for all)',
      parameters: [{ name: 'everyone', in: 'query', schema: { enum: ['true', 'false'], default: 'false' } }],
      responses: { 200: json(page('ApiToken')), ...denied },
    },
    post: {
      summary: 'Create an API token for one grant you hold; `secret` is shown only in this answer. Use it as `Authorization: Bearer <secret>`',
      requestBody: body({ type: 'object', required: ['name', 'grant'], properties: { name: { type: 'string' }, grant: ref('Grant'), expiresInDays: { type: ['integer', 'null'], default: 365 } } }),
      responses: { 201: json(ref('ApiToken')), 400: error('Bad field'), ...denied },
    },
  },
  '/api/tokens/{id}': { delete: { summary: 'Revoke an API token (yours; admins: any)', parameters: [id], responses: { 200: json(ref('ApiToken')), 404: error('No such token of yours'), ...denied } } },
  '/api/audit': {
    get: {
      summary: 'Recorded changes, newest first: admins all; operators and regulators their corridors’; partners their organisation’s',
      parameters: [...paging, { name: 'action', in: 'query', schema: { type: 'string' }, description: 'e.g. zone.revise' }, { name: 'resourceId', in: 'query', schema: { type: 'string' } }],
      responses: { 200: json(page('AuditEntry')), 400: error('Bad query'), ...denied },
    },
  },
} as const;

export const accountSchemas = {
  Grant: {
    description: 'One role: admin; operator or regulator of a corridor; partner of an organisation',
    oneOf: [
      { type: 'object', required: ['role'], properties: { role: { const: 'admin' } } },
      { type: 'object', required: ['role', 'corridorId'], properties: { role: { enum: ['operator', 'regulator'] }, corridorId: { type: 'string' } } },
      { type: 'object', required: ['role', 'organisationId'], properties: { role: { const: 'partner' }, organisationId: { type: 'string' } } },
    ],
  },
  User: {
    type: 'object',
    properties: {
      id: { type: 'string' }, email: { type: 'string' }, displayName: { type: 'string' }, organisationId: { type: ['string', 'null'] },
      grants: grantList, disabled: { type: 'boolean' }, createdAtMs: { type: 'number' },
    },
  },
  Session: {
    type: 'object',
    properties: {
      user: { oneOf: [{ type: 'null' }, ref('User')] }, token: { type: ['object', 'null'] }, grants: grantList,
      csrfToken: { type: ['string', 'null'], description: 'Send as X-CSRF-Token with every cookie-authenticated change' }, expiresAtMs: { type: ['number', 'null'] },
    },
  },
  SessionSummary: {
    type: 'object',
    properties: { id: { type: 'string' }, createdAtMs: { type: 'number' }, lastSeenAtMs: { type: 'number' }, expiresAtMs: { type: 'number' }, userAgent: { type: ['string', 'null'] }, ip: { type: ['string', 'null'] }, isCurrent: { type: 'boolean' } },
  },
  Organisation: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, kind: { enum: ['partner', 'operator', 'regulator', 'platform'] }, createdAtMs: { type: 'number' } } },
  ApiToken: {
    type: 'object',
    properties: {
      id: { type: 'string' }, name: { type: 'string' }, prefix: { type: 'string' }, userId: { type: 'string' }, grant: ref('Grant'), createdAtMs: { type: 'number' },
      expiresAtMs: { type: ['number', 'null'] }, lastUsedAtMs: { type: ['number', 'null'] }, revokedAtMs: { type: ['number', 'null'] }, secret: { type: 'string', description: 'Only when created' },
    },
  },
  AuditEntry: {
    type: 'object',
    properties: {
      id: { type: 'string' }, occurredAtMs: { type: 'number' }, actor: { type: 'string' }, actorUserId: { type: ['string', 'null'] }, actorTokenId: { type: ['string', 'null'] },
      action: { type: 'string' }, resourceType: { type: 'string' }, resourceId: { type: ['string', 'null'] }, corridorIds: { type: 'array', items: { type: 'string' } },
      organisationIds: { type: 'array', items: { type: 'string' } }, before: {}, after: {},
    },
  },
} as const;
