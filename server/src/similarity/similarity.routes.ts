import { Router } from 'express';
import { IdParamsSchema, type SimilarityReport } from '@assay/shared';
import { requireStaff, staffOf } from '../auth/auth.middleware';
import { loadChallenge } from '../challenges/challenge.loader';
import type { Db } from '../db/db';
import { parseInput } from '../http/validate';
import { accessibleInvitation } from '../invitations/invitation.service';
import { AppError } from '../platform/errors';
import { findSubmissionMeta } from '../submissions/submission.repository';
import { challengeSolutions, similarityReport } from './similarity.service';

/** A challenge's solutions are read from its folder once per process: they change only with a deployment. */
const solutionsCache = new Map<string, Record<string, Record<string, string>>>();
function solutionsOf(slug: string): Record<string, Record<string, string>> {
  let solutions = solutionsCache.get(slug);
  if (!solutions) solutionsCache.set(slug, (solutions = challengeSolutions(loadChallenge(slug))));
  return solutions;
}

/** `GET /api/submissions/:id/similarity`: the stored matches, with the shared regions for a side-by-side view. Mounted at /api. */
export function similarityRoutes(db: Db): Router {
  const router = Router();
  router.get('/submissions/:id/similarity', requireStaff(), async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    const user = staffOf(req);
    const sub = await findSubmissionMeta(db, id);
    if (!sub) throw new AppError('NOT_FOUND', 'No such submission.');
    await accessibleInvitation(db, user, sub.invitation_id).catch(() => {
      throw new AppError('NOT_FOUND', 'No such submission.');
    });
    const canSee = (invitationId: string) =>
      accessibleInvitation(db, user, invitationId).then(
        (inv) => ({ candidateName: inv.candidate_name }),
        () => null,
      );
    const report: SimilarityReport = { submissionId: id, ...(await similarityReport(db, id, canSee, solutionsOf)) };
    res.json(report);
  });
  return router;
}
