import type { AssessmentBoard, AssessmentCounts, AssessmentOverview, BoardCell, BoardRow } from '@assay/shared';
import { accessibleAssessment, toAssessment } from '../assessments/assessment.service';
import { listAssessments } from '../assessments/assessment.repository';
import type { Db } from '../db/db';
import { listInvitations } from '../invitations/invitation.repository';
import { invitationState } from '../invitations/invitation.rules';
import { accessibleInvitation, toInvitation } from '../invitations/invitation.service';
import { AppError } from '../platform/errors';
import { findSubmissionMeta } from '../submissions/submission.repository';
import { checkedInvitations, topShareByInvitation } from '../similarity/similarity.repository';
import type { UserRow } from '../users/user.table';
import { finalSubmissionsWithScores, invitationActivityCounts, reviewersOf, testRunCounts } from './dashboard.repository';

/** The caller's assessments (all of them for admins), newest first, each with where its candidates stand. */
export async function assessmentOverviews(db: Db, user: UserRow): Promise<AssessmentOverview[]> {
  const assessments = await listAssessments(db, user.role === 'admin' ? undefined : user.id);
  const ids = assessments.map((a) => a.id);
  const [activity, invitations] = await Promise.all([
    invitationActivityCounts(db, ids),
    ids.length ? db.selectFrom('invitations').selectAll().where('assessment_id', 'in', ids).execute() : Promise.resolve([]),
  ]);
  const now = new Date();
  return assessments.map((a) => {
    const counts: AssessmentCounts = { invited: 0, inProgress: 0, submitted: 0, reviewed: 0, revoked: 0 };
    for (const inv of invitations.filter((i) => i.assessment_id === a.id)) {
      const state = invitationState(inv, now);
      if (state === 'revoked') {
        counts.revoked++;
        continue;
      }
      const act = activity.find((x) => x.id === inv.id);
      counts.invited++;
      if (state === 'started') counts.inProgress++;
      if ((act?.finals ?? 0) > 0) counts.submitted++;
      if ((act?.reviews ?? 0) > 0) counts.reviewed++;
    }
    return { ...toAssessment(a), counts };
  });
}

/** One row per invitation: state, deadline, the latest final submission per challenge, reviews, top similarity. */
export async function assessmentBoard(db: Db, user: UserRow, assessmentId: string): Promise<AssessmentBoard> {
  const assessment = await accessibleAssessment(db, user, assessmentId);
  const invitations = await listInvitations(db, assessmentId);
  const ids = invitations.map((i) => i.id);
  const [finals, tests, reviewers, topShare, checked] = await Promise.all([
    finalSubmissionsWithScores(db, assessmentId),
    testRunCounts(db, assessmentId),
    reviewersOf(db, ids),
    topShareByInvitation(db, ids),
    checkedInvitations(db, ids),
  ]);
  const now = new Date();
  const rows: BoardRow[] = invitations.map((inv) => {
    const cells: Record<string, BoardCell> = {};
    for (const f of finals.filter((s) => s.invitation_id === inv.id)) {
      const count = (cells[f.challenge_slug]?.finalCount ?? 0) + 1;
      cells[f.challenge_slug] = {
        challengeSlug: f.challenge_slug,
        submissionId: f.id,
        status: f.status,
        verdict: f.verdict,
        total: f.total ?? null,
        level: f.level ?? null,
        submittedAt: f.created_at.toISOString(),
        finalCount: count,
      };
    }
    const mine = reviewers.filter((r) => r.invitation_id === inv.id);
    return {
      invitation: toInvitation(inv, now),
      cells,
      testRuns: Object.fromEntries(tests.filter((t) => t.invitation_id === inv.id).map((t) => [t.challenge_slug, t.n])),
      reviewCount: mine.length,
      reviewedByMe: mine.some((r) => r.reviewer_id === user.id),
      topSimilarity: topShare.get(inv.id) ?? (checked.has(inv.id) ? 0 : null),
    };
  });
  return { assessment: toAssessment(assessment), rows, serverTime: now.toISOString() };
}

/** The submission's row if this user may see its candidate; else 404 (its existence is not revealed). */
export async function accessibleSubmission(db: Db, user: UserRow, submissionId: string) {
  const sub = await findSubmissionMeta(db, submissionId);
  if (!sub) throw new AppError('NOT_FOUND', 'No such submission.');
  await accessibleInvitation(db, user, sub.invitation_id).catch(() => {
    throw new AppError('NOT_FOUND', 'No such submission.');
  });
  return sub;
}
