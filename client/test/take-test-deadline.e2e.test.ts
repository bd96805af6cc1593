import type { Browser } from 'playwright-core';
import { CandidateAssessmentSchema, SubmissionListSchema } from '@assay/shared';
import { testDb } from '../../server/test/support/pipeline';
import { candidateApi, createAssessment, createInterviewer, createInvitation, launchBrowser, loginAdmin, openTestPage, sharedPlatform } from './support';

jest.setTimeout(300_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('at the deadline, submits the code of every challenge on the screen as final and shows the end page', async () => {
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
  } finally {
    await db.destroy();
  }
  const t = await openTestPage(browser, platform, { name: 'take-test-deadline' });
  const { page } = t;
  await page.goto(invite.path);
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('\n// last words before the deadline\n');
  await page.locator('.countdown-urgent').waitFor();
  await t.shot('01-last-seconds');
  await page.getByRole('heading', { name: 'Your test is finished' }).waitFor({ timeout: 60_000 });
  await t.shot('02-finished');
  const { submissions } = await candidate.call('GET', '/api/candidate/submissions', SubmissionListSchema);
  const finals = submissions.filter((s) => s.kind === 'final');
  expect(finals.map((s) => s.challengeSlug).sort()).toEqual(['event-loop', 'stream-log']);
  await t.axe('finished page after the deadline');
  await t.close();
});
