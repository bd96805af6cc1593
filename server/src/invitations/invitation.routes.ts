import { Router } from 'express';
import { ACTIVITY_DISCLOSURE, CreateInvitationBodySchema, type Decision, type Review, IdParamsSchema, SaveReviewBodySchema, UpdateInvitationBodySchema } from '@assay/shared';
import { listActivity, toActivityEvent } from '../activity/activity.repository';
import { accessibleAssessment } from '../assessments/assessment.service';
import { requireStaff, staffOf } from '../auth/auth.middleware';
import type { Db } from '../db/db';
import type { LiveRevocations } from '../live/live.revoke';
import { parseInput } from '../http/validate';
import { listReviews, toReview, upsertReview } from '../reviews/review.repository';
import { visibleReviews } from '../reviews/review.visibility';
import { listSubmissionsOfInvitation } from '../submissions/submission.repository';
import { toSubmissionSummaries } from '../submissions/submission.view';
import { listInvitations } from './invitation.repository';
import type { InvitationRow } from './invitation.table';
import { accessibleInvitation, changeInvitation, createInvitation, toInvitation } from './invitation.service';

/**
 * Staff endpoints around a candidate: invitations of an assessment, and per
 * invitation its submissions, activity log and reviews. Mounted at /api.
 */
/** Called after a reviewer saves their review (webhooks). */
export type ReviewSavedHook = (review: Review, previousDecision: Decision | null) => Promise<void>;

/** What other domains do when an invitation changes. @defaultValue none of them */
export interface InvitationHooks {
  /** After extra time moved a started invitation's deadline (re-schedules the deadline's draft submission). */
  onDeadlineMoved?: (inv: InvitationRow) => Promise<void>;
  onReviewSaved?: ReviewSavedHook;
  /** After staff made or changed an invitation (extra time, expiry, revocation): the live board is told. */
  onChanged?: (inv: InvitationRow) => void;
}

export function invitationRoutes(db: Db, revocations: LiveRevocations, hooks: InvitationHooks = {}): Router {
  const router = Router();
  router.use(['/assessments/:id/invitations', '/invitations'], requireStaff());

  router.get('/assessments/:id/invitations', async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    await accessibleAssessment(db, staffOf(req), id);
    const now = new Date();
    res.json({ invitations: (await listInvitations(db, id)).map((r) => toInvitation(r, now)) });
  });
  router.post('/assessments/:id/invitations', async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    const body = parseInput(CreateInvitationBodySchema, req.body);
    const { created, row } = await createInvitation(db, staffOf(req), id, body);
    hooks.onChanged?.(row); // another interviewer's open board gets the new row
    res.status(201).json(created);
  });

  router.get('/invitations/:id', async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    res.json(toInvitation(await accessibleInvitation(db, staffOf(req), id)));
  });
  router.patch('/invitations/:id', async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    const body = parseInput(UpdateInvitationBodySchema, req.body);
    const changed = await changeInvitation(db, revocations, staffOf(req), id, body);
    if (body.extraTimeMinutes !== undefined) await hooks.onDeadlineMoved?.(changed);
    hooks.onChanged?.(changed);
    res.json(toInvitation(changed));
  });
  router.get('/invitations/:id/submissions', async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    await accessibleInvitation(db, staffOf(req), id);
    res.json({ submissions: await toSubmissionSummaries(db, await listSubmissionsOfInvitation(db, id)) });
  });
  router.get('/invitations/:id/activity', async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    await accessibleInvitation(db, staffOf(req), id);
    res.json({ events: (await listActivity(db, id)).map(toActivityEvent), disclosure: ACTIVITY_DISCLOSURE });
  });
  router.get('/invitations/:id/reviews', async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    const user = staffOf(req);
    await accessibleInvitation(db, user, id);
    res.json(visibleReviews(await listReviews(db, id), user.id));
  });
  /** The caller's own review of this candidate. */
  router.put('/invitations/:id/review', async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    const body = parseInput(SaveReviewBodySchema, req.body);
    const user = staffOf(req);
    await accessibleInvitation(db, user, id);
    const previous = (await listReviews(db, id)).find((r) => r.reviewer_id === user.id)?.decision ?? null;
    await upsertReview(db, { invitationId: id, reviewerId: user.id, ...body });
    const mine = (await listReviews(db, id)).find((r) => r.reviewer_id === user.id)!;
    await hooks.onReviewSaved?.(toReview(mine), previous);
    res.json(toReview(mine));
  });
  return router;
}
