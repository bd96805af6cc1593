import type { LatencyPercentiles, ReviewMeasurements } from '@assay/shared';
import type { Db } from '../db/db';
import { findRunTimeline } from '../runs/run-timeline.repository';
import { listRuns } from '../runs/run.repository';
import { median } from '../scoring/score';
import { TIMELINE_METHOD } from '../submissions/submission.timeline';

const METRIC_OF: Record<keyof LatencyPercentiles, string> = { p50Ms: 'latencyP50Ms', p90Ms: 'latencyP90Ms', p99Ms: 'latencyP99Ms', p999Ms: 'latencyP999Ms', maxMs: 'latencyMaxMs' };

/** Median of a metric over trials, null when no trial measured it. */
function medianOf(trials: { metrics: Record<string, number | null> }[], metric: string): number | null {
  const values = trials.map((t) => t.metrics[metric]).filter((v): v is number => typeof v === 'number');
  return values.length ? median(values) : null;
}

/**
 * The charts' data for the run that counts (the latest that is not a
 * platform fault): memory timeline with limit, Node baseline and the
 * reference's peak; latency percentiles of the candidate (its median trial,
 * as scored) beside the reference's medians from the same run.
 */
export async function reviewMeasurements(db: Db, submissionId: string): Promise<ReviewMeasurements> {
  const run = (await listRuns(db, submissionId)).filter((r) => r.verdict !== 'INTERNAL_ERROR').at(-1);
  const timeline = run ? await findRunTimeline(db, run.id) : undefined;
  const m = run?.measurements ?? null;
  const referenceTrials = (run?.trials ?? []).filter((t) => t.role === 'reference');
  const referencePeaks = referenceTrials.map((t) => t.peakRssBytes).filter((b) => b > 0);
  const lat = m?.latency;
  const reference = Object.fromEntries(Object.entries(METRIC_OF).map(([key, metric]) => [key, medianOf(referenceTrials, metric)])) as LatencyPercentiles;
  return {
    runId: run?.id ?? null,
    memory: {
      trials: timeline?.trials ?? [],
      limitBytes: timeline?.limit_bytes != null ? Number(timeline.limit_bytes) : null,
      baselineBytes: m?.baselineRssBytes ?? null,
      peakBytes: m?.peakRssBytes ?? null,
      referencePeakBytes: referencePeaks.length ? median(referencePeaks) : null,
      timelineMethod: timeline?.method ?? TIMELINE_METHOD,
      peakMethod: m?.memoryMethod ?? null,
    },
    latency: lat
      ? {
          candidate: { p50Ms: lat.p50Ms, p90Ms: lat.p90Ms, p99Ms: lat.p99Ms, p999Ms: lat.p999Ms, maxMs: lat.maxMs },
          reference: Object.values(reference).some((v) => v !== null) ? reference : null,
          method: lat.method,
          targetRps: lat.targetRps,
          errors: lat.errors,
        }
      : null,
  };
}
