import type { TrialSummary } from '@assay/shared';
import type { SandboxRunResult } from '../../sandbox/sandbox.types';
import type { TrialEvaluation } from '../challenge.types';
import { trialMetrics, type TrialVerdict } from './judge.verdict';

export type Role = 'reference' | 'candidate';

/** One sandbox run of a judgement and what was concluded from it. */
export interface Trial {
  role: Role;
  index: number;
  run: SandboxRunResult;
  evaluation: TrialEvaluation | null;
  verdict: TrialVerdict;
}

export interface TrialPair {
  /** Null when the rubric has no relative threshold (nothing to calibrate against). */
  reference: Trial | null;
  candidate: Trial;
}

export interface TrialsInput {
  trials: number;
  paired: boolean;
  maxRetries: number;
  runTrial: (role: Role, index: number) => Promise<Trial>;
  /** A step started (`step` false) or finished; `extraSteps` grows the expected total (reruns). */
  progress: (message: string, step: boolean, extraSteps?: number) => void;
  /**
   * Runs one pair (reference then candidate) holding the host's CPU lease, so
   * both are measured on CPUs no other judgement is timing on. @defaultValue runs it as is
   */
  exclusive?: <T>(pair: () => Promise<T>) => Promise<T>;
}

export type TrialsOutcome = { pairs: TrialPair[]; history: Trial[] } | { internalError: string; history: Trial[] };

/** What one attempt at a pair came to. */
type PairAttempt = { pair: TrialPair } | { again: string; steps: number; failedReference?: boolean };

/**
 * Runs the trial pairs: the reference just before the candidate, so a slow
 * moment of the machine hits both. A pair is run again when a measurement is
 * invalid (the harness says so, e.g. the load generator lagged) or the
 * reference failed; past `maxRetries` that is a platform fault, never a score
 * of the machine's noise. A failing candidate ends the trials: more would only
 * repeat its verdict.
 */
export async function runTrials(input: TrialsInput): Promise<TrialsOutcome> {
  const { trials, paired, maxRetries, runTrial, progress } = input;
  const exclusive = input.exclusive ?? (<T>(pair: () => Promise<T>) => pair());
  const pairs: TrialPair[] = [];
  const history: Trial[] = [];
  let retries = maxRetries;
  const giveUp = (why: string) => ({ internalError: `no valid measurement after ${maxRetries + 1} attempts (${why})`, history });

  const attemptPair = async (index: number, label: string): Promise<PairAttempt> => {
    let reference: Trial | null = null;
    if (paired) {
      progress(`${label}: reference`, false);
      reference = await runTrial('reference', index);
      history.push(reference);
      const failed = reference.verdict.verdict !== 'ACCEPTED';
      if (failed || reference.evaluation?.retry) {
        const why = reference.verdict.internalError ?? reference.evaluation?.retry ?? `${reference.verdict.verdict}: ${reference.verdict.message ?? ''}`;
        return { again: why, steps: 1, failedReference: failed };
      }
      progress(`${label}: reference done`, true);
    }
    progress(`${label}: candidate`, false);
    const candidate = await runTrial('candidate', index);
    history.push(candidate);
    if (candidate.evaluation?.retry) return { again: candidate.evaluation.retry, steps: paired ? 2 : 1 };
    return { pair: { reference, candidate } };
  };

  while (pairs.length < trials) {
    const index = pairs.length;
    const label = `trial ${index + 1}/${trials}`;
    const attempt = await exclusive(() => attemptPair(index, label));
    if ('again' in attempt) {
      if (retries === 0) return attempt.failedReference ? { internalError: `the reference solution failed, so nothing can be compared: ${attempt.again}`, history } : giveUp(attempt.again);
      retries--;
      const what = attempt.steps === 1 && paired ? 'reference' : 'pair';
      progress(`${label}: ${what} run again (${attempt.again.split('\n')[0]})`, true, attempt.steps);
      continue;
    }
    const { candidate } = attempt.pair;
    pairs.push(attempt.pair);
    progress(`${label}: ${candidate.verdict.verdict}`, true);
    if (candidate.verdict.verdict === 'INTERNAL_ERROR') {
      return { internalError: candidate.verdict.internalError ?? 'the candidate run failed on the platform side', history };
    }
    if (candidate.verdict.verdict !== 'ACCEPTED') break;
  }
  return { pairs, history };
}

export function summarize(t: Trial): TrialSummary {
  return {
    role: t.role,
    index: t.index,
    verdict: t.verdict.verdict,
    outcome: t.run.outcome,
    wallMs: t.run.measurements.wallMs,
    peakRssBytes: t.run.measurements.peakRssBytes,
    metrics: trialMetrics(t.run, t.verdict.verdict, t.evaluation),
  };
}
