import type { Db } from '../db/db';
import type { LivePublisher } from '../live/live.publisher';
import type { Logger } from '../platform/logger';
import { findStuckSubmissions, setEnqueuedAt, setStatus, type SubmissionMeta } from '../submissions/submission.repository';
import type { SubmissionQueue } from '../submissions/submission.queue';
import { announceStatus } from '../submissions/submission.service';

/** The BullMQ job that runs the sweep; a job scheduler fires it on one worker at a time. */
export const SWEEP_JOB = 'sweep-submissions';

/** Judge attempts after which the sweeper stops re-enqueueing and fails the submission (a poison pill). */
export const MAX_SWEPT_ATTEMPTS = 10;

export interface SweepDeps {
  db: Db;
  queue: SubmissionQueue;
  live: LivePublisher;
  log: Logger;
}

export interface SweepResult {
  requeued: string[];
  failed: string[];
  /** Unfinished but accounted for (waiting in the queue, or a worker holds the job). */
  healthy: number;
}

/**
 * Finds submissions Postgres says are unfinished but nobody is working on,
 * and puts them back on the queue. "Nobody" is decided by the queue itself:
 * a job waiting, delayed or held by a live worker is left alone; a job that is
 * missing (Redis lost it, or the enqueue after the insert failed) or finished
 * (it stalled too often, or a worker died between the queue and Postgres) is
 * enqueued again. Safe to run on many processes at once: enqueueing is
 * idempotent by job id and the judge job skips finished submissions.
 */
export async function sweepStuckSubmissions(deps: SweepDeps, stuckAfterMs: number): Promise<SweepResult> {
  const result: SweepResult = { requeued: [], failed: [], healthy: 0 };
  for (const sub of await findStuckSubmissions(deps.db, stuckAfterMs)) {
    const state = await deps.queue.jobState(sub.id);
    if (state === 'waiting' || state === 'delayed' || state === 'prioritized' || state === 'active' || state === 'waiting-children') {
      result.healthy++;
      continue;
    }
    if (sub.attempts >= MAX_SWEPT_ATTEMPTS) {
      await giveUp(deps, sub);
      result.failed.push(sub.id);
      continue;
    }
    if (state !== 'missing') await deps.queue.removeJob(sub.id);
    if (sub.status !== 'queued') await setStatus(deps.db, sub.id, 'queued');
    await deps.queue.enqueue(sub.id);
    await setEnqueuedAt(deps.db, sub.id, new Date());
    deps.log.warn({ submissionId: sub.id, status: sub.status, jobState: state, attempts: sub.attempts }, 'sweeper re-enqueued a stuck submission');
    await announceStatus(deps.live, sub, 'queued', { attempt: sub.attempts });
    result.requeued.push(sub.id);
  }
  return result;
}

async function giveUp(deps: SweepDeps, sub: SubmissionMeta): Promise<void> {
  const message = 'The platform could not judge this submission. The team has been notified; it is not held against you.';
  await setStatus(deps.db, sub.id, 'failed', { verdict: 'INTERNAL_ERROR', message, finished: true });
  deps.log.error({ submissionId: sub.id, attempts: sub.attempts }, 'sweeper gave up on a submission that never finished');
  await announceStatus(deps.live, sub, 'failed', { attempt: sub.attempts, verdict: 'INTERNAL_ERROR', message });
}
