import { Router } from 'express';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ACTIVITY_DISCLOSURE, CreateSubmissionBodySchema, IdParamsSchema, RecordActivityBodySchema, SaveDraftBodySchema, solutionBytes } from '@assay/shared';
import { listActivity, recordActivity, toActivityEvent } from '../activity/activity.repository';
import { candidateOf, requireCandidate } from '../auth/auth.middleware';
import { saveDraft, toDraft } from '../drafts/draft.repository';
import { consumeRateLimit } from '../http/rate-limit';
import { parseInput } from '../http/validate';
import { assertCandidateCanRead, assertCandidateCanWrite } from '../invitations/invitation.rules';
import { announceInvitation } from '../invitations/invitation.service';
import { AppError } from '../platform/errors';
import { findSubmissionMeta, listSubmissionsOfInvitation } from '../submissions/submission.repository';
import { createSubmission, type PipelineDeps } from '../submissions/submission.service';
import { scheduleDraftSubmission } from '../deadline/deadline.schedule';
import { submitLastDrafts } from '../deadline/deadline.service';
import { candidateDetail, candidateSummaries } from './candidate.results';
import { candidateAssessment, candidateChallenge, finishAssessment, startAssessment } from './candidate.service';

const SlugParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,100}$/) });

export interface CandidateRouteDeps extends PipelineDeps {
  redis: Redis;
  /** Grace after the deadline for saves and submissions (DEADLINE_GRACE_SEC). */
  deadlineGraceMs: number;
  maxSolutionBytes: number;
  submissionsPerMinute: number;
}

/** Everything a candidate does, with their invite token as the only credential. */
export function candidateRoutes(deps: CandidateRouteDeps): Router {
  const { db } = deps;
  const router = Router();
  router.use(requireCandidate);

  router.get('/assessment', async (req, res) => {
    res.json(await candidateAssessment(db, candidateOf(req)));
  });
  router.post('/start', async (req, res) => {
    const before = candidateOf(req);
    const started = await startAssessment(db, before);
    if (!before.started_at) announceInvitation(deps.live, started);
    await scheduleDraftSubmission(deps.queue, started, deps.deadlineGraceMs, req.log);
    res.json(await candidateAssessment(db, started));
  });
  router.post('/finish', async (req, res) => {
    const finished = await finishAssessment(db, candidateOf(req), new Date(), deps.deadlineGraceMs);
    announceInvitation(deps.live, finished);
    // Drafts of challenges not submitted yet go in now, as at the deadline; should
    // this fail, the sweeper's safety net submits them.
    await submitLastDrafts(deps, finished.id, deps.deadlineGraceMs, 'finish').catch((err: Error) => req.log.error({ err: err.message }, 'could not submit the last drafts at finish'));
    res.json(await candidateAssessment(db, finished));
  });

  router.put('/challenges/:slug/draft', async (req, res) => {
    const inv = candidateOf(req);
    assertCandidateCanWrite(inv, new Date(), deps.deadlineGraceMs);
    const { slug } = parseInput(SlugParamsSchema, req.params, 'path');
    const body = parseInput(SaveDraftBodySchema, req.body);
    const size = solutionBytes(body.files);
    if (size > deps.maxSolutionBytes) throw new AppError('PAYLOAD_TOO_LARGE', `This draft is ${Math.ceil(size / 1024)} KiB; the limit is ${deps.maxSolutionBytes / 1024} KiB.`, { sizeBytes: size, limitBytes: deps.maxSolutionBytes });
    await candidateChallenge(db, inv, slug);
    const row = await saveDraft(db, inv.id, slug, body.files, body.baseRevision);
    if (!row) throw new AppError('CONFLICT', 'This draft was saved elsewhere in the meantime (another tab?): reload it first.');
    res.json(toDraft(row));
  });

  router.post('/challenges/:slug/submissions', async (req, res) => {
    const inv = candidateOf(req);
    // Counted before anything else, so a flood of bad requests is limited too.
    await consumeRateLimit(deps.redis, { name: 'submissions', limit: deps.submissionsPerMinute }, inv.id, req.log);
    assertCandidateCanWrite(inv, new Date(), deps.deadlineGraceMs);
    const { slug } = parseInput(SlugParamsSchema, req.params, 'path');
    const body = parseInput(CreateSubmissionBodySchema, req.body);
    const challenge = await candidateChallenge(db, inv, slug);
    const row = await createSubmission(deps, inv, { slug, versionId: challenge.id }, body);
    res.status(202).json((await candidateSummaries(db, inv, [row]))[0]);
  });

  router.get('/submissions', async (req, res) => {
    const inv = candidateOf(req);
    assertCandidateCanRead(inv);
    res.json({ submissions: await candidateSummaries(db, inv, await listSubmissionsOfInvitation(db, inv.id)) });
  });
  router.get('/submissions/:id', async (req, res) => {
    const inv = candidateOf(req);
    assertCandidateCanRead(inv);
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    const row = await findSubmissionMeta(db, id);
    // Another candidate's submission does not exist, as far as this one can tell.
    if (!row || row.invitation_id !== inv.id) throw new AppError('NOT_FOUND', 'No such submission.');
    res.json(await candidateDetail(db, inv, row));
  });

  router.post('/activity', async (req, res) => {
    const inv = candidateOf(req);
    assertCandidateCanWrite(inv, new Date(), deps.deadlineGraceMs);
    const body = parseInput(RecordActivityBodySchema, req.body);
    await recordActivity(db, body.events.map((e) => ({
      invitationId: inv.id,
      kind: e.kind,
      challengeSlug: e.challengeSlug ?? null,
      details: e.pasteChars === undefined ? {} : { pasteChars: e.pasteChars },
      occurredAt: e.at ? new Date(e.at) : undefined,
    })));
    res.status(204).end();
  });
  /** The candidate sees exactly what reviewers see of their activity. */
  router.get('/activity', async (req, res) => {
    const inv = candidateOf(req);
    assertCandidateCanRead(inv);
    res.json({ events: (await listActivity(db, inv.id)).map(toActivityEvent), disclosure: ACTIVITY_DISCLOSURE });
  });
  return router;
}
