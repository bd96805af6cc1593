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
}

export type TrialsOutcome = { pairs: TrialPair[]; history: Trial[] } | { internalError: string; history: Trial[] };

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
  const pairs: TrialPair[] = [];
  const history: Trial[] = [];
  let retries = maxRetries;
  const giveUp = (why: string) => ({ internalError: `no valid measurement after ${maxRetries + 1} attempts (${why})`, history });

  while (pairs.length < trials) {
    const index = pairs.length;
    const label = `trial ${index + 1}/${trials}`;
    let reference: Trial | null = null;
    if (paired) {
      progress(`${label}: reference`, false);
      reference = await runTrial('reference', index);
      history.push(reference);
      const failed = reference.verdict.verdict !== 'ACCEPTED';
      if (failed || reference.evaluation?.retry) {
        const why = reference.verdict.internalError ?? reference.evaluation?.retry ?? `${reference.verdict.verdict}: ${reference.verdict.message ?? ''}`;
        if (retries === 0) return failed ? { internalError: `the reference solution failed, so nothing can be compared: ${why}`, history } : giveUp(why);
        retries--;
        progress(`${label}: reference run again (${why.split('\n')[0]})`, true, 1);
        continue;
      }
      progress(`${label}: reference done`, true);
    }
    progress(`${label}: candidate`, false);
    const candidate = await runTrial('candidate', index);
    history.push(candidate);
    if (candidate.evaluation?.retry) {
      if (retries === 0) return giveUp(candidate.evaluation.retry);
      retries--;
      progress(`${label}: pair run again (${candidate.evaluation.retry})`, true, paired ? 2 : 1);
      continue;
    }
    pairs.push({ reference, candidate });
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
