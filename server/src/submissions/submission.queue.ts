import { Queue, type JobState } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedis } from '../platform/redis';
import { QUEUE_NAME } from '../worker/job.registry';

/** The job that judges one submission; its data is `{ submissionId }` and its id the submission id. */
export const JUDGE_JOB = 'judge-submission';

export interface JudgeJobData {
  submissionId: string;
}

/** Retry policy of judge jobs. */
export interface QueuePolicy {
  /** Runs before a platform fault fails the submission. @defaultValue 3 */
  attempts: number;
  /** First retry delay, doubled each time. @defaultValue 5000 */
  backoffMs: number;
}

/**
 * The producer side of the queue. `jobId` = submission id makes enqueueing
 * idempotent: a second `enqueue` of a waiting or running submission is a no-op.
 */
export class SubmissionQueue {
  readonly queue: Queue;
  private readonly connection: Redis;

  constructor(redisUrl: string, private readonly policy: QueuePolicy) {
    // Fails fast when Redis is down (no offline queue): the submission is in
    // Postgres already and the sweeper enqueues it once Redis is back.
    this.connection = createRedis(redisUrl);
    this.queue = new Queue(QUEUE_NAME, { connection: this.connection });
    this.queue.on('error', () => undefined); // connection errors surface on the calls that fail
  }

  async enqueue(submissionId: string): Promise<void> {
    await this.queue.add(JUDGE_JOB, { submissionId } satisfies JudgeJobData, {
      jobId: submissionId,
      attempts: this.policy.attempts,
      backoff: { type: 'exponential', delay: this.policy.backoffMs },
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 86_400 },
    });
  }

  /** State of the submission's job, or 'missing' when Redis has none. */
  async jobState(submissionId: string): Promise<JobState | 'unknown' | 'missing'> {
    const job = await this.queue.getJob(submissionId);
    return job ? await job.getState() : 'missing';
  }

  /** Removes a finished (completed/failed) job so the id can be enqueued again. */
  async removeJob(submissionId: string): Promise<void> {
    await this.queue.remove(submissionId);
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}
