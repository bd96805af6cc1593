import os from 'node:os';
import { UnrecoverableError, Worker } from 'bullmq';
import type { Platform } from '../app/platform';
import { LivePublisher } from '../live/live.publisher';
import { createRedis } from '../platform/redis';
import { ensureSandboxImage } from '../sandbox/image/sandbox-image';
import { removeOrphanContainers, settleRemovals } from '../sandbox/sandbox.janitor';
import { removeOrphanFifoDirs } from '../sandbox/sandbox.probe-channel';
import { SubmissionQueue } from '../submissions/submission.queue';
import { SWEEP_JOB } from '../sweeper/sweeper';
import { jobHandlers, QUEUE_NAME, type WorkerContext, type WorkerOptions } from './job.registry';
import { startEventLoopWatchdog } from './worker.watchdog';
import './jobs';

export interface RunningWorker {
  /** The sandbox image this worker runs candidates in. */
  image: string;
  close(): Promise<void>;
}

/**
 * Starts a queue worker: makes sure the sandbox image exists, removes
 * containers orphaned by an earlier crash, schedules the sweeper, then takes jobs.
 */
export async function startWorker(platform: Platform, options: WorkerOptions = {}): Promise<RunningWorker> {
  const { log, docker, config } = platform;
  const image = await ensureSandboxImage(docker, { log: (msg) => log.info(msg) });
  const removed = await removeOrphanContainers(docker);
  if (removed.length > 0) log.warn({ removed: removed.length }, 'removed sandbox containers orphaned by an earlier crash');
  const fifoDirs = await removeOrphanFifoDirs();
  if (fifoDirs.length > 0) log.info({ removed: fifoDirs.length }, 'removed probe FIFO folders left by processes that were killed');

  const queue = new SubmissionQueue(platform.redisUrl, config.jobs);
  const ctx: WorkerContext = { ...platform, ...options, image, workerId: `${os.hostname()}:${process.pid}`, queue, live: new LivePublisher(platform.redis, log, platform.db) };
  // One schedule for the whole cluster (upsert is idempotent): a sweep runs on one worker at a time.
  await queue.queue.upsertJobScheduler('sweeper', { every: config.sweeper.intervalMs }, { name: SWEEP_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } });

  const connection = createRedis(platform.redisUrl, { blocking: true });
  const worker = new Worker(
    QUEUE_NAME,
    async (job) => {
      const handler = jobHandlers.get(job.name);
      if (!handler) throw new UnrecoverableError(`No handler for job ${job.name}`);
      return handler(job, ctx);
    },
    {
      connection,
      concurrency: config.workerConcurrency,
      // A worker that dies (kill -9, host lost) stops renewing its lock; after
      // lockMs another worker's stalled check hands the job on. Twice allowed,
      // then the sweeper takes over.
      lockDuration: config.jobs.lockMs,
      stalledInterval: config.jobs.lockMs,
      maxStalledCount: 2,
    },
  );
  // Started with the first job it could take: a loop stuck in a judgement ends the process (see the watchdog).
  const watchdog = startEventLoopWatchdog(config.jobs.stallMs);
  worker.on('failed', (job, err) => log.warn({ jobId: job?.id, name: job?.name, err: err.message }, 'job failed'));
  worker.on('error', (err) => log.error({ err: err.message }, 'worker error'));
  log.info({ image, concurrency: config.workerConcurrency }, 'worker ready');
  return {
    image,
    async close() {
      await worker.close();
      await settleRemovals(); // the last runs' containers, removed after their results
      await watchdog.stop();
      await queue.close();
      connection.disconnect();
    },
  };
}
