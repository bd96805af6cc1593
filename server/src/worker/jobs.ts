import type { Job } from 'bullmq';
import { SIMILARITY_JOB, similarityJob, type SimilarityJobData } from '../similarity/similarity.job';
import { SWEEP_JOB, sweepStuckSubmissions } from '../sweeper/sweeper';
import { judgeJob } from '../submissions/submission.job';
import { JUDGE_JOB, type JudgeJobData } from '../submissions/submission.queue';
import { registerJob } from './job.registry';

/** Every job the worker runs, registered once when the worker module loads. */
registerJob(JUDGE_JOB, (job, ctx) => judgeJob(job as Job<JudgeJobData>, ctx));
registerJob(SWEEP_JOB, (_job, ctx) => sweepStuckSubmissions(ctx, ctx.config.sweeper.stuckAfterMs));
registerJob(SIMILARITY_JOB, (job, ctx) => similarityJob(job as Job<SimilarityJobData>, ctx));
