/**
 * Signing in, on each database, against the real server: sessions (cookie attributes, kept in the
 * database across a restart, logout and revocation), CSRF on cookie-authenticated changes, API
 * tokens (scope, revocation, owner losing the grant), login throttling, disabling a person,
 * password change, the first admin from the environment, and the request hygiene around it all
 * (security headers, body limits, JSON 404s, unknown fields refused).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiTokenView, AuditEntryView, CorridorView, OrganisationView, Page, SessionSummaryView, SessionView, UserView } from '../server/contracts/index.ts';
import { ensureFirstAdmin } from '../server/db/account-seed.ts';
import { eventually, signInAt, startHarness, type PlatformHarness } from './support/platform-harness.ts';
import { databaseKinds } from './support/test-database.ts';

const PASSWORD = 'correct horse battery';

describe.each(databaseKinds())('signing in on the %s database', (kind) => {
  let harness: PlatformHarness;
  let kasungu: CorridorView;
  let partnerOrganisation: OrganisationView;
  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${harness.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });
  const errorOf = async (response: Response) => ((await response.json()) as { error: { message: string } }).error.message;
  let nextPerson = 0;
  /** A new person with `grants`, made by the demo admin. */
  const newPerson = async (grants: object[]) => {
    const admin = await harness.signIn('admin');
    const email = `person${(nextPerson += 1)}.${kind}@test.example`;
    const response = await admin.fetch('/api/users', { method: 'POST', json: { email, displayName: `Person ${nextPerson}`, password: PASSWORD, grants } });
    expect(response.status, await response.clone().text()).toBe(201);
    return { email, user: (await response.json()) as UserView };
  };

  beforeAll(async () => {
    harness = await startHarness(kind, {
      TRUST_PROXY: 'loopback', LOGIN_MAX_FAILURES: '3',
      ADMIN_EMAIL: `first.admin.${kind}@test.example`, ADMIN_PASSWORD: 'first admin password',
    });
    kasungu = (await harness.api.getJson<Page<CorridorView>>('/api/corridors')).items.find((corridor) => corridor.slug === 'malawi-kasungu')!;
    partnerOrganisation = (await harness.api.getJson<Page<OrganisationView>>('/api/organisations')).items.find((item) => item.name.startsWith('Kasungu Health'))!;
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD only while no admin exists', async () => {
    // The environment's admin is made on the first start (before the demo accounts, so there was no admin yet).
    const first = await login(`first.admin.${kind}@test.example`, 'first admin password');
    expect(first.status).toBe(200);
    expect(((await first.json()) as SessionView).grants).toEqual([{ role: 'admin' }]);
    // A later start with another ADMIN_EMAIL makes nobody: there is an admin now.
    expect(await ensureFirstAdmin(harness.platform.database.knex, { email: `second.admin.${kind}@test.example`, password: 'second admin password' }, Date.now())).toBe(false);
    await harness.restart();
    const users = (await (await harness.signIn('admin')).getJson<Page<UserView>>('/api/users?limit=500')).items;
    expect(users.filter((user) => user.grants.some((grant) => grant.role === 'admin')).map((user) => user.email).sort()).toEqual(['admin@corridor.demo', `first.admin.${kind}@test.example`]);
    harness.api = await harness.signIn('operator');
  });

  it('refuses wrong credentials with one message, and sets an HTTP-only SameSite=Strict cookie (Secure over HTTPS)', async () => {
    expect(await errorOf(await login('operator@corridor.demo', 'not the password'))).toBe('Email or password is wrong');
    expect(await errorOf(await login('nobody@corridor.demo', 'not the password'))).toBe('Email or password is wrong');
    const plain = await login('regulator@corridor.demo', harness.passwordOf('regulator@corridor.demo'));
    expect(plain.status).toBe(200);
    const cookie = plain.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^corridor_session=cs_[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    // Behind a TLS-terminating proxy on loopback (TRUST_PROXY=loopback) the cookie is Secure.
    const proxied = await login('regulator@corridor.demo', harness.passwordOf('regulator@corridor.demo'), { 'x-forwarded-proto': 'https' });
    expect(proxied.headers.get('set-cookie')).toMatch(/Secure/i);
    const session = (await plain.json()) as SessionView;
    expect(session.user?.email).toBe('regulator@corridor.demo');
    expect(session.grants.every((grant) => grant.role === 'regulator')).toBe(true);
    expect(session.csrfToken).toMatch(/^[\w-]{32}$/);
    // Only the secret's hash is stored.
    const stored = await harness.platform.database.knex('sessions').select('secret_hash');
    expect(stored.some((row) => cookie.includes(row.secret_hash))).toBe(false);
  });

  it('needs the CSRF token for cookie-authenticated changes, and stores nothing without it', async () => {
    const admin = await harness.signIn('admin');
    const body = JSON.stringify({ name: `CSRF probe ${kind}` });
    const without = await fetch(`${harness.baseUrl}/api/organisations`, { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'application/json' }, body });
    expect(without.status).toBe(403);
    expect(await errorOf(without)).toMatch(/X-CSRF-Token/);
    const wrong = await fetch(`${harness.baseUrl}/api/organisations`, { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'application/json', 'x-csrf-token': 'x'.repeat(32) }, body });
    expect(wrong.status).toBe(403);
    expect(await harness.platform.database.knex('organisations').where({ name: `CSRF probe ${kind}` }).first()).toBeUndefined();
    const right = await admin.fetch('/api/organisations', { method: 'POST', json: { name: `CSRF probe ${kind}` } });
    expect(right.status).toBe(201);
  });

  it('keeps sessions in the database across a restart, and ends them on logout', async () => {
    const operator = await harness.signIn('operator');
    await harness.restart();
    expect((await operator.fetch('/api/auth/session')).status).toBe(200);
    expect((await operator.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    const after = await operator.fetch('/api/vehicles');
    expect(after.status).toBe(401);
    expect(await errorOf(after)).toMatch(/Sign in first/);
    harness.api = await harness.signIn('operator'); // the shared client was signed in before the restart; keep one that works
  });

  it('lists a person’s sessions and revokes one, which also closes its live socket', async () => {
    const first = await harness.signIn('kasunguPartner');
    const second = await harness.signIn('kasunguPartner');
    const { socket } = await harness.connectClient(first);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const sessions = (await second.getJson<Page<SessionSummaryView>>('/api/auth/sessions')).items;
    const current = sessions.find((session) => session.isCurrent)!;
    const other = sessions.filter((session) => !session.isCurrent);
    expect(other.length).toBeGreaterThanOrEqual(1);
    for (const session of other) expect((await second.fetch(`/api/auth/sessions/${session.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    expect((await first.fetch('/api/vehicles')).status).toBe(401);
    expect((await second.fetch('/api/vehicles')).status).toBe(200);
    expect((await second.fetch(`/api/auth/sessions/${current.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await second.fetch('/api/vehicles')).status).toBe(401);
  });

  it('gives an API token only its one grant, shows its secret once, and stops it when revoked or when its owner loses the grant', async () => {
    const { email, user } = await newPerson([{ role: 'operator', corridorId: kasungu.id }, { role: 'partner', organisationId: partnerOrganisation.id }]);
    const owner = await harness.signIn({ email, password: PASSWORD });
    const created = await owner.fetch('/api/tokens', { method: 'POST', json: { name: 'ground station uploader', grant: { role: 'partner', organisationId: partnerOrganisation.id } } });
    expect(created.status).toBe(201);
    const token = (await created.json()) as ApiTokenView;
    expect(token.secret).toMatch(/^ct_[\w-]{43}$/);
    const bearer = (path: string, init: RequestInit = {}) => fetch(`${harness.baseUrl}${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${token.secret}` } });
    const session = (await (await bearer('/api/auth/session')).json()) as SessionView;
    expect(session.grants).toEqual([{ role: 'partner', organisationId: partnerOrganisation.id }]);
    expect(session.csrfToken).toBeNull();
    // The owner is also an operator, but the token is not: it may not change zones.
    expect((await bearer(`/api/corridors/${kasungu.id}/zones`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(403);
    expect((await owner.getJson<Page<ApiTokenView>>('/api/tokens')).items.map((item) => [item.id, item.secret])).toEqual([[token.id, undefined]]);
    expect((await harness.platform.database.knex('api_tokens').where({ id: token.id }).first()).secret_hash).not.toContain(token.secret!.slice(3));

    const { socket } = await harness.connectClient({ token: token.secret! });
    expect(socket.connected).toBe(true);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect((await owner.fetch(`/api/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await disconnected).toBe('io server disconnect');
    expect((await bearer('/api/vehicles')).status).toBe(401);
    await expect(harness.connectClient({ token: token.secret! })).rejects.toThrow(/Sign in first/);

    const second = (await (await owner.fetch('/api/tokens', { method: 'POST', json: { name: 'second', grant: { role: 'operator', corridorId: kasungu.id } } })).json()) as ApiTokenView;
    expect((await fetch(`${harness.baseUrl}/api/links`, { headers: { authorization: `Bearer ${second.secret}` } })).status).toBe(200);
    const admin = await harness.signIn('admin');
    expect((await admin.fetch(`/api/users/${user.id}/grants`, { method: 'PUT', json: { grants: [{ role: 'partner', organisationId: partnerOrganisation.id }] } })).status).toBe(200);
    expect((await fetch(`${harness.baseUrl}/api/links`, { headers: { authorization: `Bearer ${second.secret}` } })).status).toBe(401);
    expect((await fetch(`${harness.baseUrl}/api/links`, { headers: { authorization: 'Bearer ct_made-up' } })).status).toBe(401);
    expect((await fetch(`${harness.baseUrl}/api/links`, { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });

  it('throttles failed sign-ins per account and address, without locking out other accounts', async () => {
    const { email } = await newPerson([{ role: 'partner', organisationId: partnerOrganisation.id }]);
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await login(email, 'wrong password!')).status).toBe(401);
    const throttled = await login(email, PASSWORD); // even the right password waits now
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await errorOf(throttled)).toMatch(/Too many failed sign-ins; try again in \d+ s/);
    expect((await login('operator@corridor.demo', harness.passwordOf('operator@corridor.demo'))).status).toBe(200);
  });

  it('signs a disabled person out everywhere and refuses their sign-in; a changed password signs out the other sessions', async () => {
    const { email, user } = await newPerson([{ role: 'regulator', corridorId: kasungu.id }]);
    const phone = await harness.signIn({ email, password: PASSWORD });
    const desk = await harness.signIn({ email, password: PASSWORD });
    expect((await desk.fetch('/api/auth/password', { method: 'POST', json: { currentPassword: 'wrong one at all', newPassword: 'a brand new password' } })).status).toBe(401);
    expect((await desk.fetch('/api/auth/password', { method: 'POST', json: { currentPassword: PASSWORD, newPassword: 'short' } })).status).toBe(400);
    expect((await desk.fetch('/api/auth/password', { method: 'POST', json: { currentPassword: PASSWORD, newPassword: 'a brand new password' } })).status).toBe(204);
    expect((await phone.fetch('/api/vehicles')).status).toBe(401);
    expect((await desk.fetch('/api/vehicles')).status).toBe(200);
    const admin = await harness.signIn('admin');
    expect((await admin.fetch(`/api/users/${user.id}`, { method: 'PATCH', json: { disabled: true } })).status).toBe(200);
    expect((await desk.fetch('/api/vehicles')).status).toBe(401);
    expect((await login(email, 'a brand new password')).status).toBe(401);
    const audit = (await admin.getJson<Page<AuditEntryView>>(`/api/audit?resourceId=${user.id}&limit=50`)).items.map((entry) => entry.action);
    expect(audit).toEqual(expect.arrayContaining(['user.create', 'user.password', 'session.revoke', 'user.update']));
  });

  it('refuses a Socket.IO client without credentials or from another origin', async () => {
    const { io } = await import('socket.io-client');
    const attempt = (options: object) => new Promise<string>((resolve) => {
      const socket = io(harness.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, ...options });
      socket.once('connect', () => {
        socket.disconnect();
        resolve('connected');
      });
      socket.once('connect_error', (error) => {
        socket.disconnect();
        resolve(error.message);
      });
    });
    expect(await attempt({})).toMatch(/Sign in first/);
    expect(await attempt({ extraHeaders: { cookie: harness.api.cookie, origin: 'https://evil.example' } })).not.toBe('connected');
    expect(await attempt({ extraHeaders: { cookie: harness.api.cookie } })).toBe('connected');
  });

  it('sends security headers, limits bodies, answers unknown API routes with JSON 404 and refuses unknown fields', async () => {
    const page = await fetch(`${harness.baseUrl}/`);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('x-powered-by')).toBeNull();
    const admin = await harness.signIn('admin');
    const huge = await admin.fetch('/api/organisations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x'.repeat(1_100_000) }) });
    expect(huge.status).toBe(413);
    expect(await errorOf(huge)).toMatch(/too large/);
    const missing = await admin.fetch('/api/no-such-thing');
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toBe('No API route GET /api/no-such-thing');
    const unknownQuery = await admin.fetch('/api/flights?colour=red');
    expect(unknownQuery.status).toBe(400);
    expect(await errorOf(unknownQuery)).toBe("Query parameter 'colour': not a field this query takes");
    const unknownField = await admin.fetch('/api/organisations', { method: 'POST', json: { name: 'Fine name', isVip: true } });
    expect(unknownField.status).toBe(400);
    expect(await errorOf(unknownField)).toBe("Body field 'isVip': not a field this body takes");
    const badGrant = await admin.fetch('/api/users', { method: 'POST', json: { email: 'x@test.example', displayName: 'X', password: PASSWORD, grants: [{ role: 'operator' }] } });
    expect(badGrant.status).toBe(400);
    expect(await errorOf(badGrant)).toMatch(/grants\.0\.corridorId/);
    // Still nothing signs in with a made-up secret, even shaped like ours.
    const forged = await signInAt(harness.baseUrl, 'admin@corridor.demo', harness.passwordOf('admin@corridor.demo'));
    const tampered = await fetch(`${harness.baseUrl}/api/auth/session`, { headers: { cookie: forged.cookie.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A')) } });
    expect(tampered.status).toBe(401);
    await eventually(async () => (await fetch(`${harness.baseUrl}/healthz`)).ok, 'health stays up');
  });
});
