import type { Job } from 'bullmq';
import { DRAFTS_JOB, type DraftsJobData } from '../deadline/deadline.schedule';
import { submitAllDueDrafts, submitLastDrafts } from '../deadline/deadline.service';
import { SIMILARITY_JOB, similarityJob, type SimilarityJobData } from '../similarity/similarity.job';
import { SWEEP_JOB, sweepStuckSubmissions } from '../sweeper/sweeper';
import { judgeJob } from '../submissions/submission.job';
import { JUDGE_JOB, type JudgeJobData } from '../submissions/submission.queue';
import { registerJob } from './job.registry';
import { WEBHOOK_JOB, type WebhookJobData } from '../webhooks/webhook.events';
import { deliverWebhookJob } from '../webhooks/webhook.job';

/** Every job the worker runs, registered once when the worker module loads. */
registerJob(JUDGE_JOB, (job, ctx) => judgeJob(job as Job<JudgeJobData>, ctx));
registerJob(DRAFTS_JOB, async (job, ctx) => (await submitLastDrafts(ctx, (job.data as DraftsJobData).invitationId, ctx.config.deadlineGraceMs, 'deadline')).length);
// The sweep is also the safety net of the deadline's delayed jobs: the claim in
// Postgres makes whichever comes first submit the drafts, exactly once.
registerJob(SWEEP_JOB, async (_job, ctx) => ({
  ...(await sweepStuckSubmissions(ctx, ctx.config.sweeper.stuckAfterMs)),
  draftsSubmitted: await submitAllDueDrafts(ctx, ctx.config.deadlineGraceMs),
}));
registerJob(SIMILARITY_JOB, (job, ctx) => similarityJob(job as Job<SimilarityJobData>, ctx));
registerJob(WEBHOOK_JOB, (job, ctx) => deliverWebhookJob(job as Job<WebhookJobData>, ctx));
