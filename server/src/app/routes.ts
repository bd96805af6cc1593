import type { Express } from 'express';
import { assessmentRoutes } from '../assessments/assessment.routes';
import { authenticate } from '../auth/auth.middleware';
import { authRoutes } from '../auth/auth.routes';
import { candidateRoutes } from '../candidate/candidate.routes';
import { catalogRoutes } from '../catalog/catalog.routes';
import { dashboardRoutes } from '../dashboard/dashboard.routes';
import { scheduleDraftSubmission } from '../deadline/deadline.schedule';
import { rateLimit } from '../http/rate-limit';
import { invitationRoutes } from '../invitations/invitation.routes';
import { announceInvitation } from '../invitations/invitation.service';
import type { LivePublisher } from '../live/live.publisher';
import { preferenceRoutes } from '../preferences/preference.routes';
import { similarityRoutes } from '../similarity/similarity.routes';
import { LiveRevocations } from '../live/live.revoke';
import { submissionRoutes } from '../submissions/submission.routes';
import type { SubmissionQueue } from '../submissions/submission.queue';
import { userRoutes } from '../users/user.routes';
import { calibrationRoutes } from '../calibration/calibration.routes';
import { rubricRoutes } from '../rubrics/rubric.routes';
import { decisionEvent, notifyWebhook } from '../webhooks/webhook.events';
import { webhookRoutes } from '../webhooks/webhook.routes';
import type { Platform } from './platform';

/**
 * The REST API under /api: per-IP rate limit, then the caller's identity
 * (session cookie + CSRF, or candidate token), then one router per domain.
 */
export function mountApiRoutes(app: Express, platform: Platform, pipeline: { queue: SubmissionQueue; live: LivePublisher }): void {
  const { db, redis, config, log } = platform;
  const revocations = new LiveRevocations(redis, log);
  app.use('/api', rateLimit(redis, { name: 'ip', limit: config.rateLimits.ipPerMinute }, (req) => req.ip ?? 'unknown', log));
  app.use('/api', authenticate(db));
  app.use('/api/auth', authRoutes({ db, redis, config, revocations }));
  app.use('/api/users', userRoutes(db, revocations));
  app.use('/api/challenges', catalogRoutes(db));
  app.use('/api/assessments', assessmentRoutes(db));
  app.use('/api', invitationRoutes(db, revocations, {
    onDeadlineMoved: (inv) => scheduleDraftSubmission(pipeline.queue, inv, config.deadlineGraceMs, log),
    onChanged: (inv) => announceInvitation(pipeline.live, inv),
    onReviewSaved: async (review, previous) => {
      if (review.decision && review.decision !== previous) await notifyWebhook(db, pipeline.queue.queue, 'review.decision', decisionEvent(db, review, previous), log);
    },
  }));
  app.use('/api/submissions', submissionRoutes(db));
  app.use('/api/auth/me/preferences', preferenceRoutes(db));
  app.use('/api', dashboardRoutes(db, (inv) => announceInvitation(pipeline.live, inv)));
  app.use('/api', similarityRoutes(db));
  app.use('/api/rubrics', rubricRoutes(db, log));
  app.use('/api/webhook', webhookRoutes(db, pipeline.queue.queue));
  app.use('/api', calibrationRoutes(db));
  app.use(
    '/api/candidate',
    candidateRoutes({
      db, redis, log, ...pipeline,
      maxSolutionBytes: config.maxSolutionBytes,
      submissionsPerMinute: config.rateLimits.submissionsPerMinute,
      deadlineGraceMs: config.deadlineGraceMs,
    }),
  );
}
