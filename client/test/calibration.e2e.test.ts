import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { candidatePseudonym, InvitationListSchema, RescorePreviewSchema, RubricOverviewSchema, ReviewSchema, SubmissionSummarySchema, type Assessment } from '@assay/shared';
import { solutionFiles } from '../../server/test/support/pipeline';
import { candidateApi, createAssessment, createInterviewer, createInvitation, launchBrowser, loginAdmin, openTestPage, sharedPlatform, TestApi, type SharedPlatform } from './support';

jest.setTimeout(600_000);

/** A challenge no other browser test calibrates: publishing here changes nothing they rely on. */
const SLUG = 'bounded-cache';

let browser: Browser;
let platform: SharedPlatform;
let admin: TestApi;
let assessment: Assessment;
beforeAll(async () => {
  browser = await launchBrowser();
  platform = await sharedPlatform();
  admin = await loginAdmin(platform);
  assessment = await createAssessment(admin, { title: 'Calibration: cache round', challengeSlugs: [SLUG] });
});
afterAll(async () => {
  await browser?.close();
});

/** Invites a candidate, has them submit a solution folder as final, and waits until it is scored. */
async function scoredSubmission(name: string, solution: string) {
  const invite = await createInvitation(admin, assessment.id, { candidateName: name });
  const candidate = candidateApi(platform, invite.token);
  await candidate.call('POST', '/api/candidate/start', null);
  const sub = await candidate.call('POST', `/api/candidate/challenges/${SLUG}/submissions`, SubmissionSummarySchema, { kind: 'final', files: solutionFiles(`challenges/${SLUG}/solutions/${solution}`) });
  const deadline = Date.now() + 300_000;
  for (;;) {
    const now = await candidate.call('GET', `/api/candidate/submissions/${sub.id}`, SubmissionSummarySchema);
    if (now.status === 'done' || now.status === 'failed') return { invitationId: invite.invitation.id, candidate, submission: now };
    if (Date.now() > deadline) throw new Error(`submission ${sub.id} not judged in time`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login?next=/calibrate');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Calibration', level: 1 }).waitFor();
}

/** The shared admin's anonymized preference (remembered per account): every test that sets it puts it back. */
const setAdminAnonymized = (anonymized: boolean) => admin.call('PATCH', '/api/auth/me/preferences', null, { anonymized });

/**
 * Flips the global Anonymized switch. Clicked, then awaited: it is a controlled
 * checkbox that shows the new state once the saved preference is set, so
 * Playwright's check() can read it a moment too early.
 */
async function switchAnonymized(page: Page, on: boolean) {
  const toggle = page.getByRole('switch', { name: 'Anonymized' });
  await toggle.click();
  await page.locator(`input[role="switch"][aria-checked="${on}"]`).waitFor();
}

it('a panel member edits a rubric, sees the weight error, previews the re-score, an admin publishes, and new work is scored under the new version', async () => {
  const ref = await scoredSubmission('Ada Reference', 'reference');
  const naive = await scoredSubmission('Ned Naive', 'naive');
  // The version in force is whatever challenges/<slug>/rubric.json says (the judge may have bumped it); publishing makes the next one.
  const inForce = Number(/@(\d+)$/.exec(ref.submission.score!.rubricVersion)![1]);
  const next = inForce + 1;
  expect(ref.submission.score?.rubricVersion).toBe(`${SLUG}@${inForce}`);
  expect(naive.submission.status).toBe('done');

  const pat = await createInterviewer(admin, 'Pat Panel');
  const t = await openTestPage(browser, platform, { name: 'calibration-rubric' });
  const { page } = t;
  const stopAllowing = t.allowConsoleErrors(/status of 401/); // GET /api/auth/me before signing in
  await signIn(page, pat.user.email, pat.password);
  stopAllowing();
  await t.axe('calibration home');
  await t.shot('01-calibration-home');

  await page.getByRole('link', { name: 'Fix the memory leak' }).click();
  await page.getByRole('heading', { name: 'Weights' }).waitFor();
  await page.getByText('Save a draft to see what it would do').waitFor();
  await t.axe('rubric editor, no draft');
  await t.shot('02-editor-no-draft');

  // Weights that do not add up: the error next to the weights, and no saving.
  const correctness = page.getByLabel('correctness weight');
  await correctness.fill('40');
  const weightsError = page.getByTestId('weights-total');
  await expect(weightsError.textContent()).resolves.toBe('weights must add up to 100 (they add up to 110)');
  expect(await weightsError.getAttribute('role')).toBe('alert');
  const save = page.getByRole('button', { name: /Save as draft and preview/ });
  expect(await save.isDisabled()).toBe(true);
  await t.axe('rubric editor with a weight error');
  await t.shot('03-weights-error');
  await page.getByLabel('memory weight').fill('25');
  await expect(weightsError.textContent()).resolves.toBe('The weights add up to 100.');

  // Move the memory curve's points: memory (and efficiency, gated by it) now earn nothing.
  const curveChart = page.getByRole('img', { name: /^Curve of memory:/ });
  expect(await curveChart.getAttribute('aria-label')).toContain('1.5 × reference → 100%');
  await page.getByLabel('memory point 1 % of points').fill('0');
  await page.getByLabel('memory point 2 % of points').fill('0');
  expect(await curveChart.getAttribute('aria-label')).toContain('1.5 × reference → 0%');
  // An out-of-order point is named next to it.
  await page.getByLabel('memory point 2 × reference').fill('1');
  await page.getByText('curve x values must be strictly ascending').waitFor();
  await page.getByLabel('memory point 2 × reference').fill('2');
  await t.shot('04-curve-moved');

  await save.click();
  await page.getByRole('heading', { name: /Distribution of \d+ scored submission/ }).waitFor();
  const preview = await admin.call('GET', `/api/rubrics/${SLUG}/preview`, RescorePreviewSchema);
  expect(preview.submissions).toBeGreaterThanOrEqual(2);
  expect(preview.after.every((t) => t <= 40)).toBe(true);

  // The distribution histogram is drawn from the preview's bins (the data uPlot drew, stamped on the chart), and the draft moves some.
  const distribution = page.locator('.calibrate-chart[data-chart="distribution"][data-drawn]');
  await distribution.waitFor();
  expect(await distribution.locator('canvas').count()).toBe(1);
  expect(JSON.parse((await distribution.getAttribute('data-drawn'))!)).toEqual([
    preview.histogram.map((b) => (b.from + b.to) / 2), preview.histogram.map((b) => b.before), preview.histogram.map((b) => b.after),
  ]);
  expect(preview.histogram.some((b) => b.before !== b.after)).toBe(true);
  // Its numbers (the table beside it) are the preview's too.
  await page.getByText("The chart's numbers").click();
  const binRows = page.getByRole('table', { name: 'Submissions per band of 5 points' }).locator('tbody tr');
  const bins: string[][] = [];
  for (let i = 0; i < (await binRows.count()); i++) bins.push(await binRows.nth(i).locator('td').allTextContents());
  expect(bins).toEqual(preview.histogram.filter((b) => b.before || b.after).map((b) => [`${b.from}–${b.to}`, String(b.before), String(b.after)]));
  const anchors = await page.getByRole('table', { name: /Anchors/ }).locator('tbody tr td:first-child').allTextContents();
  expect(anchors).toEqual(expect.arrayContaining(['reference', 'naive']));

  // The band changes: the reference candidate drops from their band. Pat did not make this
  // assessment, so its candidates' names are not theirs to see (the admin's answer names them).
  expect(preview.bandChanges.map((c) => c.candidate)).toContain('Ada Reference');
  const changes = page.getByRole('table', { name: /Candidates whose level band changes/ });
  const changed = await changes.locator('tbody tr td:first-child').allTextContents();
  expect(changed).toHaveLength(preview.bandChanges.length);
  expect(changed).toEqual(preview.bandChanges.map((c) => candidatePseudonym(c.invitationId))); // the review pages' pseudonyms
  expect(changed).toContain(candidatePseudonym(ref.invitationId));
  await t.axe('preview');
  await t.shot('05-preview');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await t.shot('06-preview-1920');
  await page.setViewportSize({ width: 1280, height: 800 });

  // A panel member cannot publish.
  await page.getByText('Only an admin can publish.').waitFor();
  await t.close();

  // The admin publishes with a reason.
  const a = await openTestPage(browser, platform, { name: 'calibration-publish' });
  const stop2 = a.allowConsoleErrors(/status of 401/);
  await signIn(a.page, platform.admin.email, platform.admin.password);
  stop2();
  await a.page.goto(`/calibrate/rubrics/${SLUG}`);
  await a.page.getByRole('heading', { name: 'Publish' }).waitFor();

  // The admin sees names, until they turn anonymized mode on (the global toggle, remembered for their account): then never.
  const names = (await admin.call('GET', `/api/assessments/${assessment.id}/invitations`, InvitationListSchema)).invitations.map((i) => i.candidateName);
  const bandTable = a.page.getByRole('table', { name: /Candidates whose level band changes/ });
  await bandTable.getByText('Ada Reference', { exact: true }).waitFor();
  try {
    await switchAnonymized(a.page, true);
    await bandTable.getByText(candidatePseudonym(ref.invitationId), { exact: true }).waitFor();
    const shown = await a.page.locator('body').innerText();
    for (const name of names) expect(shown).not.toContain(name);
    await a.axe('preview, anonymized');
    await a.shot('01-preview-anonymized');

    // Reloaded with the preference held back: a loading state, no names, and the preview not even asked for.
    let releasePrefs!: () => void;
    const prefsHeld = new Promise<void>((r) => (releasePrefs = r));
    await a.page.route('**/api/auth/me/preferences', async (route) => {
      await prefsHeld;
      await route.continue();
    });
    const previewCalls: string[] = [];
    a.page.on('request', (r) => r.url().includes('/preview') && previewCalls.push(r.url()));
    await a.page.reload();
    await a.page.getByRole('heading', { name: 'Publish' }).waitFor();
    await a.page.getByText('Re-scoring every submission…').waitFor();
    const whileLoading = await a.page.locator('body').innerText();
    for (const name of names) expect(whileLoading).not.toContain(name);
    expect(previewCalls).toEqual([]);
    await a.shot('02-preference-loading');
    releasePrefs();
    await bandTable.getByText(candidatePseudonym(ref.invitationId), { exact: true }).waitFor();
    expect(previewCalls.every((u) => !u.includes('anonymize'))).toBe(true); // the server decides, not the query
    await a.page.unroute('**/api/auth/me/preferences');
    await switchAnonymized(a.page, false);
    await bandTable.getByText('Ada Reference', { exact: true }).waitFor();
  } finally {
    await setAdminAnonymized(false);
  }

  // Publishing sends the hash of the draft this page previewed: a draft saved since (here by the API) is refused, and the page says so.
  const draft = (await admin.call('GET', `/api/rubrics/${SLUG}`, RubricOverviewSchema)).draft!.rubric;
  const moved = { ...draft, levels: draft.levels.map((l) => (l.level === 'mid' ? { ...l, minTotal: l.minTotal + 1 } : l)) };
  await a.page.getByLabel('Reason (one line)').fill('Memory of a cache matters most in this role');
  await admin.call('PUT', `/api/rubrics/${SLUG}/draft`, null, { rubric: moved });
  const stop409 = a.allowConsoleErrors(/status of 409/); // the browser logs the refused publish
  await a.page.getByRole('button', { name: `Publish v${next}` }).click();
  await a.page.getByRole('dialog', { name: `Publish version ${next}?` }).getByRole('button', { name: 'Publish' }).click();
  await a.page.getByRole('alert').filter({ hasText: 'the draft changed after you previewed it' }).waitFor();
  stop409();
  expect((await admin.call('GET', `/api/rubrics/${SLUG}`, RubricOverviewSchema)).current.version).toBe(inForce);
  await a.page.getByRole('heading', { name: /Distribution of \d+ scored submission/ }).waitFor(); // the new draft's preview
  await a.axe('publish refused: the draft changed');
  await a.shot('03-conflict');

  await a.page.getByRole('button', { name: `Publish v${next}` }).click();
  await a.page.getByText('say why, in a few words').waitFor();
  await a.page.getByLabel('Reason (one line)').fill('Memory of a cache matters most in this role');
  await a.page.getByRole('button', { name: `Publish v${next}` }).click();
  await a.page.getByRole('dialog', { name: `Publish version ${next}?` }).waitFor();
  await a.axe('publish confirmation');
  await a.shot('04-confirm');
  await a.page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
  await a.page.getByText(`Published ${SLUG}@${next}`).waitFor();
  const history = a.page.getByRole('table', { name: 'Published versions, newest first' });
  await history.getByText('Memory of a cache matters most in this role').waitFor();
  expect(await history.locator('tbody tr').first().textContent()).toMatch(new RegExp(`^v${next}\\s*in force`));
  await a.axe('after publishing');
  await a.shot('05-published');
  await a.close();

  // New work is scored under the new version; the old submission keeps its own.
  const fresh = await scoredSubmission('Fay Fresh', 'reference');
  expect(fresh.submission.score?.rubricVersion).toBe(`${SLUG}@${next}`);
  expect(fresh.submission.score!.total).toBeLessThanOrEqual(40);
  const old = await ref.candidate.call('GET', `/api/candidate/submissions/${ref.submission.id}`, SubmissionSummarySchema);
  expect(old.score).toEqual(ref.submission.score);
});

it('shows reviewer agreement, exports CSV, and lets an admin set the webhook, send a test event and read the delivery log', async () => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  try {
    const t = await openTestPage(browser, platform, { name: 'calibration-admin' });
    const { page } = t;
    const stop = t.allowConsoleErrors(/status of 401/);
    await signIn(page, platform.admin.email, platform.admin.password);
    stop();

    // Agreement before anyone reviewed: says so.
    await page.goto(`/calibrate/assessments/${assessment.id}`);
    await page.getByRole('heading', { name: 'Not enough reviewers yet' }).waitFor();
    await t.axe('agreement, empty');
    await t.shot('01-agreement-empty');

    // Two reviewers rate the same candidates.
    const ids = (await admin.call('GET', `/api/assessments/${assessment.id}/invitations`, InvitationListSchema)).invitations.map((i) => i.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const alan = await createAdmin(admin, 'Alan Admin');
    for (const [i, id] of ids.entries()) {
      await admin.call('PUT', `/api/invitations/${id}/review`, ReviewSchema, { ratings: { correctness: 5 - i, memory: 4, efficiency: 3 }, decision: i ? 'hold' : 'advance' });
      await alan.call('PUT', `/api/invitations/${id}/review`, ReviewSchema, { ratings: { correctness: 5 - i, memory: 2 + i, efficiency: 3 }, decision: i ? 'reject' : 'advance' });
    }
    await page.reload();
    await page.getByRole('heading', { name: 'Between reviewers' }).waitFor();
    await page.getByRole('heading', { name: 'Largest disagreement first' }).waitFor();
    const first = await page.getByRole('table', { name: 'Candidates by how much their reviewers disagree' }).locator('tbody tr').first().locator('td').nth(1).textContent();
    expect(Number(first)).toBeGreaterThan(0);
    await t.axe('agreement, full');
    await t.shot('02-agreement');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await t.shot('03-agreement-1920');
    await page.setViewportSize({ width: 1280, height: 800 });

    // The CSV export link downloads the assessment's results.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('calibration-cache-round-results.csv');
    const invitations = (await admin.call('GET', `/api/assessments/${assessment.id}/invitations`, InvitationListSchema)).invitations;
    expect(await readFile((await download.path())!, 'utf8')).toContain(invitations[0]!.candidateEmail);

    // In anonymized mode (the global toggle) the agreement and the CSV show the review pages' pseudonyms, never a name or an email.
    const disagreementTable = page.getByRole('table', { name: 'Candidates by how much their reviewers disagree' });
    try {
      await switchAnonymized(page, true);
      await disagreementTable.getByText(candidatePseudonym(ids[0]!), { exact: true }).waitFor();
      const cells = await disagreementTable.locator('tbody tr td:first-child').allTextContents();
      expect([...cells].sort()).toEqual(ids.map((id) => candidatePseudonym(id)).sort());
      const shown = await page.locator('body').innerText();
      for (const inv of invitations) expect(shown).not.toContain(inv.candidateName);
      await t.axe('agreement, anonymized');
      await t.shot('02b-agreement-anonymized');
      const [masked] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
      const csv = await readFile((await masked.path())!, 'utf8');
      for (const inv of invitations) {
        expect(csv).toContain(candidatePseudonym(inv.id));
        expect(csv).not.toContain(inv.candidateName);
        expect(csv).not.toContain(inv.candidateEmail);
      }
      await switchAnonymized(page, false);
      await disagreementTable.getByText(invitations[0]!.candidateName, { exact: true }).waitFor();
    } finally {
      await setAdminAnonymized(false);
    }

    // Webhook: set up, send a test event, see it delivered.
    await page.goto('/calibrate/webhook');
    await page.getByRole('heading', { name: 'Delivery log' }).waitFor();
    await t.axe('webhook, not configured');
    await t.shot('04-webhook-empty');
    await page.getByLabel('URL').fill('not a url');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.field-error').first().waitFor();
    await t.shot('05-webhook-error');
    await page.getByLabel('URL').fill(hookUrl);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('copy it now; it is not shown again').waitFor();
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByRole('table', { name: /latest 100 deliveries/ }).locator('tbody').getByText('delivered', { exact: true }).first().waitFor({ timeout: 60_000 });
    expect(received.some((r) => r.headers['x-assay-event'] === 'test' && /^v1=[0-9a-f]{64}$/.test(String(r.headers['x-assay-signature'])))).toBe(true);
    await t.axe('webhook with deliveries');
    await t.shot('06-webhook-log');
    await t.close();
  } finally {
    await new Promise((r) => receiver.close(r));
  }
});

it('shows loading and error states a person can act on', async () => {
  const t = await openTestPage(browser, platform, { name: 'calibration-states' });
  const { page } = t;
  const stop = t.allowConsoleErrors(/status of (401|404)/);
  await signIn(page, platform.admin.email, platform.admin.password);
  await page.goto('/calibrate/rubrics/no-such-challenge');
  await page.getByRole('heading', { name: 'Not found' }).waitFor();
  await t.axe('rubric not found');
  await t.shot('01-not-found');
  // Hold the rubric's answer back to see the loading state.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(`**/api/rubrics/${SLUG}`, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/calibrate/rubrics/${SLUG}`);
  await page.getByText('Loading the rubric…').waitFor();
  await t.shot('02-loading');
  release();
  await page.getByRole('heading', { name: 'Weights' }).waitFor();
  stop();
  await t.close();
});

async function createAdmin(admin: TestApi, name: string): Promise<TestApi> {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@assay.test`;
  const password = `pw-${Date.now()}-long-enough`;
  await admin.call('POST', '/api/users', null, { email, name, role: 'admin', password });
  return new TestApi(admin.baseUrl).login(email, password);
}
