import type { Job } from 'bullmq';
import type { Platform } from '../app/platform';
import type { LivePublisher } from '../live/live.publisher';
import type { judgementBoundMs } from '../submissions/submission.bound';
import type { JudgeFn } from '../submissions/submission.judge';
import type { SubmissionQueue } from '../submissions/submission.queue';

/** The one queue every Assay job goes through. */
export const QUEUE_NAME = 'assay';

/** What a worker may be given instead of the defaults (tests run deliberately hung judges). */
export interface WorkerOptions {
  /** Judges one submission. @defaultValue judgeStoredSubmission */
  judge?: JudgeFn;
  /** How long a judgement may take before it counts as hung. @defaultValue judgementBoundMs (its runs' wall limits + margins) */
  judgementBoundMs?: typeof judgementBoundMs;
}

/** What a job handler gets besides the job: the platform and the worker's own tools. */
export interface WorkerContext extends Platform, WorkerOptions {
  /** Sandbox image tag this worker runs candidates in. */
  image: string;
  /** `<hostname>:<pid>`, recorded on the submissions this worker takes. */
  workerId: string;
  queue: SubmissionQueue;
  live: LivePublisher;
}

/** A job handler: gets the job and the worker's context. */
export type JobHandler = (job: Job, ctx: WorkerContext) => Promise<unknown>;

/**
 * Handlers by job name. Each domain registers its jobs here; the worker
 * refuses a job whose name has no handler instead of silently dropping it.
 */
export const jobHandlers = new Map<string, JobHandler>();

export function registerJob(name: string, handler: JobHandler): void {
  if (jobHandlers.has(name)) throw new Error(`Job ${name} is registered twice`);
  jobHandlers.set(name, handler);
}
