import type { Browser } from 'playwright-core';
import { buildOnce, freePort, startServerProcess, waitForHealth, type ServerProcess } from '../../server/test/support/server-process';
import { launchBrowser } from './browser';

jest.setTimeout(120_000);

let browser: Browser;
let server: ServerProcess;

beforeAll(async () => {
  buildOnce();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('shows the platform as ready, then names the part that goes down', async () => {
  server = startServerProcess({
    DATABASE_URL: process.env.DATABASE_URL!,
    REDIS_URL: process.env.REDIS_URL!,
    ASSAY_ROLE: 'api',
    PORT: String(await freePort()),
  });
  await waitForHealth(server);
  const page = await browser.newPage();
  await page.goto(server.baseUrl);
  await page.getByRole('heading', { name: 'Platform ready' }).waitFor();
  const items = page.locator('ul.health li');
  expect(await items.count()).toBe(3);
  for (const text of await items.allTextContents()) expect(text).toContain('up');
  await page.close();

  // Same client against an API whose Docker engine is unreachable.
  await server.stop();
  server = startServerProcess({
    DATABASE_URL: process.env.DATABASE_URL!,
    REDIS_URL: process.env.REDIS_URL!,
    ASSAY_ROLE: 'api',
    PORT: String(await freePort()),
    DOCKER_SOCKET: '/nonexistent/docker.sock',
  });
  await waitForHealth(server, 503);
  const degraded = await browser.newPage();
  await degraded.goto(server.baseUrl);
  await degraded.getByRole('heading', { name: 'Platform degraded' }).waitFor();
  expect(await degraded.locator('li[data-ok="false"]').allTextContents()).toEqual([
    expect.stringMatching(/^Docker engine down/),
  ]);
});
