/**
 * The storage alarm banner in real headless Chromium, driven by a real database outage: the platform
 * reaches its PostgreSQL through a loopback TCP proxy (test/support/tcp-proxy.ts, as
 * database-outage.test.ts does) which the test cuts while an aircraft keeps reporting over UDP. The
 * operator's live map shows "Database unreachable since …" with the writes held, counts the elapsed
 * time on, and drops the banner once writes succeed again; a partner's page never shows it.
 * PostgreSQL only: the embedded database lives inside the server process and cannot be unplugged.
 * The screenshot goes to test-output/ for a person to look at.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startPlatform, type RunningPlatform } from '../../server/platform.ts';
import { hasChromium, launchChromium, TEST_OUTPUT_DIR, type LaunchedChromium } from '../support/browser.ts';
import { MavlinkSender } from '../support/mavlink-sender.ts';
import { DEMO_EMAILS } from '../support/platform-harness.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.ts';
import { readDemoAccount, recordPageProblems, signInThroughForm } from './live-map-page.ts';

const chromiumMissing = !(await hasChromium()) && !process.env.CI;
const BANNER = '#platform-alarm';
const OUTAGE_ITEM = `${BANNER} li[data-kind="database-unreachable"]`;

describe.skipIf(chromiumMissing || !databaseKinds().includes('postgres'))('the storage alarm banner in Chromium, through a real PostgreSQL outage', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let platform: RunningPlatform;
  let browser: LaunchedChromium;
  let operator: Page;
  let partner: Page;
  let aircraft: MavlinkSender;
  let reporting: NodeJS.Timeout;
  const pageProblems: string[] = [];

  const signedInPage = async (email: string) => {
    const page = await (await browser.newContext()).newPage();
    recordPageProblems(page, pageProblems);
    await page.goto(`http://127.0.0.1:${platform.httpPort}/#malawi-kasungu`);
    await signInThroughForm(page, await readDemoAccount(database.dataDir, email));
    return page;
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const url = new URL(database.databaseUrl!);
    proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(await proxy.listen());
    const config = loadConfig({
      PORT: '0', HOST: '127.0.0.1', MAVLINK_LINKS: 'udpin:127.0.0.1:0', DATA_DIR: database.dataDir, DATABASE_URL: proxied.toString(),
      LOG_LEVEL: 'silent', WEB_DIST_DIR: 'dist/web', SEED_DEMO: 'true', DATABASE_ALARM_MS: '1000',
    });
    platform = await startPlatform(config, pino({ level: 'silent' }));
    // KAS-1 reports five times a second all along, so there are writes to fail and to succeed again.
    aircraft = new MavlinkSender(platform.links[0]!.port, 11);
    let tick = 0;
    reporting = setInterval(() => {
      tick += 1;
      const heartbeat = tick % 5 === 0 ? aircraft.heartbeat({ armed: true }) : Promise.resolve();
      void heartbeat.then(() => aircraft.position(33.44 + tick * 0.00002, -13.06, 40, 1050, tick * 200));
    }, 200);
    browser = await launchChromium();
    operator = await signedInPage(DEMO_EMAILS.operator);
    partner = await signedInPage(DEMO_EMAILS.kasunguPartner);
    await fs.mkdir(TEST_OUTPUT_DIR, { recursive: true });
  });
  afterAll(async () => {
    clearInterval(reporting);
    aircraft?.close();
    await browser?.close();
    proxy?.restore();
    await platform?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('shows "database unreachable" while the database is cut, counting the time on, and hides it once writes succeed again', async () => {
    // Connected and told there is no alarm: the banner is hidden.
    await operator.waitForFunction((selector) => document.querySelector<HTMLElement>(selector)?.dataset.kinds === '', BANNER);
    expect(await operator.isHidden(BANNER)).toBe(true);

    proxy.cut('refuse');
    const item = operator.locator(OUTAGE_ITEM);
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await operator.getAttribute(BANNER, 'role')).toBe('alert');
    const first = await item.textContent();
    expect(first).toMatch(/^Database unreachable since \d\d:\d\d:\d\d \(\d+ s\) — [\d,]+ writes held; live map and alerts continue, nothing is lost$/);
    // The page counts the elapsed time itself (the server tells it only when something starts, ends or its counts move).
    const elapsed = `${OUTAGE_ITEM} .platform-alarm-elapsed`;
    const firstElapsed = await operator.textContent(elapsed);
    await operator.waitForFunction(([selector, before]) => document.querySelector(selector!)?.textContent !== before, [elapsed, firstElapsed] as const);
    await operator.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'platform-alarm-database-unreachable.png') });

    proxy.restore();
    await operator.waitForSelector(BANNER, { state: 'hidden', timeout: 30_000 });
    expect(await operator.locator(`${BANNER} li`).count()).toBe(0);
    // The partner's page was never sent the alarms (the banner is filled only by platform:alarms).
    expect(await partner.isHidden(BANNER)).toBe(true);
    expect(await partner.getAttribute(BANNER, 'data-kinds')).toBeNull();
    expect(pageProblems).toEqual([]);
  });
});
