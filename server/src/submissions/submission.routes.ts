import { Router } from 'express';
import { IdParamsSchema, type SubmissionDetail } from '@assay/shared';
import { accessibleInvitation } from '../invitations/invitation.service';
import { requireStaff, staffOf } from '../auth/auth.middleware';
import type { Db } from '../db/db';
import { parseInput } from '../http/validate';
import { AppError } from '../platform/errors';
import { listRuns, listScores } from '../runs/run.repository';
import { findSubmission } from './submission.repository';
import { toRun, toScore, toSubmissionSummary } from './submission.view';

/** A submission with its code, every run and every score: staff only. */
export function submissionRoutes(db: Db): Router {
  const router = Router();
  router.use(requireStaff());
  router.get('/:id', async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    const row = await findSubmission(db, id);
    if (!row) throw new AppError('NOT_FOUND', 'No such submission.');
    const inv = await accessibleInvitation(db, staffOf(req), row.invitation_id).catch(() => {
      throw new AppError('NOT_FOUND', 'No such submission.');
    });
    const [summary, runs, scores] = await Promise.all([toSubmissionSummary(db, row), listRuns(db, id), listScores(db, [id])]);
    const detail: SubmissionDetail = {
      ...summary,
      invitationId: row.invitation_id,
      assessmentId: row.assessment_id,
      candidateName: inv.candidate_name,
      files: row.files,
      runs: runs.map(toRun),
      scores: scores.map((s) => ({ ...toScore(s), runId: s.run_id, createdAt: s.created_at.toISOString() })),
    };
    res.json(detail);
  });
  return router;
}
