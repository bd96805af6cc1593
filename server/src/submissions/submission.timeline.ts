import type { MemorySample } from '@assay/shared';
import { judgeLimits } from '../challenges/judge/judge.limits';
import type { LoadedChallenge } from '../challenges/challenge.types';
import type { Db } from '../db/db';
import { insertRunTimeline, type TrialTimeline } from '../runs/run-timeline.repository';

/** How the review chart's samples were taken (what the judge forwards of the sandbox's sampler). */
export const TIMELINE_METHOD =
  "resident memory of the candidate container's processes, read from the host's /proc every 50 ms (page cache excluded); one sample per 250 ms kept per trial";

/**
 * Keeps the candidate's memory samples of one judgement while it runs, so
 * the run that counts can be charted later (the live log expires).
 */
export class TimelineCollector {
  private readonly trials = new Map<number, TrialTimeline['samples']>();

  add(trial: number, sample: MemorySample): void {
    let samples = this.trials.get(trial);
    if (!samples) this.trials.set(trial, (samples = []));
    samples.push({ tMs: sample.tMs, rssBytes: sample.rssBytes });
  }

  async store(db: Db, runId: string, challenge: LoadedChallenge, scale: 'quick' | 'full'): Promise<void> {
    const trials = [...this.trials].sort(([a], [b]) => a - b).map(([index, samples]) => ({ index, samples }));
    const limit = judgeLimits(challenge.manifest.scales[scale].limits).memoryBytes;
    await insertRunTimeline(db, runId, trials, limit, TIMELINE_METHOD);
  }
}
