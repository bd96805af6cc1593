import type { CheckResult, ChallengeKind, TrialMetrics, Verdict } from '@assay/shared';
import type { SandboxRunResult } from '../../sandbox/sandbox.types';
import type { TrialEvaluation, TrialPlan } from '../challenge.types';

export interface TrialVerdict {
  verdict: Verdict;
  /** For a failing verdict: what to tell the submitter (stderr tail, failed check). */
  message?: string;
  /** Platform-side detail of an INTERNAL_ERROR (never shown to candidates). */
  internalError?: string;
}

/**
 * Outcomes after which the harness reads the run; the others are verdicts by
 * themselves. A TIME_LIMIT is read too when the plan measures at its time cap.
 */
export function shouldEvaluate(kind: ChallengeKind, run: SandboxRunResult, plan: Pick<TrialPlan, 'measureAtTimeLimit'> = {}): boolean {
  if (run.outcome === 'STOPPED') return true;
  if (run.outcome === 'TIME_LIMIT') return plan.measureAtTimeLimit === true;
  if (run.outcome !== 'EXITED') return false;
  return kind === 'server' || run.exitCode === 0;
}

/**
 * Maps a run (and the harness's reading of it) to a verdict. A candidate's
 * failure is always a verdict; only platform faults are INTERNAL_ERROR.
 */
export function verdictOf(kind: ChallengeKind, run: SandboxRunResult, evaluation: TrialEvaluation | null): TrialVerdict {
  switch (run.outcome) {
    case 'INTERNAL_ERROR':
      return { verdict: 'INTERNAL_ERROR', internalError: run.internalError ?? 'sandbox failure' };
    case 'TIME_LIMIT':
      // Evaluated only when the plan measures at its time cap: the harness tells progress from none.
      if (evaluation) break;
      return { verdict: 'TIME_LIMIT', message: `killed after ${Math.round(run.limits.wallTimeMs / 1000)} s (the wall-clock limit)` };
    case 'MEMORY_LIMIT':
      return { verdict: 'MEMORY_LIMIT', message: `killed at the ${Math.round(run.limits.memoryBytes / 1048576)} MiB memory limit` };
    case 'OUTPUT_LIMIT':
      return { verdict: 'OUTPUT_LIMIT', message: `printed more than ${Math.round(run.limits.outputBytes / 1024)} KiB` };
    case 'EXITED':
      if (kind === 'batch' && run.exitCode !== 0) return { verdict: 'RUNTIME_ERROR', message: exitMessage(run) };
      break;
    case 'STOPPED':
      break;
  }
  if (!evaluation) return { verdict: 'INTERNAL_ERROR', internalError: 'the run was not evaluated' };
  if (evaluation.internalError) return { verdict: 'INTERNAL_ERROR', internalError: evaluation.internalError };
  if (evaluation.verdict) return { verdict: evaluation.verdict, message: evaluation.message ?? exitMessage(run) };
  const failed = evaluation.checks.find((c) => !c.passed);
  if (failed) return { verdict: 'WRONG_ANSWER', message: `${failed.name}: ${failed.detail ?? 'failed'}` };
  return { verdict: 'ACCEPTED' };
}

/** How the program ended, with what its stderr says: the error and the top of its stack, or the tail. */
export function exitMessage(run: SandboxRunResult): string {
  const how = run.signal ? `killed by ${run.signal}` : `exited with code ${run.exitCode}`;
  const lines = run.stderr.text.trim().split('\n');
  const error = lines.findIndex((l) => /^(?:[A-Z]\w*)?Error\b|^Uncaught\b/.test(l));
  const shown = (error >= 0 ? lines.slice(Math.max(0, error - 4), error + 4) : lines.slice(-8)).join('\n').trim();
  return shown ? `${how}:\n${shown}` : how;
}

/** The figures of one trial the rubric may score, by name. */
export function trialMetrics(run: SandboxRunResult, verdict: Verdict, evaluation: TrialEvaluation | null): TrialMetrics {
  const m = run.measurements;
  const checks = evaluation?.checks ?? [];
  const judged = verdict === 'ACCEPTED' || verdict === 'WRONG_ANSWER';
  const latency = evaluation?.latency ?? run.sidecar?.latency ?? m.latency;
  return {
    correctness: judged && checks.length ? checks.filter((c) => c.passed).length / checks.length : judged ? 1 : 0,
    peakRssBytes: m.peakRssBytes,
    peakRssOverBaselineBytes: Math.max(0, m.peakRssBytes - m.baselineRssBytes),
    wallMs: m.wallMs,
    cpuMs: m.cpuMs,
    latencyP99Ms: latency?.p99Ms ?? null,
    latencyP50Ms: latency?.p50Ms ?? null,
    // Context for reviewers (the reference's percentiles beside the candidate's); no rubric needs to score them.
    latencyP90Ms: latency?.p90Ms ?? null,
    latencyP999Ms: latency?.p999Ms ?? null,
    latencyMaxMs: latency?.maxMs ?? null,
    ...(judged ? evaluation?.metrics : Object.fromEntries(Object.keys(evaluation?.metrics ?? {}).map((k) => [k, null]))),
  };
}

/** Checks over several trials: one passes only if it passed in every trial. */
export function mergeChecks(trials: CheckResult[][]): CheckResult[] {
  const merged = new Map<string, CheckResult>();
  for (const checks of trials) {
    for (const c of checks) {
      const seen = merged.get(c.name);
      if (!seen || (seen.passed && !c.passed)) merged.set(c.name, c);
    }
  }
  return [...merged.values()];
}
