/**
 * The live map in real headless Chromium against the real platform and the simulated fleet:
 * aircraft markers move in Malawi and in Vanuatu, and KAS-2's breach appears as an alert
 * banner and in the alerts list. Screenshots go to test-output/ for a person to look at.
 * Runs on the embedded database (the page does not depend on which one is used).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFleet, Fleet } from '../../simulator/index.ts';
import { hasChromium, launchChromium, TEST_OUTPUT_DIR } from '../support/browser.ts';
import { startHarness, type PlatformHarness } from '../support/platform-harness.ts';

const chromiumMissing = !(await hasChromium()) && !process.env.CI;

describe.skipIf(chromiumMissing)('live map in Chromium', () => {
  let harness: PlatformHarness;
  let fleet: Fleet;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness('embedded');
    fleet = new Fleet(demoFleet(), { target: `udpout:127.0.0.1:${harness.udpPort}`, timeScale: 4 });
    await fleet.start();
    browser = await launchChromium();
    page = await browser.context.newPage();
    await fs.mkdir(TEST_OUTPUT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await fleet?.stop();
    await harness?.stop();
  });

  /** Where the page has drawn a corridor's aircraft markers: callsign label → [lon, lat]. */
  const markerPositions = (corridorSlug: string) =>
    page.evaluate(async (slug) => {
      const corridors = (await (await fetch('/api/corridors')).json()).items as Array<{ id: string; slug: string }>;
      const id = corridors.find((corridor) => corridor.slug === slug)!.id;
      const markers = [...document.querySelectorAll<HTMLElement>(`.aircraft-marker[data-corridor-id="${id}"]`)];
      return Object.fromEntries(markers.map((marker) => [marker.querySelector('.label')!.textContent!.split(' ')[0], [Number(marker.dataset.lon), Number(marker.dataset.lat)]]));
    }, corridorSlug);

  async function expectMarkersMove(corridorSlug: string, callsigns: string[]): Promise<void> {
    await page.waitForFunction((count) => document.querySelectorAll('.aircraft-marker').length >= count, 4, { timeout: 30_000 });
    const before = await markerPositions(corridorSlug);
    expect(Object.keys(before).sort()).toEqual(callsigns);
    await page.waitForTimeout(1500);
    const after = await markerPositions(corridorSlug);
    for (const callsign of callsigns) expect(after[callsign], callsign).not.toEqual(before[callsign]);
  }

  it('draws the corridors and zones without map tiles and moves the Kasungu aircraft', async () => {
    await page.goto(`${harness.baseUrl}/#malawi-kasungu`);
    await page.waitForSelector('#connection-state[data-state="live"]');
    expect(await page.locator('#corridor-select option').allTextContents()).toEqual([
      'Malawi — Kasungu humanitarian drone testing corridor',
      "Vanuatu — Epi: Vaemali to Lamen Bay",
      "Vanuatu — Erromango: Dillon's Bay to Cook's Bay",
    ]);
    // One vector path per zone (corridor boundaries included), drawn on the canvas renderer.
    expect(await page.locator('canvas.leaflet-zoom-animated').count()).toBeGreaterThan(0);
    await expectMarkersMove('malawi-kasungu', ['KAS-1', 'KAS-2']);
  });

  it('shows the breach alert when KAS-2 enters the town centre', async () => {
    const banner = page.locator('#alert-banner');
    await banner.waitFor({ state: 'visible', timeout: 45_000 });
    expect(await banner.textContent()).toContain('KAS-2 entered prohibited zone Kasungu town centre');
    await page.locator('#alert-list li[data-kind="zone-breach"]').first().waitFor();
    await page.waitForSelector('.aircraft-marker[data-status="breach"]');
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'live-map-kasungu-breach.png') });
    // Clicking the banner centres the map on the aircraft in breach, over the zone.
    await banner.click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'live-map-kasungu-breach-closeup.png') });
    const breaching = page.locator('.aircraft-marker[data-status="breach"]');
    const box = await breaching.boundingBox();
    const map = await page.locator('#map').boundingBox();
    expect(box && map && Math.abs(box.x + box.width / 2 - (map.x + map.width / 2))).toBeLessThan(150);
    await page.locator('#alert-banner-dismiss').click();
    await banner.waitFor({ state: 'hidden' });
  });

  it('switches to Vanuatu and moves the Erromango aircraft there', async () => {
    const erromango = await page.locator('#corridor-select option', { hasText: 'Erromango' }).getAttribute('value');
    await page.selectOption('#corridor-select', erromango!);
    expect(await page.locator('#corridor-info').textContent()).toContain('Ceiling 120 m AGL');
    await expectMarkersMove('vanuatu-erromango', ['ERR-1']);
    await expectMarkersMove('vanuatu-epi', ['EPI-1']);
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'live-map-erromango.png') });
  });
});
