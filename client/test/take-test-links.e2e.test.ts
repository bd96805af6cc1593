import type { Browser } from 'playwright-core';
import { CandidateAssessmentSchema, InvitationSchema, SubmissionListSchema } from '@assay/shared';
import { testDb } from '../../server/test/support/pipeline';
import { candidateApi, createAssessment, createInterviewer, createInvitation, launchBrowser, loginAdmin, openTestPage, sharedPlatform, type TestApi } from './support';

jest.setTimeout(300_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Each refused link has a page of its own; the browser logs the API's 401 while the page explains it. */
it('gives unknown, withdrawn, expired and closed links each their own page, and a finished test its end page', async () => {
  const platform = await sharedPlatform();
  const ivy = await createInterviewer(await loginAdmin(platform));
  const assessment = await createAssessment(ivy.api, { title: 'Links', challengeSlugs: ['stream-log'] });
  const db = testDb(platform.databaseUrl);
  const invite = async (staff: TestApi) => createInvitation(staff, assessment.id);
  try {
    const revoked = await invite(ivy.api);
    await ivy.api.call('PATCH', `/api/invitations/${revoked.invitation.id}`, InvitationSchema, { revoked: true });
    const expired = await invite(ivy.api);
    await db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 3_600_000) }).where('id', '=', expired.invitation.id).execute();
    const closed = await invite(ivy.api);
    await candidateApi(platform, closed.token).call('POST', '/api/candidate/start', CandidateAssessmentSchema);
    await db.updateTable('invitations').set({ started_at: new Date(Date.now() - 30 * 3_600_000), deadline_at: new Date(Date.now() - 26 * 3_600_000) }).where('id', '=', closed.invitation.id).execute();
    const finished = await invite(ivy.api);
    const fin = candidateApi(platform, finished.token);
    await fin.call('POST', '/api/candidate/start', CandidateAssessmentSchema);
    await fin.call('POST', '/api/candidate/finish', CandidateAssessmentSchema);

    const cases = [
      { name: 'unknown', path: '/take/this-is-not-a-real-token', heading: 'This link does not work' },
      { name: 'revoked', path: revoked.path, heading: 'This invitation was withdrawn' },
      { name: 'expired', path: expired.path, heading: 'This invitation has expired' },
      { name: 'closed', path: closed.path, heading: 'This assessment is closed' },
    ];
    const t = await openTestPage(browser, platform, { name: 'take-test-links' });
    t.allowConsoleErrors(/status of 401/);
    for (const c of cases) {
      await t.page.goto(c.path);
      await t.page.getByRole('heading', { name: c.heading }).waitFor();
      await t.axe(`${c.name} link page`);
      await t.shot(c.name);
    }
    await t.close();

    const end = await openTestPage(browser, platform, { name: 'take-test-links' });
    await end.page.goto(finished.path);
    await end.page.getByRole('heading', { name: 'Your test is finished' }).waitFor();
    await end.page.getByText('Nothing was submitted for this challenge.').waitFor();
    await end.page.getByRole('cell', { name: 'Finished the test' }).waitFor();
    await end.axe('finished page');
    await end.shot('finished');
    await end.close();
  } finally {
    await db.destroy();
  }
});

it('gives a second tab a clear conflict choice instead of overwriting the first', async () => {
  const platform = await sharedPlatform();
  const ivy = await createInterviewer(await loginAdmin(platform));
  const assessment = await createAssessment(ivy.api, { title: 'Two tabs', challengeSlugs: ['stream-log'] });
  const created = await createInvitation(ivy.api, assessment.id);
  const candidate = candidateApi(platform, created.token);
  await candidate.call('POST', '/api/candidate/start', CandidateAssessmentSchema);
  const draftText = async () => (await candidate.call('GET', '/api/candidate/assessment', CandidateAssessmentSchema)).challenges[0]!.draft?.files['main.js'];

  const a = await openTestPage(browser, platform, { name: 'take-test-conflict' });
  const b = await openTestPage(browser, platform, { name: 'take-test-conflict' });
  b.allowConsoleErrors(/status of 409/); // the refused save is the point
  for (const t of [a, b]) {
    await t.page.goto(created.path);
    await t.page.getByRole('textbox', { name: 'Code editor' }).waitFor();
  }
  const type = async (t: typeof a, text: string) => {
    await t.page.getByRole('textbox', { name: 'Code editor' }).click();
    await t.page.keyboard.press('Control+End');
    await t.page.keyboard.insertText(text);
  };
  await type(a, '\n// from tab A\n');
  await a.page.getByText('All changes saved').waitFor();
  await eventuallyDraft(draftText, '// from tab A');
  await type(b, '\n// from tab B\n');
  const banner = b.page.getByRole('alert').filter({ hasText: 'saved from another tab or device' });
  await banner.waitFor();
  await b.page.getByText('Changed elsewhere: choose a version').waitFor();
  expect(await draftText()).toContain('// from tab A');
  await b.axe('conflict banner');
  await b.shot('conflict');
  await banner.getByRole('button', { name: 'Keep the code on this screen' }).click();
  await b.page.getByText('All changes saved').waitFor();
  const kept = await draftText();
  expect(kept).toContain('// from tab B');
  expect(kept).not.toContain('// from tab A');
  await a.close();

  // Finish test ends it early, after a confirmation that says what happens to unsubmitted work: it is
  // submitted for the candidate, and so it is.
  await b.page.getByRole('button', { name: 'Finish test' }).click();
  const dialog = b.page.getByRole('dialog', { name: 'Finish the test now?' });
  await dialog.getByRole('listitem').filter({ hasText: /^Stream a 10 GB log file: your latest code is submitted for you\.$/ }).waitFor();
  await b.axe('finish dialog');
  await b.shot('finish-dialog');
  await b.page.setViewportSize({ width: 1920, height: 1080 });
  await b.shot('finish-dialog-1920');
  await dialog.getByRole('button', { name: 'Finish test' }).click();
  await b.page.getByRole('heading', { name: 'Your test is finished' }).waitFor();
  expect((await candidate.call('GET', '/api/candidate/assessment', CandidateAssessmentSchema)).state).toBe('finished');
  const finals = (await candidate.call('GET', '/api/candidate/submissions', SubmissionListSchema)).submissions.filter((s) => s.kind === 'final');
  expect(finals.map((s) => s.challengeSlug)).toEqual(['stream-log']);
  await b.close();
});

async function eventuallyDraft(read: () => Promise<string | undefined>, expected: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await read())?.includes(expected)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the draft never contained ${expected}`);
}
