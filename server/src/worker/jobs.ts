import type { Job } from 'bullmq';
import { SWEEP_JOB, sweepStuckSubmissions } from '../sweeper/sweeper';
import { judgeJob } from '../submissions/submission.job';
import { JUDGE_JOB, type JudgeJobData } from '../submissions/submission.queue';
import { registerJob } from './job.registry';
import { WEBHOOK_JOB, type WebhookJobData } from '../webhooks/webhook.events';
import { deliverWebhookJob } from '../webhooks/webhook.job';

/** Every job the worker runs, registered once when the worker module loads. */
registerJob(JUDGE_JOB, (job, ctx) => judgeJob(job as Job<JudgeJobData>, ctx));
registerJob(SWEEP_JOB, (_job, ctx) => sweepStuckSubmissions(ctx, ctx.config.sweeper.stuckAfterMs));
registerJob(WEBHOOK_JOB, (job, ctx) => deliverWebhookJob(job as Job<WebhookJobData>, ctx));
