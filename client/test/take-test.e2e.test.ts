import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Route } from 'playwright-core';
import { CandidateAssessmentSchema } from '@assay/shared';
import { repoRoot } from '../../server/src/platform/paths';
import { eventually } from '../../server/test/support/pipeline';
import { candidateApi, createAssessment, createInterviewer, createInvitation, launchBrowser, loginAdmin, openTestPage, sharedPlatform } from './support';

jest.setTimeout(600_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const reference = fs.readFileSync(path.join(repoRoot(), 'challenges/stream-log/solutions/reference/main.js'), 'utf8');
/** Expected while offline: the browser reports every failed request and socket attempt. */
const OFFLINE_NOISE = /ERR_INTERNET_DISCONNECTED|ERR_NAME_NOT_RESOLVED|ERR_CONNECTION|WebSocket connection|Failed to load resource|net::ERR/;

it('walks a candidate through their test: start, type, run, offline edit and reload, submit, live result', async () => {
  const platform = await sharedPlatform();
  const ivy = await createInterviewer(await loginAdmin(platform));
  const assessment = await createAssessment(ivy.api, { title: 'Backend take-home', challengeSlugs: ['stream-log', 'event-loop'] });
  const invite = await createInvitation(ivy.api, assessment.id, { candidateName: 'Ada Lovelace' });
  const candidate = candidateApi(platform, invite.token);
  const serverDraft = async () => (await candidate.call('GET', '/api/candidate/assessment', CandidateAssessmentSchema)).challenges[0]!.draft;

  const t = await openTestPage(browser, platform, { name: 'take-test' });
  const { page, context } = t;
  await page.goto(invite.path);
  await page.getByRole('heading', { name: 'Backend take-home' }).waitFor();
  await page.getByText('Peak memory').waitFor();
  await page.getByText('the size of text you paste').waitFor();
  await t.axe('invite landing');
  await t.shot('01-landing');

  await page.getByRole('button', { name: 'Start test' }).click();
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  await editor.waitFor();
  await page.getByRole('button', { name: /Stream a 10 GB log file/ }).waitFor();
  // The prompt arrives rendered by the server and is shown as formatted markdown, not as its source.
  const prompt = page.getByRole('region', { name: 'Challenge description' }).locator('article.prose');
  await prompt.getByRole('heading', { level: 1, name: 'Stream a 10 GB log file' }).waitFor();
  await prompt.getByRole('heading', { level: 2, name: 'How it is run' }).waitFor();
  expect(await prompt.locator('pre code').count()).toBeGreaterThan(1);
  expect(await prompt.locator('ul > li').count()).toBeGreaterThan(1);
  expect(await prompt.locator('strong', { hasText: '128 MiB of memory' }).count()).toBe(1);
  expect(await prompt.textContent()).not.toContain('## ');
  await t.axe('workspace');
  await t.shot('02-workspace');

  // Replace the starter by typing the streaming reference solution.
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(reference);
  await eventually(async () => ((await serverDraft())?.files['main.js'] === reference ? true : undefined), 30_000, 'the typed solution saved');
  await page.getByText('All changes saved').waitFor();

  // Keyboard: Tab indents inside the editor; Escape then Tab leaves it for the next control.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement?.textContent')).toBe('Run tests');

  await page.keyboard.press('Enter'); // Run tests
  await page.getByText(/^(\d+) of \1 visible tests passed$/).waitFor({ timeout: 240_000 });
  expect(await page.locator('.test-list li[data-passed="false"]').count()).toBe(0);
  expect(await page.locator('.test-list li[data-passed="true"]').count()).toBeGreaterThan(3);
  await page.getByRole('button', { name: /Stream a 10 GB log file.*Tested/ }).waitFor();
  await t.axe('workspace with a test run');
  await t.shot('03-tests-passed');

  // Offline: the edit is kept on the device, survives a reload, and reaches the server when the network returns.
  // Chromium's offline emulation lets a request made while the page unloads (the editor's save on blur) through,
  // and it does not cover the service worker: the API is cut off by a route too, so nothing reaches the server.
  const stopAllowing = t.allowConsoleErrors(OFFLINE_NOISE);
  const cutOff = (route: Route) => route.abort('internetdisconnected');
  await context.route('**/api/**', cutOff);
  await context.setOffline(true);
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n// edited while offline\n');
  await page.getByText('Offline: kept on this device, will retry').waitFor();
  await t.shot('04-offline-edit');
  await page.reload();
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.getByText('// edited while offline').waitFor();
  await t.shot('05-offline-reloaded');
  expect((await serverDraft())?.files['main.js']).toBe(reference);
  await context.unroute('**/api/**', cutOff);
  await context.setOffline(false);
  const edited = `${reference}\n// edited while offline\n`;
  await eventually(async () => ((await serverDraft())?.files['main.js'] === edited ? true : undefined), 30_000, 'the offline edit saved, exactly as typed');
  await page.getByText('All changes saved').waitFor();
  await page.waitForTimeout(1_000); // let the socket reconnect before its noise is an error again
  stopAllowing();

  // Every state the live status region passes through, and the most samples the memory chart held, recorded in the page.
  await page.evaluate(`(() => {
    const seen = (window.__liveStates = []);
    window.__chartSamples = 0;
    window.__chartPeak = 0;
    const look = () => {
      const state = document.querySelector('[role="status"].submission-status')?.dataset.status;
      if (state && seen.at(-1) !== state) seen.push(state);
      const samples = Number(document.querySelector('.memory-chart')?.dataset.samples ?? 0);
      window.__chartSamples = Math.max(window.__chartSamples, samples);
      window.__chartPeak = Math.max(window.__chartPeak, Number(document.querySelector('.memory-chart')?.dataset.peakBytes ?? 0));
    };
    new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-status', 'data-samples', 'data-peak-bytes'] });
  })()`);
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /Submit/ });
  await dialog.waitFor();
  await t.shot('06-submit-confirm');
  await dialog.getByRole('button', { name: 'Submit' }).click();
  const status = page.locator('[role="status"].submission-status');
  await status.waitFor();
  await t.shot('07-submission-live');
  await status.filter({ hasText: /^Done: your submission has been judged/ }).waitFor({ timeout: 420_000 });
  const states = (await page.evaluate('window.__liveStates')) as string[];
  // Queued may pass before the first render (a free worker); running and scoring are shown, in order, before done.
  expect(states.filter((s) => s !== 'queued')).toEqual(['running', 'scoring', 'done']);
  expect((await page.evaluate('window.__chartSamples')) as number).toBeGreaterThan(1);
  expect((await page.evaluate('window.__chartPeak')) as number).toBeGreaterThan(1024 * 1024);
  await page.locator('.outcome').waitFor();
  await page.getByRole('button', { name: /Stream a 10 GB log file.*Submitted/ }).waitFor();
  await t.axe('workspace with a result');
  await t.shot('08-result');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await t.shot('09-result-1920');

  // The same workspace in a second tab, in dark mode: contrast holds there too.
  const dark = await openTestPage(browser, platform, { name: 'take-test-dark', context: { colorScheme: 'dark' } });
  await dark.page.goto(invite.path);
  await dark.page.getByRole('textbox', { name: 'Code editor' }).waitFor();
  await dark.page.getByText('Done: your submission has been judged').waitFor();
  await dark.axe('workspace in dark mode');
  await dark.shot('workspace-dark');
  await dark.close();

  // Finish names what happens to each challenge: the submitted one keeps its submission, the untouched one gets none.
  await page.getByRole('button', { name: 'Finish test' }).click();
  const finish = page.getByRole('dialog', { name: 'Finish the test now?' });
  await finish.getByRole('listitem').filter({ hasText: /^Stream a 10 GB log file: your last submission counts/ }).waitFor();
  await finish.getByRole('listitem').filter({ hasText: /: not changed, nothing is submitted\.$/ }).waitFor();
  await t.shot('10-finish-dialog-1920');
  await page.setViewportSize({ width: 1280, height: 800 });
  await t.shot('11-finish-dialog');
  await finish.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Activity log' }).click();
  await page.getByRole('dialog', { name: 'Your activity log' }).getByText('Ran the visible tests').waitFor();
  await t.axe('activity log');
  await t.shot('12-activity-log');
  await t.close();
});
