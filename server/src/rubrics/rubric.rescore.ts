import type { CheckResult, Rubric, Score, ScoringInput, TrialMetrics, TrialSummary } from '@assay/shared';
import { levelFor, median, score } from '../scoring/score';

/**
 * The scorer's input of a stored run, rebuilt from its trial history: the
 * judge re-runs a pair (same index) when a measurement is invalid or the
 * reference failed, so the pair it scored is the last trial of each index
 * and role. Checks are the merged ones stored with the run.
 */
export function scoringInputOf(trials: readonly TrialSummary[], checks: readonly CheckResult[]): ScoringInput {
  return { candidate: lastPerIndex(trials, 'candidate'), reference: lastPerIndex(trials, 'reference'), checks: [...checks] };
}

function lastPerIndex(trials: readonly TrialSummary[], role: TrialSummary['role']): TrialMetrics[] {
  const byIndex = new Map<number, TrialMetrics>();
  for (const t of trials) if (t.role === role) byIndex.set(t.index, t.metrics);
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, m]) => m);
}

/** Re-scores a stored run under a rubric: the same pure `score()` the worker uses, no sandbox. */
export function rescore(trials: readonly TrialSummary[], checks: readonly CheckResult[], rubric: Rubric): Score | null {
  const input = scoringInputOf(trials, checks);
  return input.candidate.length ? score(input, rubric) : null;
}

/**
 * The reference solution as a scored point: its own trials of a run scored
 * as if they were the candidate's (so relative dimensions read 1×, the
 * reference's own level). Null when the run has no reference trial (the
 * rubric in force had no relative threshold, so the judge ran none).
 */
export function scoreReferenceOf(trials: readonly TrialSummary[], rubric: Rubric): Score | null {
  const reference = lastPerIndex(trials, 'reference');
  return reference.length ? score({ candidate: reference, reference, checks: [] }, rubric) : null;
}

/** Median total of several scores and the level the rubric gives it. */
export function medianPoint(scores: readonly Score[], rubric: Rubric): { total: number; level: Score['level'] } {
  const total = Math.round(median(scores.map((s) => s.total)) * 10) / 10;
  return { total, level: levelFor(total, rubric) };
}
