import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '../../server/src/platform/paths';
import { candidateApi, createInterviewer, launchBrowser, loginAdmin, openTestPage, platformLog, sharedPlatform, TestApi, type SharedPlatform, type TestPage } from './support';

jest.setTimeout(900_000);

let browser: Browser;
let platform: SharedPlatform;
beforeAll(async () => {
  browser = await launchBrowser();
  platform = await sharedPlatform();
});
afterAll(async () => {
  await browser?.close();
});

const read = (rel: string) => fs.readFileSync(path.join(repoRoot(), rel), 'utf8');
const WIDE = { width: 1920, height: 1080 };

/** Signs a staff member in through the real sign-in page. */
async function signIn(t: TestPage, email: string, password: string, next = '/assessments') {
  const stop = t.allowConsoleErrors(/status of 401/); // GET /api/auth/me while signed out
  await t.page.goto(next);
  await t.page.getByLabel('Email').fill(email);
  await t.page.getByLabel('Password').fill(password);
  await t.page.getByRole('button', { name: 'Sign in' }).click();
  await t.page.getByRole('button', { name: 'Sign out' }).waitFor();
  stop();
}

/** Opens a page already signed in with an API session's cookie. */
async function pageAs(api: TestApi, name: string, viewport?: { width: number; height: number }): Promise<TestPage> {
  const t = await openTestPage(browser, platform, { name, viewport });
  const [cookieName, value] = api.sessionCookie!.split('=');
  await t.context.addCookies([{ name: cookieName!, value: value!, url: platform.baseUrl }]);
  return t;
}

/** The JSON a chart exposes on `data-series` (what uPlot was given). */
async function chartData(page: Page, chart: string): Promise<any> {
  const el = page.locator(`[data-chart="${chart}"]`);
  await el.waitFor();
  await el.locator('canvas').first().waitFor();
  return JSON.parse((await el.getAttribute('data-series'))!);
}

async function eventuallyTrue(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const SECRETS = ['Ada Lovelace', 'ada.browser@example.com', 'Grace Hopper', 'grace.browser@example.com', 'Hedy Lamarr', 'hedy.browser@example.com'];

/**
 * From the first script of every document the page loads, records each
 * secret that ever appears in the DOM's text, however briefly (a flash of
 * the real name before the anonymized preference arrives, which is held
 * back 1.5 s so such a flash cannot hide in a fast answer).
 */
async function watchForLeaks(page: Page) {
  // The preference answers late, as on a slow network: what renders meanwhile must already hide the names.
  await page.route('**/api/auth/me/preferences', async (route) => {
    if (route.request().method() === 'GET') await new Promise((r) => setTimeout(r, 1500));
    return route.fallback();
  });
  // A string: this file is type-checked without the DOM's types.
  await page.addInitScript(`(() => {
    const secrets = ${JSON.stringify(SECRETS)};
    window.__leaked = [];
    const check = () => {
      const text = document.documentElement ? document.documentElement.textContent : '';
      for (const s of secrets) if (text.includes(s) && !window.__leaked.includes(s)) window.__leaked.push(s);
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  })();`);
}
const leaked = (page: Page): Promise<string[]> => page.evaluate('window.__leaked');

/** Shots at 1280 px (the page's viewport) and ~1920 px. */
async function shots(t: TestPage, step: string) {
  await t.shot(`${step}-1280`);
  await t.page.setViewportSize(WIDE);
  await t.page.waitForTimeout(300); // charts redraw to the new width
  await t.shot(`${step}-1920`);
  await t.page.setViewportSize({ width: 1280, height: 800 });
}

describe('interviewer dashboard in the browser', () => {
  let ivy: Awaited<ReturnType<typeof createInterviewer>>;
  let assessmentUrl = '';
  let reviewUrl = '';
  const tokens: string[] = [];

  it('signs in, creates an assessment from the catalogue and invites two candidates from a CSV', async () => {
    const admin = await loginAdmin(platform);
    ivy = await createInterviewer(admin, 'Ivy Interviewer');
    const t = await openTestPage(browser, platform, { name: 'interviewer-1-setup' });
    const { page } = t;
    await signIn(t, ivy.user.email, ivy.password);
    await page.getByRole('heading', { name: 'Assessments' }).waitFor();
    await page.getByText('No assessments yet').waitFor();
    await t.axe('assessments list (empty)');
    await shots(t, '01-assessments-empty');

    await page.getByRole('link', { name: 'New assessment' }).click();
    await page.getByRole('checkbox', { name: /Unblock the event loop/ }).waitFor();
    await t.axe('new assessment');
    await page.getByLabel('Title').fill('Backend take-home (browser)');
    await page.getByRole('checkbox', { name: /Unblock the event loop/ }).check();
    await page.getByRole('checkbox', { name: /Stream a 10 GB log file/ }).check();
    await page.getByLabel('What candidates see of their final submissions').selectOption('verdict');
    await shots(t, '02-new-assessment');
    await page.getByRole('button', { name: /Create assessment/ }).click();
    await page.getByRole('heading', { name: 'Backend take-home (browser)' }).waitFor();
    assessmentUrl = new URL(page.url()).pathname;
    await page.getByText('No candidates yet').waitFor();
    await page.getByText('candidates see their verdict').waitFor();
    await t.axe('empty board');
    await shots(t, '03-board-empty');

    await page.getByRole('tab', { name: 'From a CSV' }).click();
    await page.getByLabel(/Paste lines/).fill('name,email,extra minutes\nAda Lovelace,ada.browser@example.com,0\nGrace Hopper,not-an-email,15');
    await page.getByText('Line 3: email').waitFor();
    expect(await page.getByRole('button', { name: /Invite/ }).last().isDisabled()).toBe(true);
    await t.shot('04-csv-error');
    await page.getByLabel(/Paste lines/).fill('name,email,extra minutes\nAda Lovelace,ada.browser@example.com,0\nGrace Hopper,grace.browser@example.com,15');
    await page.getByRole('button', { name: 'Invite 2 candidates' }).click();
    const links = page.getByTestId('created-links').getByRole('textbox');
    await links.nth(1).waitFor();
    for (const input of await links.all()) tokens.push(new URL(await input.inputValue()).pathname.replace('/take/', ''));
    expect(tokens).toHaveLength(2);
    await page.getByTestId('board').getByText('Grace Hopper').waitFor();
    await page.getByTestId('board').getByText('+15 min').waitFor();
    await t.axe('board with candidates');
    await shots(t, '05-board-invited');
    await t.close();
  });

  it('updates the board live while a candidate submits over the API, and draws the memory chart on the review', async () => {
    const t = await pageAs(ivy.api, 'interviewer-2-live');
    const { page } = t;
    // Every request for the board's state: after the subscription's ack, the board must change through the socket alone.
    const boardEndpoint = `/api/dashboard/assessments/${assessmentUrl.split('/').pop()}`;
    const boardReads = { started: 0, settled: 0 };
    const isBoardRead = (url: string) => new URL(url).pathname === boardEndpoint;
    page.on('request', (r) => { if (isBoardRead(r.url())) boardReads.started++; });
    page.on('requestfinished', (r) => { if (isBoardRead(r.url())) boardReads.settled++; });
    page.on('requestfailed', (r) => { if (isBoardRead(r.url())) boardReads.settled++; });
    await page.goto(assessmentUrl);
    await page.getByTestId('live-state').filter({ hasText: 'Live' }).waitFor();
    // The first load, and the one reload after the subscription's ack (events before the join are not lost).
    await eventuallyTrue(async () => boardReads.started >= 2 && boardReads.started === boardReads.settled);
    const readsAtLive = boardReads.started;
    await page.evaluate('window.noReload = true');

    const ada = candidateApi(platform, tokens[0]!);
    await ada.call('POST', '/api/candidate/start', null);
    const adaRow = page.locator('tr', { hasText: 'Ada Lovelace' });
    await adaRow.getByText('in progress').waitFor({ timeout: 10_000 }); // the start's live event
    await adaRow.getByTestId('time-left').filter({ hasText: /\d/ }).waitFor();
    // Another interviewer (here: the API) gives Grace more time: it shows without a reload.
    const graceRow = page.locator('tr', { hasText: 'Grace Hopper' });
    await ivy.api.call('PATCH', `/api/invitations/${await graceRow.getAttribute('data-invitation')}`, null, { extraTimeMinutes: 20 });
    await graceRow.getByText('+20 min').waitFor({ timeout: 10_000 });
    // ...and invites one more candidate: the row appears without a reload.
    await ivy.api.call('POST', `${boardEndpoint.replace('/dashboard', '')}/invitations`, null, { candidateName: 'Hedy Lamarr', candidateEmail: 'hedy.browser@example.com' });
    await page.locator('tr', { hasText: 'Hedy Lamarr' }).getByText('invited').waitFor({ timeout: 10_000 });
    // A test run first, so the review has two submissions of this challenge to step through; the board counts it live.
    await ada.call('POST', '/api/candidate/challenges/stream-log/submissions', null, { kind: 'test', files: { 'main.js': read('challenges/stream-log/solutions/reference/main.js') } });
    await adaRow.locator('td[data-challenge="stream-log"]').locator('[data-test-runs="1"]').getByText('1 test run', { exact: true }).waitFor({ timeout: 10_000 });
    await t.shot('06-board-test-run');
    await ada.call('POST', '/api/candidate/challenges/stream-log/submissions', null, { kind: 'final', files: { 'main.js': read('challenges/stream-log/solutions/reference/main.js') } });
    const cell = adaRow.locator('td[data-challenge="stream-log"] a');
    await cell.waitFor({ timeout: 10_000 }); // appears from the live event
    expect(boardReads.started).toBe(readsAtLive); // the start, the extra time and the submission all came through the socket
    await t.shot('06-board-running');
    await adaRow.locator('td[data-challenge="stream-log"] a:is([data-status="done"], [data-status="failed"])').waitFor({ timeout: 600_000 });
    expect(await cell.getAttribute('data-status')).toBe('done');
    await adaRow.locator('td[data-challenge="stream-log"]').getByText('Accepted').waitFor();
    await adaRow.locator('td[data-challenge="stream-log"]').getByText(/junior|mid|senior/).waitFor(); // the level came with the done event
    expect(boardReads.started).toBe(readsAtLive); // no polling, and no reload for the score either
    expect(await page.evaluate('window.noReload')).toBe(true); // no reload happened
    expect(await adaRow.getByTestId('time-left').textContent()).toMatch(/\d+ h \d\d min|\d+:\d\d/);
    await t.axe('live board with a result');
    await shots(t, '07-board-scored');

    await cell.click();
    await page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();
    reviewUrl = new URL(page.url()).pathname;
    const memory = await chartData(page, 'memory');
    expect(memory.trials.length).toBeGreaterThan(0);
    expect(memory.trials[0].points).toBeGreaterThan(1);
    expect(memory.trials[0].maxMiB).toBeGreaterThan(0);
    expect(memory.lines.limit).toBe(128);
    expect(memory.trials[0].maxMiB).toBeLessThan(memory.lines.limit);
    expect(memory.lines['Node baseline']).toBeGreaterThan(0);
    expect(await page.locator('[data-chart="latency"]').count()).toBe(0); // a batch challenge has no latency
    expect(await page.getByTestId('score').locator('code').textContent()).toMatch(/^stream-log@\d+$/); // the rubric version it was scored under
    await page.getByTestId('score').getByText(/level band/).waitFor();
    await page.getByRole('heading', { name: 'Activity' }).waitFor();
    await t.axe('submission review');
    await shots(t, '08-review');

    // J/K step between this candidate's submissions of the challenge (the test run, then this final).
    const stepper = page.getByRole('group', { name: 'Submissions of this candidate' });
    await stepper.getByText('2 of 2').waitFor();
    await page.locator('h1').click();
    await page.keyboard.press('k');
    await stepper.getByText('1 of 2').waitFor();
    expect(new URL(page.url()).pathname).not.toBe(reviewUrl);
    await page.getByText('test run', { exact: false }).first().waitFor();
    await page.locator('h1').click();
    await page.keyboard.press('j');
    await stepper.getByText('2 of 2').waitFor();
    expect(new URL(page.url()).pathname).toBe(reviewUrl);
    // A key pressed inside the read-only code viewer is not a shortcut.
    const advance = page.getByRole('button', { name: /Advance/ });
    await advance.waitFor();
    await page.locator('.code .cm-content').first().click();
    for (const key of ['a', 'h', 'r', 'j', 'k']) await page.keyboard.press(key);
    expect(await advance.getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByRole('button', { name: /Hold/ }).getAttribute('aria-pressed')).toBe('false');
    expect(new URL(page.url()).pathname).toBe(reviewUrl);

    // Rate and decide, with the keyboard for the decision.
    await page.getByRole('radiogroup', { name: 'correctness rating' }).getByText('4').click();
    await page.getByLabel('Notes').fill('Streams in one pass, flat memory.');
    await page.locator('h1').click();
    await page.keyboard.press('a');
    expect(await page.getByRole('button', { name: /Advance/ }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: /Save review/ }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByText('No one else has reviewed this candidate yet.').waitFor();
    await t.close();
  });

  it('says plainly that the board is not live when the server refuses the subscription', async () => {
    const t = await pageAs(ivy.api, 'interviewer-2b-refused');
    const { page } = t;
    // The page asks for a room the server must refuse (not a UUID), over HTTP long-polling or the WebSocket alike.
    const spoil = (packets: string) => packets.replace(/("assessment:subscribe",)"[^"]*"/g, '$1"not-an-assessment"');
    await page.route('**/socket.io/**', (route) => {
      const body = route.request().postData();
      return body?.includes('assessment:subscribe') ? route.continue({ postData: spoil(body) }) : route.fallback();
    });
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => server.send(typeof message === 'string' ? spoil(message) : message));
    });
    await page.goto(assessmentUrl);
    const state = page.getByTestId('live-state');
    await state.filter({ hasText: 'Not live' }).waitFor();
    await page.getByTestId('live-refused').getByText(/^Live updates are off: assessmentId must be a UUID\. .*reload the page/).waitFor();
    expect(await state.textContent()).not.toMatch(/^Live/);
    await page.getByTestId('board').getByText('Ada Lovelace').waitFor(); // the board itself still shows
    await t.axe('board, live updates refused');
    await shots(t, '07b-board-not-live');
    await t.close();
  });

  it('shows a second interviewer the first one’s review only after saving their own', async () => {
    const admin = await loginAdmin(platform);
    // An admin sees every assessment, so the second interviewer is an admin: independence holds for admins too.
    const second = await createInterviewer(admin, 'Sam Second');
    await admin.call('PATCH', `/api/users/${second.user.id}`, null, { role: 'admin' });
    const samApi = await new TestApi(platform.baseUrl).login(second.user.email, second.password); // a fresh session with the new role
    const t = await pageAs(samApi, 'interviewer-3-second-reviewer');
    const { page } = t;
    await page.goto(reviewUrl);
    await page.getByTestId('reviews-hidden').waitFor();
    expect(await page.content()).not.toContain('Streams in one pass');
    await t.shot('09-second-before');
    await page.getByRole('button', { name: /Hold/ }).click();
    await page.getByRole('button', { name: /Save review/ }).click();
    await page.getByTestId('other-reviews').getByText('Ivy Interviewer').waitFor();
    await page.getByTestId('other-reviews').getByText('Streams in one pass, flat memory.').waitFor();
    await t.axe('review after saving');
    await shots(t, '10-second-after');
    await t.close();
  });

  it('anonymized mode hides the name and email on every page, never even for a frame, and is remembered', async () => {
    // Later tests find Ada by name: a failure here must not leave Ivy anonymized and fail them too.
    try {
      const t = await pageAs(ivy.api, 'interviewer-4-anonymized');
      const { page } = t;
      await watchForLeaks(page);
      await page.goto(reviewUrl);
      await page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();
      await page.getByRole('switch', { name: 'Anonymized' }).check();
      await page.getByRole('heading', { name: /^Candidate [A-Z][a-z]+ [A-Z][a-z]+ \d{3}$/ }).waitFor();
      const pseudonym = (await page.getByTestId('candidate-name').textContent())!;
      const hidden = async (what: string) => {
        await page.waitForLoadState('networkidle');
        const text = await page.locator('body').innerText();
        for (const secret of SECRETS) expect({ what, found: text.includes(secret) }).toEqual({ what, found: false });
        expect({ what, leaked: await leaked(page) }).toEqual({ what, leaked: [] }); // not in any DOM state since the first render
        await t.axe(`${what} (anonymized)`);
      };
      await page.reload(); // a fresh load now starts anonymized: the name must not flash before the preference arrives
      await page.getByRole('heading', { name: pseudonym }).waitFor();
      await hidden('review');
      await t.shot('11-review-anonymized');
      await page.goto(assessmentUrl);
      await page.getByTestId('board').getByText(pseudonym).waitFor();
      await hidden('board');
      await shots(t, '12-board-anonymized');
      await page.goto('/assessments');
      await page.getByRole('link', { name: 'Backend take-home (browser)' }).waitFor();
      await hidden('assessments list');
      await page.goto('/');
      await hidden('home');
      await t.close();

      // Remembered on the server: a new browser context starts anonymized.
      const again = await pageAs(ivy.api, 'interviewer-5-anonymized-again');
      await watchForLeaks(again.page);
      await again.page.goto(reviewUrl);
      await again.page.getByRole('heading', { name: pseudonym }).waitFor();
      await again.page.waitForLoadState('networkidle');
      expect(await leaked(again.page)).toEqual([]);
      // uncheck() asserts the switch turned the instant the click returned (it must not wait for the server).
      await again.page.getByRole('switch', { name: 'Anonymized' }).uncheck();
      await again.page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();

      // A save the server refuses: the switch goes back and says so, and the names are hidden again.
      await again.page.route('**/api/auth/me/preferences', (route) =>
        route.request().method() === 'PATCH'
          ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL_ERROR', message: 'database unavailable' } }) })
          : route.fallback(),
      );
      const refused = again.allowConsoleErrors(/status of 503 .*Service Unavailable/); // the browser logs the refused PATCH
      const toggle = again.page.getByRole('switch', { name: 'Anonymized' });
      await toggle.check(); // turns at once, before the server answers
      await again.page.getByRole('alert').getByText('not saved: database unavailable').waitFor();
      await again.page.waitForFunction("document.querySelector('input[role=switch]').checked === false");
      await again.page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();
      await again.axe('review with a refused preference');
      await again.shot('13-review-preference-not-saved');
      await again.page.unroute('**/api/auth/me/preferences');
      refused();
      await again.close();
    } finally {
      if (ivy) await ivy.api.call('PATCH', '/api/auth/me/preferences', null, { anonymized: false });
    }
  });

  it('flags a renamed-variables copy by a second candidate on the review page, with the shared regions side by side', async () => {
    const t = await pageAs(ivy.api, 'interviewer-7-similarity');
    const { page } = t;
    const grace = candidateApi(platform, tokens[1]!);
    await grace.call('POST', '/api/candidate/start', null);
    // Ada's solution with its names changed and its opening comment gone.
    const renames: Record<string, string> = { statusCounts: 'codeTally', routesByHash: 'table', routeHash: 'hashOf', isDigit: 'digit', durations: 'times', segment: 'part' };
    const copy = read('challenges/stream-log/solutions/reference/main.js').replace(/\/\*\*[\s\S]*?\*\//, '// written from scratch').replace(/\b[A-Za-z_]\w*\b/g, (w) => (Object.hasOwn(renames, w) ? renames[w]! : w)); // not `renames[w]`: 'toString' is on every object
    await grace.call('POST', '/api/candidate/challenges/stream-log/submissions', null, { kind: 'final', files: { 'main.js': copy } });
    await page.goto(assessmentUrl);
    const graceRow = page.locator('tr', { hasText: 'Grace Hopper' });
    const cell = graceRow.locator('td[data-challenge="stream-log"] a');
    await graceRow.locator('td[data-challenge="stream-log"] a:is([data-status="done"], [data-status="failed"])').waitFor({ timeout: 600_000 });
    await cell.click();
    await page.getByRole('heading', { name: 'Grace Hopper' }).waitFor();
    const panel = page.getByTestId('similarity');
    await panel.waitFor({ timeout: 300_000 }); // shown once the check ran
    const fromAda = panel.locator('tbody tr', { hasText: 'Ada Lovelace' });
    await fromAda.waitFor();
    expect(await fromAda.getAttribute('data-flagged')).toBe('true');
    await fromAda.getByText('flagged').waitFor();
    expect(Number((await fromAda.locator('td').nth(1).textContent())!.replace('%', ''))).toBeGreaterThan(80);
    await fromAda.getByRole('button', { name: 'Side by side' }).click();
    expect(await fromAda.getByRole('button', { name: 'Side by side' }).getAttribute('aria-pressed')).toBe('true');
    await panel.getByRole('group', { name: 'Shared regions' }).getByText(/^Region 1 of \d+: lines \d+–\d+ here, \d+–\d+ there$/).waitFor();
    const mine = panel.getByRole('region', { name: 'This submission' });
    const theirs = panel.getByRole('region', { name: 'The other solution' });
    await theirs.getByRole('heading', { name: /Ada Lovelace · main\.js/ }).waitFor();
    await mine.locator('.cm-shared-line').first().waitFor();
    await theirs.locator('.cm-shared-line').first().waitFor();
    // Both sides highlight the same code under different names: the copy's lines use its names, Ada's the originals.
    const mineText = (await mine.locator('.cm-content').textContent())!;
    const theirsText = (await theirs.locator('.cm-content').textContent())!;
    expect(mineText).toContain('written from scratch');
    expect(theirsText).not.toContain('written from scratch');
    expect(await mine.locator('.cm-shared-line').count()).toBeGreaterThan(0);
    expect(await theirs.locator('.cm-shared-line').count()).toBeGreaterThan(0);
    await t.axe('review with similarity');
    await panel.scrollIntoViewIfNeeded();
    await shots(t, '15-review-similarity');
    await t.close();
  });

  it('draws the latency percentiles of a server challenge beside the reference from the same run', async () => {
    const t = await pageAs(ivy.api, 'interviewer-6-latency');
    const { page } = t;
    const ada = candidateApi(platform, tokens[0]!);
    const files = Object.fromEntries(['main.js', 'pool.js', 'hash.worker.js'].map((f) => [f, read(`challenges/event-loop/solutions/reference/${f}`)]));
    await ada.call('POST', '/api/candidate/challenges/event-loop/submissions', null, { kind: 'final', files });
    await page.goto(assessmentUrl);
    const cell = page.locator('tr', { hasText: 'Ada Lovelace' }).locator('td[data-challenge="event-loop"] a');
    await cell.waitFor({ timeout: 60_000 });
    await page.locator('tr', { hasText: 'Ada Lovelace' }).locator('td[data-challenge="event-loop"] a:is([data-status="done"], [data-status="failed"])').waitFor({ timeout: 600_000 });
    // "failed" is a platform fault after every retry (the load generator stalls on a saturated machine): say so, not a timeout.
    if ((await cell.getAttribute('data-status')) !== 'done') throw new Error(`the judge could not measure latency (platform fault):\n${platformLog().split('\n').filter((l) => l.includes('platform fault')).slice(-3).join('\n')}`);
    await cell.click();
    const latency = await chartData(page, 'latency');
    expect(latency.labels).toEqual(['p50', 'p90', 'p99', 'p99.9', 'max']);
    for (const side of [latency.candidate, latency.reference]) {
      expect(side.every((v: number | null) => typeof v === 'number' && v > 0)).toBe(true);
      expect(side[0]).toBeLessThanOrEqual(side[4]);
    }
    expect(await page.locator('[data-chart="latency"] td[title]').first().getAttribute('title')).toMatch(/\S/); // the method on hover
    await t.axe('review with latency');
    await shots(t, '14-review-latency');
    await t.close();
  });

  it('lets an admin add an interviewer, change their role and disable them', async () => {
    const admin = await loginAdmin(platform);
    const t = await pageAs(admin, 'admin-accounts');
    const { page } = t;
    await page.goto('/admin');
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    await page.getByLabel('Name').fill('Nora New');
    const stop = t.allowConsoleErrors(/status of 409/);
    await page.getByLabel('Email').fill(ivy.user.email); // taken: the server refuses, and nothing is lost
    await page.getByLabel('First password').fill('a long enough password');
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('alert').filter({ hasText: 'Not added' }).waitFor();
    await t.shot('13-accounts-error');
    expect(await page.getByLabel('Name').inputValue()).toBe('Nora New');
    stop();
    await page.getByLabel('Email').fill(`nora-${Date.now()}@assay.test`);
    await page.getByRole('button', { name: 'Add account' }).click();
    const row = page.locator('tr', { hasText: 'Nora New' });
    await row.waitFor();
    await row.getByRole('combobox', { name: 'Role of Nora New' }).selectOption('admin');
    await page.getByRole('dialog').getByRole('button', { name: 'Change role' }).click();
    await page.getByText('Nora New: admin, active.').waitFor();
    await eventuallyTrue(async () => (await row.getByRole('combobox', { name: 'Role of Nora New' }).inputValue()) === 'admin');
    await row.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
    await row.getByText('disabled').waitFor();
    await t.axe('accounts page');
    await shots(t, '13-accounts');
    await t.close();
  });
});
