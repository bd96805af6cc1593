import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ActivityListSchema, CandidateAssessmentSchema, SubmissionDetailSchema, SubmissionListSchema } from '@assay/shared';
import { repoRoot } from '../../server/src/platform/paths';
import { eventually, testDb } from '../../server/test/support/pipeline';
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
/** DEADLINE_GRACE_SEC as the shared platform runs it (see support/platform.ts). */
const GRACE_MS = 10_000;

it('with the browser closed, the server submits the last saved draft at the deadline and the candidate finds it scored', async () => {
  const platform = await sharedPlatform();
  const ivy = await createInterviewer(await loginAdmin(platform));
  const assessment = await createAssessment(ivy.api, { title: 'Closed laptop', challengeSlugs: ['stream-log', 'event-loop'] });
  const invite = await createInvitation(ivy.api, assessment.id);
  const invitationId = invite.invitation.id;
  const candidate = candidateApi(platform, invite.token);
  const serverDraft = async () => (await candidate.call('GET', '/api/candidate/assessment', CandidateAssessmentSchema)).challenges[0]!.draft;
  const staffSubmissions = async () => (await ivy.api.call('GET', `/api/invitations/${invitationId}/submissions`, SubmissionListSchema)).submissions;

  // The candidate starts and types a correct solution; the page saves it.
  const t = await openTestPage(browser, platform, { name: 'take-test-closed-browser' });
  const { page } = t;
  await page.goto(invite.path);
  await page.getByRole('button', { name: 'Start test' }).click();
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(reference);
  const draft = await eventually(async () => {
    const d = await serverDraft();
    return d?.files['main.js'] === reference ? d : undefined;
  }, 30_000, 'the typed solution saved');
  await page.getByText('All changes saved').waitFor();
  await t.axe('workspace with a saved draft');
  await t.shot('01-saved');

  // The laptop closes: no page is left that could submit anything.
  await t.close();
  expect(browser.contexts()).toEqual([]);
  expect((await staffSubmissions()).filter((s) => s.kind === 'final')).toEqual([]);
  const lastSave = (await serverDraft())!;
  expect(lastSave.revision).toBe(draft.revision);

  // The deadline passes with no client: the start and deadline move back in the database
  // so deadline + grace is over. Nobody calls the API now; the server's sweeper net
  // (every SWEEPER_INTERVAL_SEC) finds the due invitation. The delayed job scheduled at
  // the start still waits for the original deadline, so the sweeper is the one to act.
  const deadline = new Date(Date.now() - GRACE_MS - 30_000);
  const startedAt = new Date(deadline.getTime() - assessment.timeAllowedMinutes * 60_000);
  const db = testDb(platform.databaseUrl);
  try {
    await db.updateTable('invitations').set({ started_at: startedAt, deadline_at: deadline }).where('id', '=', invitationId).execute();
  } finally {
    await db.destroy();
  }
  const movedAt = Date.now();

  const scored = await eventually(async () => {
    const final = (await staffSubmissions()).find((s) => s.kind === 'final' && s.challengeSlug === 'stream-log');
    return final?.status === 'done' ? final : undefined;
  }, 540_000, 'the server to submit and score the last draft');
  expect(scored.verdict).toBe('ACCEPTED');
  expect(scored.score).not.toBeNull();
  expect(scored.score!.total).toBeGreaterThan(0);
  const detail = await ivy.api.call('GET', `/api/submissions/${scored.id}`, SubmissionDetailSchema);
  expect(detail.files).toEqual(lastSave.files);
  expect(detail.scores.length).toBeGreaterThan(0);
  expect(new Date(detail.createdAt).getTime()).toBeGreaterThanOrEqual(movedAt - 1_000);
  // Only the challenge with a draft got a final; the untouched one had nothing to submit.
  expect((await staffSubmissions()).filter((s) => s.kind === 'final').map((s) => s.challengeSlug)).toEqual(['stream-log']);

  // The log tells reviewers the server did it, not the candidate.
  const { events } = await ivy.api.call('GET', `/api/invitations/${invitationId}/activity`, ActivityListSchema);
  const submits = events.filter((e) => e.kind === 'submit');
  expect(submits).toEqual([
    expect.objectContaining({ challengeSlug: 'stream-log', details: expect.objectContaining({ auto: true, trigger: 'sweeper', submissionId: scored.id }) }),
  ]);

  // The candidate opens the link again: the test is closed, with the result the assessment shows them (the score).
  expect(assessment.candidateSees).toBe('score');
  const again = await openTestPage(browser, platform, { name: 'take-test-closed-browser' });
  await again.page.goto(invite.path);
  await again.page.getByRole('heading', { name: 'Your test is finished' }).waitFor();
  expect(await again.page.getByRole('textbox', { name: 'Code editor' }).count()).toBe(0);
  await again.page.getByText('Done: your submission has been judged.').waitFor();
  await again.page.locator('.outcome-total').filter({ hasText: `${Math.round(scored.score!.total)} / 100` }).waitFor();
  await again.page.getByText('Nothing was submitted for this challenge.').waitFor();
  await again.axe('finished page after a closed-browser deadline');
  await again.shot('02-reopened-finished');
  await again.page.setViewportSize({ width: 1920, height: 1080 });
  await again.shot('03-reopened-finished-1920');
  await again.close();
});
