import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Decision, Review, Score, Verdict, WebhookEvent, WebhookPayload } from '@assay/shared';
import type { Db } from '../db/db';
import { findInvitation } from '../invitations/invitation.repository';
import type { Logger } from '../platform/logger';
import type { SubmissionMeta } from '../submissions/submission.repository';
import { insertDelivery } from './webhook.repository';
import { findWebhookSettings } from './webhook.repository';
import type { WebhookDeliveryRow } from './webhook.table';

/** The job that sends one delivery; its data is `{ deliveryId }`. */
export const WEBHOOK_JOB = 'webhook-deliver';

/** Sends of one delivery before it is marked failed. @defaultValue 8 (about 4 minutes of retries) */
export const WEBHOOK_ATTEMPTS = 8;
/** First retry delay, doubled each time: 2, 4, 8 … 128 s. @defaultValue 2000 */
export const WEBHOOK_BACKOFF_MS = 2000;

export interface WebhookJobData {
  deliveryId: string;
}

/**
 * Records a delivery of `event` and queues its sending, when a webhook is
 * configured and enabled. The delivery row is written first, so a Redis
 * outage loses no event (it shows as pending in the log).
 * @returns the delivery, or null when no webhook is on
 */
export async function enqueueWebhook(db: Db, queue: Queue, event: WebhookEvent, data: Record<string, unknown>): Promise<WebhookDeliveryRow | null> {
  const settings = await findWebhookSettings(db);
  if (!settings?.enabled) return null;
  const id = randomUUID();
  const payload: WebhookPayload = { id, event, occurredAt: new Date().toISOString(), data };
  const delivery = await insertDelivery(db, { id, event, url: settings.url, body: JSON.stringify(payload) });
  await queue.add(WEBHOOK_JOB, { deliveryId: id } satisfies WebhookJobData, {
    jobId: `webhook-${id}`, // BullMQ refuses ":" in custom ids
    attempts: WEBHOOK_ATTEMPTS,
    backoff: { type: 'exponential', delay: WEBHOOK_BACKOFF_MS },
    removeOnComplete: { age: 3600, count: 10_000 },
    removeOnFail: { age: 7 * 86_400 },
  });
  return delivery;
}

/** Like `enqueueWebhook`, for callers a webhook problem must never fail (the judge, a review save). */
export async function notifyWebhook(db: Db, queue: Queue, event: WebhookEvent, data: Promise<Record<string, unknown>> | Record<string, unknown>, log: Logger): Promise<void> {
  try {
    await enqueueWebhook(db, queue, event, await data);
  } catch (err) {
    log.error({ event, err: (err as Error).message }, 'could not queue a webhook delivery');
  }
}

async function candidateOf(db: Db, invitationId: string) {
  const inv = await findInvitation(db, invitationId);
  return inv ? { name: inv.candidate_name, email: inv.candidate_email } : null;
}

/** `score.final`: a final submission was scored. */
export async function finalScoreEvent(db: Db, sub: SubmissionMeta, verdict: Verdict, score: Score): Promise<Record<string, unknown>> {
  return {
    assessmentId: sub.assessment_id,
    invitationId: sub.invitation_id,
    submissionId: sub.id,
    candidate: await candidateOf(db, sub.invitation_id),
    challenge: sub.challenge_slug,
    verdict,
    total: score.total,
    level: score.level,
    rubricVersion: score.rubricVersion,
    dimensions: score.dimensions.map(({ name, points, max }) => ({ name, points, max })),
  };
}

/** `review.decision`: a reviewer recorded (or changed) a decision. */
export async function decisionEvent(db: Db, review: Review, previous: Decision | null): Promise<Record<string, unknown>> {
  const inv = await findInvitation(db, review.invitationId);
  return {
    assessmentId: inv?.assessment_id ?? null,
    invitationId: review.invitationId,
    candidate: inv ? { name: inv.candidate_name, email: inv.candidate_email } : null,
    reviewer: review.reviewer,
    decision: review.decision,
    previousDecision: previous,
    ratings: review.ratings,
  };
}
