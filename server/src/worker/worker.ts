import { UnrecoverableError, Worker } from 'bullmq';
import type { Platform } from '../app/platform';
import { createRedis } from '../platform/redis';
import { ensureSandboxImage } from '../sandbox/image/sandbox-image';
import { removeOrphanContainers } from '../sandbox/sandbox.janitor';
import { jobHandlers, QUEUE_NAME } from './job.registry';

export interface RunningWorker {
  /** The sandbox image this worker runs candidates in. */
  image: string;
  close(): Promise<void>;
}

/**
 * Starts a queue worker: makes sure the sandbox image exists, removes
 * containers orphaned by an earlier crash, then takes jobs.
 */
export async function startWorker(platform: Platform): Promise<RunningWorker> {
  const { log, docker, config } = platform;
  const image = await ensureSandboxImage(docker, { log: (msg) => log.info(msg) });
  const removed = await removeOrphanContainers(docker);
  if (removed.length > 0) log.warn({ removed: removed.length }, 'removed sandbox containers orphaned by an earlier crash');

  const connection = createRedis(platform.redisUrl, { blocking: true });
  const worker = new Worker(
    QUEUE_NAME,
    async (job) => {
      const handler = jobHandlers.get(job.name);
      if (!handler) throw new UnrecoverableError(`No handler for job ${job.name}`);
      return handler(job, platform);
    },
    { connection, concurrency: config.workerConcurrency },
  );
  worker.on('failed', (job, err) => log.warn({ jobId: job?.id, name: job?.name, err: err.message }, 'job failed'));
  worker.on('error', (err) => log.error({ err: err.message }, 'worker error'));
  log.info({ image, concurrency: config.workerConcurrency }, 'worker ready');
  return {
    image,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
