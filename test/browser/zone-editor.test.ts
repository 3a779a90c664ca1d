/**
 * Zone editing in real headless Chromium against the real platform (issue 6). Kasungu's operator,
 * signed in through the form, draws a polygon exclusion zone on the Zones map and saves it; it is
 * listed, drawn, served by GET /api/corridors/:id/zones and audited with the operator as actor.
 * Changing its band stores version 2; a change made elsewhere first turns the next save into the
 * server's 409, shown as it is, and the page reloads the current version; dragging a corner
 * reshapes it; retiring it (after a confirmation) takes it out of the current zones while its
 * versions stay. A circle is drawn by its centre and a typed radius, with a window in local time. A GeoJSON file imports; a bad one is refused in the server's words. A regulator
 * sees the same zones without a single control. Screenshots go to test-output/.
 * Longer than 200 lines: one operator's story, told in order, reads best in one file.
 */
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView, CorridorView, Page as ListPage, ZoneVersionView } from '../../server/contracts/index.ts';
import { hasChromium, launchChromium, TEST_OUTPUT_DIR, type LaunchedChromium } from '../support/browser.ts';
import { startHarness, type PlatformHarness } from '../support/platform-harness.ts';
import { readDemoAccount, recordPageProblems, submitSignIn } from './live-map-page.ts';

const chromiumMissing = !(await hasChromium()) && !process.env.CI;
const ZONE_NAME = 'Dwangwa road test exclusion';

/** Two small zones north-east of Kasungu's centre, inside the 40 km corridor. */
const IMPORTED: GeoJSON.FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature', id: 'school-a', geometry: { type: 'Polygon', coordinates: [[[33.56, -12.96], [33.58, -12.96], [33.58, -12.94], [33.56, -12.94], [33.56, -12.96]]] },
      properties: { name: 'Chamama school (imported)', kind: 'exclusion', restriction: 'conditional', altitudeMinM: 0, altitudeMaxM: 60, altitudeReference: 'AGL', marginM: 30 },
    },
    {
      type: 'Feature', id: 'mast-b', geometry: { type: 'Point', coordinates: [33.6, -12.98] },
      properties: { name: 'Radio mast (imported)', kind: 'exclusion', restriction: 'authorisation', radiusM: 500, altitudeMinM: 0, altitudeMaxM: 200, altitudeReference: 'AGL' },
    },
  ],
};

/** The rings of a one-part (Multi)Polygon. */
const ringsOf = (geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon) => (geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates[0]!);

describe.skipIf(chromiumMissing)('zone editing in Chromium', () => {
  let harness: PlatformHarness;
  let browser: LaunchedChromium;
  let operator: Page;
  let kasungu: CorridorView;
  /** Version 1 of the zone drawn in the first test, then its latest version. */
  let created: ZoneVersionView;
  let latest: ZoneVersionView;
  const pageProblems: string[] = [];
  const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(TEST_OUTPUT_DIR, name) });
  const answerTo = (page: Page, method: string, pathname: string) =>
    page.waitForResponse((response) => response.request().method() === method && new URL(response.url()).pathname === pathname);
  const zonesPath = () => `/api/corridors/${kasungu.id}/zones`;
  const currentZones = async () => (await harness.api.getJson<ListPage<ZoneVersionView>>(zonesPath())).items;
  const listItem = (page: Page, lineageId: string) => page.locator(`#zone-list li[data-lineage-id="${lineageId}"]`);

  /** A new person in a new context, signed in through the form, on Kasungu's Zones view. */
  const signInToZones = async (email: string) => {
    const page = await (await browser.newContext()).newPage();
    recordPageProblems(page, pageProblems);
    await page.goto(`${harness.baseUrl}/#zones/${kasungu.slug}`);
    await page.locator('#sign-in-form').waitFor();
    const account = await readDemoAccount(harness.database.dataDir, email);
    expect(await submitSignIn(page, account.email, account.password)).toBe(200);
    await page.locator(`#zones-view[data-corridor-id="${kasungu.id}"]`).waitFor();
    return page;
  };

  /** Save the editor's form and return the server's answer to `method` on `pathname`, with its JSON. */
  const save = async (method: string, pathname: string): Promise<[Response, unknown]> => {
    const [answer] = await Promise.all([answerTo(operator, method, pathname), operator.click('#zone-save')]);
    return [answer, answer.status() === 204 ? null : await answer.json()];
  };

  beforeAll(async () => {
    harness = await startHarness('embedded');
    browser = await launchChromium();
    const corridors = await harness.api.getJson<ListPage<CorridorView>>('/api/corridors');
    kasungu = corridors.items.find((corridor) => corridor.slug === 'malawi-kasungu')!;
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  afterEach(() => {
    expect(pageProblems).toEqual([]);
  });

  it('shows the operator Kasungu’s zones styled by class, listed beside the map, with the drawing tools', async () => {
    operator = await signInToZones('operator@corridor.demo');
    expect(await operator.locator('#view-zones').getAttribute('aria-current')).toBe('true');
    expect(await operator.locator('#zones-timezone').textContent()).toBe('Local time: Africa/Blantyre (UTC+02:00)');
    // The corridor's own boundary and ceiling is a zone too: an inclusion, drawn dashed and hollow.
    expect(await operator.locator('#zone-list li.zone-item').count()).toBe(3);
    expect(await operator.locator('#zone-list li[data-kind="inclusion"][data-restriction="conditional"]').textContent()).toContain('boundary and ceiling');
    expect(await operator.locator('#zones-map path.zone-shape.is-conditional.is-inclusion').count()).toBe(1);
    const town = operator.locator('#zone-list li', { hasText: 'Kasungu town centre' });
    for (const expected of ['prohibited', 'exclusion', 'circle 1200 m', '0–400 m AGL', 'margin 300 m', 'always in force', 'v1']) expect(await town.textContent()).toContain(expected);
    expect(await operator.locator('#zones-map path.zone-shape.is-prohibited.is-exclusion').count()).toBe(1);
    expect(await operator.locator('#zones-map path.zone-shape.is-authorisation.is-exclusion').count()).toBe(1);
    expect(await operator.locator('#zones-map path.zone-corridor-boundary').count()).toBe(1);
    for (const control of ['#zone-draw-toolbar', '#zone-import-section']) expect(await operator.locator(control).isVisible(), control).toBe(true);
    expect(await operator.locator('#zones-access').textContent()).toBe('');
  });

  it('draws a polygon exclusion zone and saves it: listed, drawn, served by the API and audited as the operator’s', async () => {
    await operator.click('#zone-draw-polygon');
    expect(await operator.locator('#zone-editor-section').isVisible()).toBe(true);
    expect(await operator.locator('#zone-draw-status').textContent()).toBe('Click the map to place corners (0 so far, at least 3).');
    // Four corners north-west of the centre, clear of the aerodrome and the town.
    const map = (await operator.locator('#zones-map').boundingBox())!;
    const [cx, cy] = [map.x + map.width / 2, map.y + map.height / 2];
    for (const [dx, dy] of [[-160, -150], [-60, -150], [-60, -60], [-160, -60]] as const) await operator.mouse.click(cx + dx, cy + dy);
    expect(await operator.locator('#zone-draw-status').textContent()).toBe('4 corners: click the first corner or Finish to close the polygon.');
    await operator.fill('#zone-name', ZONE_NAME);
    await operator.selectOption('#zone-kind', 'exclusion');
    await operator.selectOption('#zone-restriction', 'prohibited');
    await operator.fill('#zone-altitude-min', '0');
    await operator.fill('#zone-altitude-max', '150');
    await operator.fill('#zone-margin', '50');
    await operator.fill('#zone-note', 'Road trials; drawn in the browser test.');
    await screenshot(operator, 'zone-editor-drawing.png');

    // Clicking the first corner again closes the ring.
    await operator.locator('.zone-handle.is-first').click();
    expect(await operator.locator('#zone-draw-status').textContent()).toBe('Polygon with 4 corners: drag a corner to move it.');
    const [answer, body] = await save('POST', zonesPath());
    expect(answer.status(), JSON.stringify(body)).toBe(201);
    created = (body as ListPage<ZoneVersionView>).items[0]!;
    expect(created).toMatchObject({ name: ZONE_NAME, kind: 'exclusion', restriction: 'prohibited', altitudeMinM: 0, altitudeMaxM: 150, altitudeReference: 'AGL', marginM: 50, version: 1, circle: null });
    // Sent as a Polygon; the server stores every polygon as a MultiPolygon, so it comes back as one part.
    expect(ringsOf(created.geometry)).toHaveLength(1);
    expect(ringsOf(created.geometry)[0]).toHaveLength(5);
    await expect.poll(() => operator.locator('#zone-result').textContent()).toBe(`Saved “${ZONE_NAME}” as version 1.`);
    latest = created;

    const item = listItem(operator, created.lineageId);
    expect(await item.getAttribute('data-version')).toBe('1');
    expect(await item.getAttribute('aria-selected')).toBe('true');
    for (const expected of ['prohibited', 'exclusion', '0–150 m AGL', 'margin 50 m', 'always in force']) expect(await item.textContent()).toContain(expected);
    expect(await operator.locator(`#zones-map path.zone-shape.is-prohibited.is-exclusion[data-lineage-id="${created.lineageId}"]`).count()).toBe(1);

    const served = (await currentZones()).find((zone) => zone.id === created.id);
    expect(served).toMatchObject({ name: ZONE_NAME, kind: 'exclusion', altitudeMaxM: 150, validToMs: null });
    const operatorId = (await harness.api.getJson<{ user: { id: string } }>('/api/auth/session')).user.id;
    const audit = await harness.api.getJson<ListPage<AuditEntryView>>(`/api/audit?resourceId=${created.id}`);
    expect(audit.items.map((entry) => entry.action)).toContain('zone.create');
    expect(audit.items.find((entry) => entry.action === 'zone.create')).toMatchObject({ actor: 'operator@corridor.demo', actorUserId: operatorId, resourceType: 'zone', corridorIds: [kasungu.id] });
    await screenshot(operator, 'zone-editor-saved.png');
  });

  it('changes the zone’s band: the server stores version 2 and the history lists both versions', async () => {
    await operator.fill('#zone-altitude-max', '90');
    const [answer, body] = await save('PUT', `/api/zones/${created.id}`);
    expect(answer.status(), JSON.stringify(body)).toBe(200);
    latest = body as ZoneVersionView;
    expect(latest).toMatchObject({ lineageId: created.lineageId, version: 2, altitudeMaxM: 90, marginM: 50 });
    expect(latest.geometry).toEqual(created.geometry); // only the band was sent
    await expect.poll(() => operator.locator('#zone-result').textContent()).toBe(`Saved “${ZONE_NAME}” as version 2.`);
    expect(await operator.locator('#zone-editor-title').textContent()).toBe(`Edit “${ZONE_NAME}” (version 2)`);
    expect(await listItem(operator, created.lineageId).getAttribute('data-version')).toBe('2');
    expect(await listItem(operator, created.lineageId).textContent()).toContain('0–90 m AGL');
    await operator.locator('#zone-history li[data-version="2"][data-current="true"]').waitFor();
    expect(await operator.locator('#zone-history li').count()).toBe(2);
    expect((await currentZones()).find((zone) => zone.lineageId === created.lineageId)).toMatchObject({ version: 2, altitudeMaxM: 90 });
  });

  it('shows the server’s 409 when someone else changed the zone first, then edits the current version', async () => {
    const elsewhere = await harness.api.fetch(`/api/zones/${latest.id}`, { method: 'PUT', json: { note: 'Changed over the API meanwhile' } });
    expect(elsewhere.status).toBe(200);
    await operator.fill('#zone-margin', '75');
    const [answer, body] = await save('PUT', `/api/zones/${latest.id}`);
    expect(answer.status()).toBe(409);
    const { message } = (body as { error: { message: string } }).error;
    expect(message).toContain('version 3');
    await expect.poll(() => operator.locator('#zone-error').textContent()).toBe(message);
    expect(await operator.locator('#zone-editor-title').textContent()).toBe(`Edit “${ZONE_NAME}” (version 3)`);
    expect(await operator.locator('#zone-note').inputValue()).toBe('Changed over the API meanwhile');
    expect(await operator.locator('#zone-margin').inputValue()).toBe('50'); // reloaded: the refused change is not kept
    latest = (await currentZones()).find((zone) => zone.lineageId === created.lineageId)!;
    expect(latest.version).toBe(3);
  });

  it('moves a corner by dragging it and saves the new shape as the next version', async () => {
    const corner = operator.locator('.zone-handle').nth(1);
    const box = (await corner.boundingBox())!;
    await operator.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await operator.mouse.down();
    await operator.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 - 30, { steps: 8 });
    await operator.mouse.up();
    const [answer, body] = await save('PUT', `/api/zones/${latest.id}`);
    expect(answer.status(), JSON.stringify(body)).toBe(200);
    const moved = body as ZoneVersionView;
    expect(moved).toMatchObject({ version: 4, altitudeMaxM: 90 });
    expect(moved.geometry).not.toEqual(latest.geometry);
    expect(ringsOf(moved.geometry)[0]).toHaveLength(5);
    latest = moved;
  });

  it('retires the zone after a confirmation: gone from the current zones, its versions kept', async () => {
    await operator.click('#zone-retire');
    expect(await operator.locator('#zone-retire-question').textContent()).toContain(`Retire “${ZONE_NAME}”?`);
    const [answer] = await Promise.all([answerTo(operator, 'DELETE', `/api/zones/${latest.id}`), operator.click('#zone-retire-confirm-button')]);
    expect(answer.status()).toBe(204);
    await listItem(operator, created.lineageId).waitFor({ state: 'detached' });
    expect(await operator.locator('#zones-notice').textContent()).toBe(`Retired “${ZONE_NAME}”; its versions stay in the history.`);
    expect(await operator.locator('#zone-editor-section').isVisible()).toBe(false);
    expect((await currentZones()).some((zone) => zone.lineageId === created.lineageId)).toBe(false);
    const versions = (await harness.api.getJson<ListPage<ZoneVersionView>>(`/api/zones/${created.id}/versions`)).items;
    expect(versions.map((version) => version.version)).toEqual([1, 2, 3, 4]);
    expect(versions.every((version) => version.validToMs !== null)).toBe(true);
  });

  it('draws a circle by its centre and a typed radius, in force for an evening given in the corridor’s local time', async () => {
    await operator.click('#zone-draw-circle');
    expect(await operator.locator('#zone-draw-status').textContent()).toBe('Click the centre of the circle.');
    const map = (await operator.locator('#zones-map').boundingBox())!;
    await operator.mouse.click(map.x + map.width / 2 + 120, map.y + map.height / 2 + 110);
    expect(await operator.locator('#zone-draw-status').textContent()).toBe('Click the edge of the circle, or type its radius.');
    await operator.fill('#zone-radius', '800');
    expect(await operator.locator('#zone-draw-status').textContent()).toBe('Circle, radius 800 m: drag its centre or edge, or type a radius.');
    await operator.fill('#zone-name', 'Evening trials area');
    await operator.selectOption('#zone-restriction', 'conditional');
    await operator.fill('#zone-window-start', '2030-06-14T20:00');
    await operator.fill('#zone-window-end', '2030-06-14T23:00');
    expect(await operator.locator('#zone-timezone').textContent()).toBe('Times are local to the corridor: Africa/Blantyre (UTC+02:00).');
    const [answer, body] = await save('POST', zonesPath());
    expect(answer.status(), JSON.stringify(body)).toBe(201);
    const circle = (body as ListPage<ZoneVersionView>).items[0]!;
    expect(circle).toMatchObject({ name: 'Evening trials area', restriction: 'conditional', windowStartMs: Date.parse('2030-06-14T20:00:00+02:00'), windowEndMs: Date.parse('2030-06-14T23:00:00+02:00') });
    expect(circle.circle?.radiusM).toBe(800);
    const item = listItem(operator, circle.lineageId);
    await item.waitFor();
    for (const expected of ['circle 800 m', 'Fri 14 Jun 2030 20:00–23:00']) expect(await item.textContent()).toContain(expected);
    expect(await operator.locator('.zone-handle.zone-center').count()).toBe(1);
    expect(await operator.locator('.zone-handle.zone-edge').count()).toBe(1);
  });

  it('imports a GeoJSON file, and shows a refused import in the server’s words', async () => {
    await operator.selectOption('#zone-import-format', 'geojson');
    await operator.setInputFiles('#zone-import-file', { name: 'kasungu-extra.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(IMPORTED)) });
    const [answer] = await Promise.all([answerTo(operator, 'POST', zonesPath()), operator.click('#zone-import-submit')]);
    expect(answer.status(), await answer.text()).toBe(201);
    const [school, mast] = ((await answer.json()) as ListPage<ZoneVersionView>).items;
    await expect.poll(() => operator.locator('#zone-import-result').textContent()).toBe('Imported 2 zones: Chamama school (imported), Radio mast (imported).');
    await listItem(operator, mast!.lineageId).waitFor();
    expect(await listItem(operator, mast!.lineageId).textContent()).toContain('circle 500 m');
    expect(await operator.locator(`#zones-map path.zone-shape.is-conditional.is-exclusion[data-lineage-id="${school!.lineageId}"]`).count()).toBe(1);
    expect(await operator.locator(`#zones-map path.zone-shape.is-authorisation.is-exclusion[data-lineage-id="${mast!.lineageId}"]`).count()).toBe(1);
    expect((await currentZones()).map((zone) => zone.name)).toEqual(expect.arrayContaining(['Chamama school (imported)', 'Radio mast (imported)']));

    // One zone with its band upside down, one without an id: refused, nothing stored, every problem named.
    const bad = structuredClone(IMPORTED);
    (bad.features[0]!.properties as Record<string, unknown>).altitudeMinM = 300;
    delete bad.features[1]!.id;
    await operator.setInputFiles('#zone-import-file', { name: 'bad.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(bad)) });
    const [refusal] = await Promise.all([answerTo(operator, 'POST', zonesPath()), operator.click('#zone-import-submit')]);
    expect(refusal.status()).toBe(400);
    const { error } = (await refusal.json()) as { error: { message: string } };
    expect(error.message).toContain('school-a');
    await expect.poll(() => operator.locator('#zone-import-error').textContent()).toBe(error.message);
    expect(await operator.locator('#zone-list li.zone-item').count()).toBe(6);
  });

  it('shows a regulator the zones and their history without a single edit control', async () => {
    const regulator = await signInToZones('regulator@corridor.demo');
    expect(await regulator.locator('#zone-list li.zone-item').count()).toBe(6);
    expect(await regulator.locator('#zones-access').textContent()).toContain('Read-only');
    for (const control of ['#zone-draw-toolbar', '#zone-editor-section', '#zone-import-section']) expect(await regulator.locator(control).isVisible(), control).toBe(false);
    await regulator.locator('#zone-list li', { hasText: 'Chamama school (imported)' }).click();
    await regulator.locator('#zone-history li[data-version="1"]').waitFor();
    expect(await regulator.locator('#zone-editor-section').isVisible()).toBe(false);
    expect(await regulator.locator('#zones-view button:visible, #zones-view input:visible, #zones-view textarea:visible, .zone-handle').count()).toBe(0);
    await screenshot(regulator, 'zone-editor-regulator.png');

    // The server decides too: the regulator's own change is refused.
    const regulatorApi = await harness.signIn('regulator');
    const school = (await currentZones()).find((zone) => zone.name === 'Chamama school (imported)')!;
    expect((await regulatorApi.fetch(`/api/zones/${school.id}`, { method: 'PUT', json: { marginM: 0 } })).status).toBe(403);
  });
});
