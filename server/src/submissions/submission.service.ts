import { solutionBytes, type CreateSubmissionBody, type Level, type SubmissionStatus, type Verdict } from '@assay/shared';
import { recordActivity } from '../activity/activity.repository';
import type { Db } from '../db/db';
import type { InvitationRow } from '../invitations/invitation.table';
import type { LivePublisher } from '../live/live.publisher';
import { AppError } from '../platform/errors';
import type { Logger } from '../platform/logger';
import { insertSubmission, setEnqueuedAt, type SubmissionMeta } from './submission.repository';
import type { SubmissionQueue } from './submission.queue';

/** What creating and judging submissions needs, in the API and the worker alike. */
export interface PipelineDeps {
  db: Db;
  queue: SubmissionQueue;
  live: LivePublisher;
  log: Logger;
}

/** Tells the submission's room and its assessment's room about a status change. */
export async function announceStatus(
  live: LivePublisher,
  sub: Pick<SubmissionMeta, 'id' | 'assessment_id' | 'invitation_id' | 'challenge_slug' | 'kind'>,
  status: SubmissionStatus,
  extra: { attempt: number; verdict?: Verdict | null; message?: string | null; total?: number | null; level?: Level | null },
): Promise<void> {
  await live.submission(sub.id, { type: 'status', status, attempt: extra.attempt, verdict: extra.verdict ?? null, message: extra.message ?? null });
  live.assessment({
    type: 'submission',
    assessmentId: sub.assessment_id,
    invitationId: sub.invitation_id,
    submissionId: sub.id,
    challengeSlug: sub.challenge_slug,
    kind: sub.kind,
    status,
    attempt: extra.attempt,
    verdict: extra.verdict ?? null,
    total: extra.total ?? null,
    level: extra.level ?? null,
    at: new Date().toISOString(),
  });
}

/**
 * Stores a candidate's submission, then enqueues it. Storing comes first: if
 * Redis is down the submission is still accepted (202) and the sweeper
 * enqueues it when Redis is back; nothing the candidate sent is lost.
 */
export async function createSubmission(
  deps: PipelineDeps & { maxSolutionBytes: number },
  invitation: InvitationRow,
  challenge: { slug: string; versionId: string },
  body: CreateSubmissionBody,
): Promise<SubmissionMeta> {
  const size = solutionBytes(body.files);
  if (size > deps.maxSolutionBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Your code is ${Math.ceil(size / 1024)} KiB; the limit is ${deps.maxSolutionBytes / 1024} KiB.`, { sizeBytes: size, limitBytes: deps.maxSolutionBytes });
  }
  const row = await insertSubmission(deps.db, {
    invitation_id: invitation.id,
    assessment_id: invitation.assessment_id,
    challenge_slug: challenge.slug,
    challenge_version_id: challenge.versionId,
    kind: body.kind,
    files: JSON.stringify(body.files),
    size_bytes: size,
    verdict: null,
    message: null,
    enqueued_at: new Date(),
    started_at: null,
    heartbeat_at: null,
    finished_at: null,
    worker: null,
  });
  await recordActivity(deps.db, [{ invitationId: invitation.id, kind: body.kind === 'final' ? 'submit' : 'run', challengeSlug: challenge.slug, details: { submissionId: row.id, sizeBytes: size } }]);
  await enqueueAndAnnounce(deps, row);
  return row;
}

/** Announces a stored submission as queued, then puts it on the queue (or leaves it to the sweeper when Redis is down). */
export async function enqueueAndAnnounce(deps: PipelineDeps, row: SubmissionMeta): Promise<void> {
  // Announced before it is enqueued: a fast worker clears the live log when the
  // attempt starts, and a 'queued' logged after that would read as a step back.
  await announceStatus(deps.live, row, 'queued', { attempt: 0 });
  try {
    await deps.queue.enqueue(row.id);
  } catch (err) {
    deps.log.warn({ err: (err as Error).message, submissionId: row.id }, 'could not enqueue; the sweeper will');
    await setEnqueuedAt(deps.db, row.id, null);
  }
}
