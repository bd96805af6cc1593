import type { CandidateSubmission, SubmissionSummary } from '@assay/shared';
import { findCandidateSees } from '../assessments/assessment.repository';
import type { Db } from '../db/db';
import type { InvitationRow } from '../invitations/invitation.table';
import type { SubmissionMeta } from '../submissions/submission.repository';
import { toCandidateSubmission, toSubmissionSummaries } from '../submissions/submission.view';
import { candidateSummary } from '../submissions/submission.visibility';

/** The candidate's submissions, each cut to what their assessment lets them see (test runs: everything). */
export async function candidateSummaries(db: Db, inv: InvitationRow, rows: SubmissionMeta[]): Promise<SubmissionSummary[]> {
  const [sees, summaries] = await Promise.all([findCandidateSees(db, inv.assessment_id), toSubmissionSummaries(db, rows)]);
  return summaries.map((s) => candidateSummary(s, s.kind === 'test' ? 'score' : sees));
}

/** One submission with its visible-test output, cut the same way. */
export async function candidateDetail(db: Db, inv: InvitationRow, row: SubmissionMeta): Promise<CandidateSubmission> {
  const [sees, detail] = await Promise.all([findCandidateSees(db, inv.assessment_id), toCandidateSubmission(db, row)]);
  return candidateSummary(detail, detail.kind === 'test' ? 'score' : sees);
}
