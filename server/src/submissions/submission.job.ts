import type { Job } from 'bullmq';
import type { JudgeReport } from '@assay/shared';
import { contentHash } from '../catalog/catalog.files';
import { loadChallenge } from '../challenges/challenge.loader';
import type { LoadedChallenge } from '../challenges/challenge.types';
import type { WorkerContext } from '../worker/job.registry';
import { challengeCacheDir } from '../challenges/challenge.judge';
import type { NewSubmissionEvent } from '../live/live.log';
import { enqueueSimilarity } from '../similarity/similarity.job';
import { dockerUntil, judgementBoundMs, judgeWithinBound } from './submission.bound';
import { judgeStoredSubmission } from './submission.judge';
import { TimelineCollector } from './submission.timeline';
import type { JudgeJobData } from './submission.queue';
import { claimSubmission, findSubmission, heartbeat, setStatus } from './submission.repository';
import { storeRun, storeVerdict } from './submission.results';
import { announceStatus } from './submission.service';
import { toCandidateScore } from './submission.view';
import { finalScoreEvent, notifyWebhook } from '../webhooks/webhook.events';

/** How often a running job tells Postgres it is alive (the sweeper's signal). */
const HEARTBEAT_MS = 5_000;

const challenges = new Map<string, { challenge: LoadedChallenge; hash: string }>();
/** Challenges are loaded once per worker process: their folders only change with a deployment. */
function challengeFor(slug: string): { challenge: LoadedChallenge; hash: string } {
  let entry = challenges.get(slug);
  if (!entry) {
    const challenge = loadChallenge(slug);
    entry = { challenge, hash: contentHash(challenge.dir) };
    challenges.set(slug, entry);
  }
  return entry;
}

/** Thrown to make BullMQ retry the job with backoff after a platform fault. */
class PlatformFault extends Error {
  override name = 'PlatformFault';
}

/**
 * Judges one submission: queued → running → scoring → done, or back to
 * queued for a retry after a platform fault (failed once retries run out).
 * Idempotent: a finished submission is never judged again, so a duplicate or
 * re-delivered job (a worker died mid-run) is safe.
 */
export async function judgeJob(job: Job<JudgeJobData>, ctx: WorkerContext): Promise<string> {
  const { db, live, log } = ctx;
  const id = job.data.submissionId;
  const sub = await findSubmission(db, id);
  if (!sub) return 'missing';
  const claimed = await claimSubmission(db, id, ctx.workerId);
  if (!claimed) return 'already finished';
  const attempt = claimed.attempts;
  await live.resetAttempt(id);
  await announceStatus(live, sub, 'running', { attempt });

  const timeline = new TimelineCollector();
  const beat = setInterval(() => void heartbeat(db, id).catch(() => undefined), HEARTBEAT_MS);
  let report: JudgeReport;
  let loaded: { challenge: LoadedChallenge; hash: string } | undefined;
  try {
    const { challenge } = (loaded = challengeFor(sub.challenge_slug));
    const scale = ctx.config.judgeScale;
    const judge = ctx.judge ?? judgeStoredSubmission;
    // A judgement past its bound is hung (a harness that never returns, an engine that stopped
    // answering): it is aborted and retried as a platform fault instead of holding the submission.
    report = await judgeWithinBound(
      (signal, clock) => {
        // After an abort the old judgement may still call back: nothing of it reaches the candidate.
        const publish = (event: NewSubmissionEvent) => {
          if (!signal.aborted) void live.submission(id, event);
        };
        return judge({
          docker: dockerUntil(ctx.docker, signal),
          image: ctx.image,
          challenge,
          submissionId: id,
          kind: sub.kind,
          files: sub.files,
          scale,
          cacheDir: challengeCacheDir(ctx.config.dataDir),
          operatorLimits: ctx.config.sandboxLimits,
          signal,
          onLeaseQueue: () => clock.pause(),
          listener: {
            onTest: (test) => publish({ type: 'test', test }),
            onSample: (role, trial, sample) => {
              if (signal.aborted) return;
              if (role === 'candidate') timeline.add(trial, sample);
              publish({ type: 'sample', role, trial, sample });
            },
            onProgress: (message) => publish({ type: 'progress', message }),
          },
        });
      },
      { boundMs: (ctx.judgementBoundMs ?? judgementBoundMs)(challenge, sub.kind, scale), docker: ctx.docker, submissionId: id, challenge: challenge.slug, scale },
    );
  } catch (err) {
    // The challenge could not be loaded on this worker: the platform's fault, never the candidate's.
    report = { challenge: sub.challenge_slug, scale: ctx.config.judgeScale, verdict: 'INTERNAL_ERROR', score: null, measurements: null, tests: [], checks: [], trials: [], message: (err as Error).message };
  } finally {
    clearInterval(beat);
  }

  if (report.verdict === 'INTERNAL_ERROR') {
    await storeRun(db, id, attempt, report, loaded?.hash ?? null);
    const retriesLeft = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    log.warn({ submissionId: id, attempt, retriesLeft, reason: report.message }, 'platform fault while judging');
    if (retriesLeft) {
      await setStatus(db, id, 'queued', { message: null });
      await announceStatus(live, sub, 'queued', { attempt, message: 'A platform problem interrupted the run; it will be retried automatically.' });
      throw new PlatformFault(report.message ?? 'platform fault');
    }
    const message = 'The platform could not judge this submission. The team has been notified; it is not held against you.';
    await setStatus(db, id, 'failed', { verdict: 'INTERNAL_ERROR', message, finished: true });
    await announceStatus(live, sub, 'failed', { attempt, verdict: 'INTERNAL_ERROR', message });
    return 'failed';
  }

  await setStatus(db, id, 'scoring');
  await announceStatus(live, sub, 'scoring', { attempt });
  const latency = report.measurements?.latency;
  if (latency) await live.submission(id, { type: 'latency', role: 'candidate', trial: 0, latency });
  const { run, scored } = await storeVerdict(db, { submissionId: id, attempt, report, challenge: loaded!.challenge, contentHash: loaded!.hash }, log);
  await timeline.store(db, run.id, loaded!.challenge, ctx.config.judgeScale).catch((err: Error) => log.warn({ submissionId: id, err: err.message }, 'memory timeline not stored'));
  if (scored) {
    await live.submission(id, { type: 'score', verdict: report.verdict, score: toCandidateScore(scored) });
    await notifyWebhook(db, ctx.queue.queue, 'score.final', finalScoreEvent(db, sub, report.verdict, scored), log);
  }
  await announceStatus(live, sub, 'done', { attempt, verdict: report.verdict, message: report.message ?? null, total: scored?.total ?? null, level: scored?.level ?? null });
  if (sub.kind === 'final') {
    // Off the judging path: the score is out before any comparison runs. A lost enqueue costs a check, never a score.
    await enqueueSimilarity(ctx.queue.queue, { submissionId: id, challengeSlug: sub.challenge_slug }).catch((err: Error) => log.warn({ submissionId: id, err: err.message }, 'similarity check not queued'));
  }
  return report.verdict;
}
