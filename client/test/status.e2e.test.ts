import type { Browser } from 'playwright-core';
import { freePort, startServerProcess, waitForHealth, type ServerProcess } from '../../server/test/support/server-process';
import { launchBrowser, openTestPage, sharedPlatform } from './support';

jest.setTimeout(300_000);

let browser: Browser;
let degradedServer: ServerProcess | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await degradedServer?.stop();
});

it('shows the platform as ready on /status', async () => {
  const platform = await sharedPlatform();
  const t = await openTestPage(browser, platform, { name: 'status' });
  await t.page.goto('/status');
  await t.page.getByRole('heading', { name: 'Platform ready' }).waitFor();
  const items = t.page.locator('ul.health li');
  expect(await items.count()).toBe(3);
  for (const text of await items.allTextContents()) expect(text).toContain('up');
  await t.axe('status page');
  await t.shot('ready');
  await t.close();
});

it('names the part that goes down', async () => {
  await sharedPlatform(); // built and migrated by it
  // The one case that needs an API of its own: one whose Docker engine is unreachable.
  degradedServer = startServerProcess({
    DATABASE_URL: process.env.DATABASE_URL!,
    REDIS_URL: process.env.REDIS_URL!,
    ASSAY_ROLE: 'api',
    PORT: String(await freePort()),
    DOCKER_SOCKET: '/nonexistent/docker.sock',
  });
  await waitForHealth(degradedServer, 503);
  const t = await openTestPage(browser, { baseUrl: degradedServer.baseUrl, admin: { email: '', password: '' }, databaseUrl: process.env.DATABASE_URL! }, { name: 'status' });
  // The browser logs the 503 of /healthz itself; that is the point of this page.
  t.allowConsoleErrors(/status of 503/);
  await t.page.goto('/status');
  await t.page.getByRole('heading', { name: 'Platform degraded' }).waitFor();
  expect(await t.page.locator('li[data-ok="false"]').allTextContents()).toEqual([expect.stringMatching(/^Docker engine down/)]);
  await t.shot('degraded');
  await t.close();
});
