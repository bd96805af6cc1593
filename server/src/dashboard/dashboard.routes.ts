import { Router } from 'express';
import { BulkInvitationBodySchema, IdParamsSchema } from '@assay/shared';
import { requireStaff, staffOf } from '../auth/auth.middleware';
import { findChallengeVersion } from '../catalog/catalog.repository';
import type { Db } from '../db/db';
import { parseInput } from '../http/validate';
import { createInvitations } from '../invitations/invitation.bulk';
import type { InvitationRow } from '../invitations/invitation.table';
import { accessibleSubmission, assessmentBoard, assessmentOverviews } from './dashboard.service';
import { reviewMeasurements } from './review-measurements';

/**
 * What the interviewer's screens load: assessments with counts, a live
 * board's starting state, and bulk invitations (each announced through
 * `onInvited` once the batch is committed). Mounted at /api.
 */
export function dashboardRoutes(db: Db, onInvited: (inv: InvitationRow) => void = () => {}): Router {
  const router = Router();
  router.use(['/dashboard', '/assessments/:id/invitations/bulk'], requireStaff());
  router.get('/dashboard/assessments', async (req, res) => {
    res.json({ assessments: await assessmentOverviews(db, staffOf(req)) });
  });
  router.get('/dashboard/assessments/:id', async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    res.json(await assessmentBoard(db, staffOf(req), id));
  });
  router.post('/assessments/:id/invitations/bulk', async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    const body = parseInput(BulkInvitationBodySchema, req.body);
    const { created, rows } = await createInvitations(db, staffOf(req), id, body);
    rows.forEach(onInvited);
    res.status(201).json({ created });
  });
  router.get('/submissions/:id/measurements', requireStaff(), async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    await accessibleSubmission(db, staffOf(req), id);
    res.json(await reviewMeasurements(db, id));
  });
  router.get('/submissions/:id/starter', requireStaff(), async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    const sub = await accessibleSubmission(db, staffOf(req), id);
    res.json({ files: (await findChallengeVersion(db, sub.challenge_version_id))?.starter_files ?? {} });
  });
  return router;
}
