import type { Browser } from 'playwright-core';
import { CandidateAssessmentSchema, SubmissionListSchema } from '@assay/shared';
import { eventually, testDb } from '../../server/test/support/pipeline';
import { candidateApi, createAssessment, createInterviewer, createInvitation, launchBrowser, loginAdmin, openTestPage, sharedPlatform } from './support';

jest.setTimeout(300_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('at the deadline, submits the code of each changed challenge as final, none for an untouched one, and shows the end page; the server agrees', async () => {
  const platform = await sharedPlatform();
  const ivy = await createInterviewer(await loginAdmin(platform));
  const assessment = await createAssessment(ivy.api, { title: 'Deadline', challengeSlugs: ['stream-log', 'event-loop'] });
  const invite = await createInvitation(ivy.api, assessment.id);
  const candidate = candidateApi(platform, invite.token);
  await candidate.call('POST', '/api/candidate/start', CandidateAssessmentSchema);
  // The clock is the server's: move the deadline near (the API cannot), then open the page.
  const db = testDb(platform.databaseUrl);
  try {
    await db.updateTable('invitations').set({ deadline_at: new Date(Date.now() + 25_000) }).where('id', '=', invite.invitation.id).execute();
    const t = await openTestPage(browser, platform, { name: 'take-test-deadline' });
    const { page } = t;
    await page.goto(invite.path);
    const editor = page.getByRole('textbox', { name: 'Code editor' });
    await editor.waitFor();
    // Only the first challenge is changed; event-loop is left as it started.
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\n// last words before the deadline\n');
    await page.locator('.countdown-urgent').waitFor();
    await t.shot('01-last-seconds');
    await page.getByRole('heading', { name: 'Your test is finished' }).waitFor({ timeout: 60_000 });
    await t.shot('02-finished');
    const finals = async () => (await candidate.call('GET', '/api/candidate/submissions', SubmissionListSchema)).submissions.filter((s) => s.kind === 'final');
    const byPage = await finals();
    expect(byPage.map((s) => s.challengeSlug)).toEqual(['stream-log']);
    const submitted = await db.selectFrom('submissions').select('files').where('id', '=', byPage[0]!.id).executeTakeFirstOrThrow();
    expect(Object.values(submitted.files).join('')).toContain('// last words before the deadline');
    await t.axe('finished page after the deadline');

    // The server's own hand-in (deadline + grace) follows the same rule: nothing more for either challenge.
    await eventually(async () => {
      const row = await db.selectFrom('invitations').select('drafts_submitted_at').where('id', '=', invite.invitation.id).executeTakeFirst();
      return row?.drafts_submitted_at ? true : undefined;
    }, 120_000, "the server's deadline job");
    expect((await finals()).map((s) => s.id)).toEqual(byPage.map((s) => s.id));
    await t.close();
  } finally {
    await db.destroy();
  }
});
