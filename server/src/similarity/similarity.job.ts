import type { Job, Queue } from 'bullmq';
import { loadChallenge } from '../challenges/challenge.loader';
import type { WorkerContext } from '../worker/job.registry';
import { checkSimilarity } from './similarity.service';

/** Compares one final submission with the rest; its data is `{ submissionId }`. */
export const SIMILARITY_JOB = 'check-similarity';

export interface SimilarityJobData {
  submissionId: string;
  challengeSlug: string;
}

/**
 * Queued once a final submission's verdict is stored, so comparing never
 * delays a score. The job id makes a repeated enqueue of the same
 * submission a no-op while one is waiting.
 */
export async function enqueueSimilarity(queue: Queue, data: SimilarityJobData): Promise<void> {
  await queue.add(SIMILARITY_JOB, data, {
    jobId: `similarity-${data.submissionId}`,
    attempts: 3,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { age: 3600, count: 10_000 },
    removeOnFail: { age: 7 * 86_400 },
  });
}

export async function similarityJob(job: Job<SimilarityJobData>, ctx: WorkerContext): Promise<number> {
  const stored = await checkSimilarity(ctx.db, job.data.submissionId, loadChallenge(job.data.challengeSlug));
  ctx.log.info({ submissionId: job.data.submissionId, matches: stored }, 'similarity checked');
  return stored;
}
