import type { Browser } from 'playwright-core';
import { CandidateAssessmentSchema, InvitationSchema } from '@assay/shared';
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
