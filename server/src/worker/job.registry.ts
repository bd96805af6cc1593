import type { Job } from 'bullmq';
import type { Platform } from '../app/platform';

/** The one queue every Assay job goes through. */
export const QUEUE_NAME = 'assay';

/** A job handler: gets the job and the worker's platform connections. */
export type JobHandler = (job: Job, platform: Platform) => Promise<unknown>;

/**
 * Handlers by job name. Each domain registers its jobs here; the worker
 * refuses a job whose name has no handler instead of silently dropping it.
 */
export const jobHandlers = new Map<string, JobHandler>();

export function registerJob(name: string, handler: JobHandler): void {
  if (jobHandlers.has(name)) throw new Error(`Job ${name} is registered twice`);
  jobHandlers.set(name, handler);
}
