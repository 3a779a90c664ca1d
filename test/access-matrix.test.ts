/**
 * The authorisation matrix, on each database. Part one walks EVERY route in Express's route table
 * for every kind of caller and checks who gets through against a table written here by hand — a
 * route added without a rule in the server, or without a row here, fails. Part two checks the
 * finer rules with real records: partners across organisations, operators and regulators across
 * corridors, regulators writing, tokens limited to their one grant.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView, ApiTokenView, AuditEntryView, CorridorView, FlightView, OrganisationView, Page, UserView, VehicleView, ZoneVersionView } from '../server/contracts/index.ts';
import { MavlinkSender } from './support/mavlink-sender.ts';
import { eventually, startHarness, type ApiClient, type PlatformHarness } from './support/platform-harness.ts';
import { registeredRoutes } from './support/route-table.ts';
import { databaseKinds } from './support/test-database.ts';

type Caller = 'anonymous' | 'admin' | 'operator' | 'regulator' | 'partner' | 'otherPartner' | 'regulatorToken' | 'partnerToken';
const CALLERS: readonly Caller[] = ['anonymous', 'admin', 'operator', 'regulator', 'partner', 'otherPartner', 'regulatorToken', 'partnerToken'];

// Who gets past the route's access rule. operator/regulator: of Kasungu only; partner: Kasungu Health Drones;
// otherPartner: Pacific Island Mapping; the tokens carry one grant each (Kasungu regulator, Kasungu Health Drones partner).
const ANYONE = CALLERS;
const SIGNED_IN = CALLERS.filter((caller) => caller !== 'anonymous');
const PEOPLE = ['admin', 'operator', 'regulator', 'partner', 'otherPartner'] as const; // session-only routes: not tokens
const ADMIN = ['admin'] as const;
const MAINTAINERS = ['admin', 'operator'] as const;
const STAFF = ['admin', 'operator', 'regulator', 'regulatorToken'] as const;
const PARTNERS = ['partner', 'otherPartner', 'partnerToken'] as const;
const FLEET_KEEPERS = [...PARTNERS, 'admin'] as const;

const EXPECTED: Record<string, readonly Caller[]> = {
  'GET /healthz': ANYONE,
  'GET /api/docs': ANYONE,
  'GET /metrics': ADMIN,
  'POST /api/auth/login': ANYONE,
  'POST /api/auth/logout': PEOPLE,
  'GET /api/auth/session': SIGNED_IN,
  'POST /api/auth/password': PEOPLE,
  'GET /api/auth/sessions': PEOPLE,
  'DELETE /api/auth/sessions/{id}': PEOPLE,
  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'GET /api/users/{id}': ADMIN,
  'PATCH /api/users/{id}': ADMIN,
  'PUT /api/users/{id}/grants': ADMIN,
  'DELETE /api/users/{id}/sessions': ADMIN,
  'GET /api/organisations': SIGNED_IN,
  'POST /api/organisations': ADMIN,
  'GET /api/organisations/{id}': SIGNED_IN,
  'PATCH /api/organisations/{id}': ADMIN,
  'GET /api/tokens': SIGNED_IN,
  'POST /api/tokens': PEOPLE,
  'DELETE /api/tokens/{id}': SIGNED_IN,
  'GET /api/audit': SIGNED_IN,
  'GET /api/corridors': SIGNED_IN,
  'POST /api/corridors': ADMIN,
  'GET /api/corridors/{id}': SIGNED_IN,
  'PATCH /api/corridors/{id}': ADMIN,
  'GET /api/corridors/{id}/zones': SIGNED_IN,
  'POST /api/corridors/{id}/zones': MAINTAINERS,
  'GET /api/corridors/{id}/zones.geojson': SIGNED_IN,
  'PUT /api/zones/{id}': MAINTAINERS,
  'DELETE /api/zones/{id}': MAINTAINERS,
  'GET /api/zones/{id}/versions': SIGNED_IN,
  'GET /api/zones/{id}/flights': STAFF,
  'POST /api/zones/what-if': STAFF,
  'GET /api/vehicles': SIGNED_IN,
  'GET /api/vehicles/{id}': SIGNED_IN,
  'POST /api/vehicles/{id}/commands': ['operator'],
  'GET /api/links': STAFF,
  'GET /api/alerts': SIGNED_IN,
  'GET /api/flights': SIGNED_IN,
  'GET /api/flights/{id}': SIGNED_IN,
  'GET /api/flights/{id}/telemetry': SIGNED_IN,
  'GET /api/flights/{id}/export.tlog': SIGNED_IN,
  'POST /api/flights/import': [...MAINTAINERS, ...PARTNERS],
  'GET /api/aircraft': SIGNED_IN,
  'POST /api/aircraft': FLEET_KEEPERS,
  'GET /api/aircraft/{id}': SIGNED_IN,
  'PATCH /api/aircraft/{id}': FLEET_KEEPERS,
  'DELETE /api/aircraft/{id}': FLEET_KEEPERS,
  'GET /api/bookings': SIGNED_IN,
  'GET /api/bookings.ics': SIGNED_IN,
  'GET /api/bookings/{id}': SIGNED_IN,
  'POST /api/bookings': PARTNERS,
  'PATCH /api/bookings/{id}': PARTNERS,
  'POST /api/bookings/{id}/cancel': [...PARTNERS, 'operator'],
  'POST /api/bookings/{id}/approve': ['operator'],
  'POST /api/bookings/{id}/reject': ['operator'],
  'GET /api/corridors/{id}/booking-rules': SIGNED_IN,
  'PUT /api/corridors/{id}/booking-rules': MAINTAINERS,
  'GET /api/corridors/{id}/availability': SIGNED_IN,
  'GET /api/organisations/{id}/webhook': FLEET_KEEPERS,
  'PUT /api/organisations/{id}/webhook': FLEET_KEEPERS,
  'DELETE /api/organisations/{id}/webhook': FLEET_KEEPERS,
  'GET /api/organisations/{id}/webhook/deliveries': FLEET_KEEPERS,
  'POST /api/alerts/{id}/ack': ['operator'],
  'GET /api/vehicles/trails': SIGNED_IN,
  'GET /api/map-config': SIGNED_IN,
  'GET /api/flights.csv': SIGNED_IN,
  'GET /api/flights/statistics': SIGNED_IN,
  'GET /api/flights/statistics.csv': SIGNED_IN,
  'GET /api/flights/{id}/violations': SIGNED_IN,
  'GET /api/flights/{id}/export.geojson': SIGNED_IN,
  'GET /api/flights/{id}/export.csv': SIGNED_IN,
  'GET /api/flights/{id}/export.kml': SIGNED_IN,
  'GET /api/flights/{id}/report': SIGNED_IN,
  'GET /api/flights/{id}/verify': SIGNED_IN,
  'GET /api/corridors/{id}/verify': STAFF,
};

const KASUNGU_POINT = [33.40, -13.06] as const;
const ERROMANGO_POINT = [169.05, -18.81] as const;

describe.each(databaseKinds())('access control on the %s database', (kind) => {
  let harness: PlatformHarness;
  const clients = new Map<Exclude<Caller, 'anonymous' | 'regulatorToken' | 'partnerToken'>, ApiClient>();
  const tokens = new Map<'regulatorToken' | 'partnerToken', string>();
  const senders: MavlinkSender[] = [];
  let kasungu: CorridorView;
  let erromango: CorridorView;
  let organisations: OrganisationView[];
  const checked = { routeChecks: 0, scopeChecks: 0 };

  /** A request as `caller`; anonymous sends no credentials, tokens send Authorization: Bearer. */
  const call = (caller: Caller, method: string, path: string, init: { json?: unknown; body?: BodyInit; contentType?: string } = {}) => {
    const headers: Record<string, string> = {};
    if (init.contentType) headers['content-type'] = init.contentType;
    const request = { method, headers, json: init.json, body: init.body };
    if (caller === 'anonymous') {
      return fetch(`${harness.baseUrl}${path}`, { method, headers: init.json !== undefined ? { 'content-type': 'application/json' } : headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
    }
    if (caller === 'regulatorToken' || caller === 'partnerToken') {
      const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
      if (init.json !== undefined) headers['content-type'] = 'application/json';
      return fetch(`${harness.baseUrl}${path}`, { method, headers: { ...headers, authorization: `Bearer ${tokens.get(caller)}` }, body });
    }
    return clients.get(caller)!.fetch(path, request);
  };
  const getAs = async <T>(caller: Caller, path: string): Promise<{ status: number; body: T }> => {
    const response = await call(caller, 'GET', path);
    return { status: response.status, body: (await response.json()) as T };
  };

  beforeAll(async () => {
    harness = await startHarness(kind, { LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' });
    const admin = await harness.signIn('admin');
    clients.set('admin', admin);
    const corridors = (await admin.getJson<Page<CorridorView>>('/api/corridors')).items;
    kasungu = corridors.find((corridor) => corridor.slug === 'malawi-kasungu')!;
    erromango = corridors.find((corridor) => corridor.slug === 'vanuatu-erromango')!;
    organisations = (await admin.getJson<Page<OrganisationView>>('/api/organisations')).items;
    // People of one corridor only, made through the API as an admin would.
    for (const role of ['operator', 'regulator'] as const) {
      const email = `${role}.kasungu.${kind}@test.example`;
      const created = await admin.fetch('/api/users', { method: 'POST', json: { email, displayName: `Kasungu ${role}`, password: 'correct horse battery', grants: [{ role, corridorId: kasungu.id }] } });
      expect(created.status).toBe(201);
      clients.set(role, await harness.signIn({ email, password: 'correct horse battery' }));
    }
    clients.set('partner', await harness.signIn('kasunguPartner'));
    clients.set('otherPartner', await harness.signIn('pacificPartner'));
    const partnerOrganisation = organisations.find((organisation) => organisation.name.startsWith('Kasungu Health Drones'))!;
    const tokenFor = async (client: ApiClient, grant: object) => {
      const response = await client.fetch('/api/tokens', { method: 'POST', json: { name: `matrix ${randomUUID()}`, grant } });
      expect(response.status).toBe(201);
      return ((await response.json()) as ApiTokenView).secret!;
    };
    tokens.set('regulatorToken', await tokenFor(clients.get('regulator')!, { role: 'regulator', corridorId: kasungu.id }));
    tokens.set('partnerToken', await tokenFor(clients.get('partner')!, { role: 'partner', organisationId: partnerOrganisation.id }));

    // Three aircraft flying: KAS-1 (Kasungu Health Drones) and an unregistered one in Kasungu, ERR-1 (Pacific Island Mapping) in Erromango.
    for (const [systemId, [lon, lat], homeMslM] of [[11, KASUNGU_POINT, 1050], [99, KASUNGU_POINT, 1050], [21, ERROMANGO_POINT, 10]] as const) {
      const sender = new MavlinkSender(harness.udpPort, systemId);
      senders.push(sender);
      await sender.heartbeat({ armed: true });
      for (let i = 0; i < 5; i += 1) await sender.position(lon + i * 0.0005, lat, 40, homeMslM, i * 200);
    }
    await eventually(() => harness.platform.ingest.listVehicles().filter((vehicle) => vehicle.position && vehicle.fenceStatus).length >= 3, 'three aircraft with positions');
    await harness.platform.writeQueue.flush();
  });
  afterAll(async () => {
    senders.forEach((sender) => sender.close());
    await harness?.stop();
    console.log(`[${kind}] access matrix: ${checked.routeChecks} route × caller checks, ${checked.scopeChecks} record-scope checks`);
  });

  it('has a written expectation for every registered route, and every route has an access rule', () => {
    const routes = registeredRoutes();
    expect(routes.filter((route) => route.access === null).map((route) => route.key)).toEqual([]);
    expect(routes.map((route) => route.key).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('lets exactly the expected callers through every route (others get 401 when anonymous, 403 when signed in)', async () => {
    const missingId = randomUUID();
    const outcomes: string[] = [];
    for (const route of registeredRoutes()) {
      const path = route.path.replace(/:\w+/g, missingId);
      for (const caller of CALLERS) {
        let response: Response;
        if (route.key === 'POST /api/auth/logout' && clients.has(caller as never)) {
          // Signing out is probed with a throwaway session of the same person, so the matrix keeps its own.
          const throwaway = await harness.signIn(caller === 'admin' ? 'admin' : caller === 'partner' ? 'kasunguPartner' : caller === 'otherPartner' ? 'pacificPartner' : { email: `${caller}.kasungu.${kind}@test.example`, password: 'correct horse battery' });
          response = await throwaway.fetch(path, { method: 'POST' });
        } else if (route.key === 'POST /api/flights/import') {
          response = await call(caller, route.method, path, { body: new Blob([]), contentType: 'application/octet-stream' });
        } else {
          response = await call(caller, route.method, path, route.method === 'GET' || route.method === 'DELETE' ? {} : { json: {} });
        }
        const allowed = EXPECTED[route.key]!.includes(caller);
        const expected = allowed ? 'through' : caller === 'anonymous' ? '401' : '403';
        const actual = response.status === 401 || response.status === 403 ? String(response.status) : response.status >= 500 ? `${response.status}!` : 'through';
        if (actual !== expected) outcomes.push(`${route.key} as ${caller}: expected ${expected}, got ${response.status} ${await response.text()}`);
        checked.routeChecks += 1;
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('shows partners only their own aircraft, flights, alerts and organisation; corridor staff only their corridor', async () => {
    const expectSees = async (caller: Caller, path: string, pick: (body: any) => string[], expected: string[]) => {
      const { status, body } = await getAs<any>(caller, path);
      expect(status, `${caller} GET ${path}`).toBe(200);
      expect(pick(body).sort(), `${caller} GET ${path}`).toEqual([...expected].sort());
      checked.scopeChecks += 1;
    };
    const systemIds = (body: Page<VehicleView | FlightView>) => [...new Set(body.items.filter((item) => [11, 21, 99].includes(item.systemId)).map((item) => String(item.systemId)))];
    const seen: Record<Exclude<Caller, 'anonymous'>, string[]> = {
      admin: ['11', '21', '99'], operator: ['11', '99'], regulator: ['11', '99'], regulatorToken: ['11', '99'],
      partner: ['11'], partnerToken: ['11'], otherPartner: ['21'],
    };
    for (const [caller, ids] of Object.entries(seen) as Array<[Exclude<Caller, 'anonymous'>, string[]]>) {
      await expectSees(caller, '/api/vehicles', systemIds, ids);
      await expectSees(caller, '/api/flights?limit=500', systemIds, ids);
    }
    // The unregistered aircraft's alert goes to Kasungu's staff, never to a partner.
    await expectSees('operator', '/api/alerts?limit=500', (body: Page<AlertView>) => [...new Set(body.items.filter((alert) => alert.kind === 'unregistered-aircraft').map((alert) => String(alert.systemId)))], ['99']);
    for (const partner of ['partner', 'otherPartner', 'partnerToken'] as const) {
      await expectSees(partner, '/api/alerts?limit=500', (body: Page<AlertView>) => body.items.filter((alert) => alert.kind === 'unregistered-aircraft').map((alert) => alert.id), []);
    }
    const pacific = organisations.find((organisation) => organisation.name.startsWith('Pacific Island Mapping'))!;
    await expectSees('partner', '/api/organisations', (body: Page<OrganisationView>) => body.items.map((organisation) => organisation.name), ['Kasungu Health Drones (demo)']);
    expect((await getAs('partner', `/api/organisations/${pacific.id}`)).status).toBe(404);
    expect((await getAs('otherPartner', `/api/organisations/${pacific.id}`)).status).toBe(200);
  });

  it('answers 404 for a single record outside the caller’s scope, as if it did not exist', async () => {
    const flights = (await clients.get('admin')!.getJson<Page<FlightView>>('/api/flights?limit=500')).items;
    const vehicles = (await clients.get('admin')!.getJson<Page<VehicleView>>('/api/vehicles')).items;
    const flightOf = (systemId: number) => flights.find((flight) => flight.systemId === systemId)!;
    const vehicleOf = (systemId: number) => vehicles.find((vehicle) => vehicle.systemId === systemId)!;
    const visible: Record<number, readonly Caller[]> = {
      11: ['admin', 'operator', 'regulator', 'regulatorToken', 'partner', 'partnerToken'],
      21: ['admin', 'otherPartner'],
      99: ['admin', 'operator', 'regulator', 'regulatorToken'],
    };
    const failures: string[] = [];
    for (const [systemId, callers] of Object.entries(visible)) {
      const flight = flightOf(Number(systemId));
      const vehicle = vehicleOf(Number(systemId));
      const paths = [`/api/flights/${flight.id}`, `/api/flights/${flight.id}/telemetry`, `/api/flights/${flight.id}/export.tlog`, `/api/vehicles/${encodeURIComponent(vehicle.id)}`];
      for (const caller of SIGNED_IN) {
        for (const path of paths) {
          const { status } = await call(caller, 'GET', path).then(async (response) => ({ status: response.status, text: await response.arrayBuffer() }));
          const expected = callers.includes(caller) ? 200 : 404;
          if (status !== expected) failures.push(`${caller} GET ${path} (sysid ${systemId}): expected ${expected}, got ${status}`);
          checked.scopeChecks += 1;
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses changes outside the caller’s corridor, by regulators, and by partners — and stores nothing', async () => {
    const zonesOf = async (corridor: CorridorView) => (await clients.get('admin')!.getJson<Page<ZoneVersionView>>(`/api/corridors/${corridor.id}/zones`)).items;
    const erromangoZone = (await zonesOf(erromango))[0]!;
    const kasunguZone = (await zonesOf(kasungu))[0]!;
    const newZone = { zone: { name: 'matrix probe', kind: 'exclusion', restriction: 'prohibited', circle: { center: [33.45, -13.0], radiusM: 200 }, altitudeMinM: 0, altitudeMaxM: 120, altitudeReference: 'AGL' } };
    const auditBefore = Number((await harness.platform.database.knex('audit_log').count({ n: '*' }))[0]!.n);
    const attempts: Array<[Caller, string, string, unknown, number]> = [
      ['operator', 'POST', `/api/corridors/${erromango.id}/zones`, newZone, 403],
      ['operator', 'PUT', `/api/zones/${erromangoZone.id}`, { name: 'renamed by the wrong operator' }, 403],
      ['operator', 'DELETE', `/api/zones/${erromangoZone.id}`, undefined, 403],
      ['regulator', 'POST', `/api/corridors/${kasungu.id}/zones`, newZone, 403],
      ['regulator', 'PUT', `/api/zones/${kasunguZone.id}`, { name: 'renamed by a regulator' }, 403],
      ['regulatorToken', 'DELETE', `/api/zones/${kasunguZone.id}`, undefined, 403],
      ['regulator', 'POST', `/api/vehicles/${encodeURIComponent(`${harness.platform.links[0]!.id}:11:1`)}/commands`, { command: 'rtl' }, 403],
      ['partner', 'POST', `/api/vehicles/${encodeURIComponent(`${harness.platform.links[0]!.id}:11:1`)}/commands`, { command: 'rtl' }, 403],
      ['operator', 'POST', `/api/vehicles/${encodeURIComponent(`${harness.platform.links[0]!.id}:21:1`)}/commands`, { command: 'rtl' }, 404],
      ['partner', 'PATCH', `/api/corridors/${kasungu.id}`, { name: 'Partnerland' }, 403],
      ['otherPartner', 'PUT', `/api/users/${randomUUID()}/grants`, { grants: [{ role: 'admin' }] }, 403],
      ['partner', 'POST', '/api/tokens', { name: 'escalate', grant: { role: 'operator', corridorId: kasungu.id } }, 403],
      ['operator', 'POST', '/api/tokens', { name: 'escalate', grant: { role: 'operator', corridorId: erromango.id } }, 403],
    ];
    const failures: string[] = [];
    for (const [caller, method, path, json, expected] of attempts) {
      const response = await call(caller, method, path, json === undefined ? {} : { json });
      if (response.status !== expected) failures.push(`${caller} ${method} ${path}: expected ${expected}, got ${response.status} ${await response.text()}`);
      checked.scopeChecks += 1;
    }
    expect(failures).toEqual([]);
    expect((await zonesOf(erromango)).map((zone) => zone.id)).toContain(erromangoZone.id);
    expect((await zonesOf(kasungu)).find((zone) => zone.id === kasunguZone.id)?.name).toBe(kasunguZone.name);
    expect(Number((await harness.platform.database.knex('audit_log').count({ n: '*' }))[0]!.n)).toBe(auditBefore);
  });

  it('audits a change with who, when, before and after, readable by that corridor’s regulator only', async () => {
    const operator = clients.get('operator')!;
    const zone = (await operator.getJson<Page<ZoneVersionView>>(`/api/corridors/${kasungu.id}/zones`)).items.find((item) => item.kind === 'exclusion')!;
    const revised = await operator.fetch(`/api/zones/${zone.id}`, { method: 'PUT', json: { note: `audited ${kind}` } });
    expect(revised.status).toBe(200);
    const newVersion = (await revised.json()) as ZoneVersionView;
    const entryFor = async (caller: Caller) => (await getAs<Page<AuditEntryView>>(caller, `/api/audit?action=zone.revise&resourceId=${newVersion.id}`)).body.items;
    const [entry] = await entryFor('regulator');
    expect(entry).toMatchObject({ actor: `operator.kasungu.${kind}@test.example`, action: 'zone.revise', resourceType: 'zone', corridorIds: [kasungu.id] });
    expect((entry!.before as ZoneVersionView).note).toBe(zone.note);
    expect((entry!.after as ZoneVersionView).note).toBe(`audited ${kind}`);
    expect(Math.abs(entry!.occurredAtMs - Date.now())).toBeLessThan(60_000);
    expect(await entryFor('regulatorToken')).toHaveLength(1);
    expect(await entryFor('otherPartner')).toEqual([]);
    const pacificRegulator = await clients.get('admin')!.fetch('/api/users', { method: 'POST', json: { email: `regulator.erromango.${kind}@test.example`, displayName: 'Erromango regulator', password: 'correct horse battery', grants: [{ role: 'regulator', corridorId: erromango.id }] } });
    expect(((await pacificRegulator.json()) as UserView).grants).toEqual([{ role: 'regulator', corridorId: erromango.id }]);
    const erromangoRegulator = await harness.signIn({ email: `regulator.erromango.${kind}@test.example`, password: 'correct horse battery' });
    expect((await erromangoRegulator.getJson<Page<AuditEntryView>>(`/api/audit?resourceId=${newVersion.id}`)).items).toEqual([]);
  });
});
