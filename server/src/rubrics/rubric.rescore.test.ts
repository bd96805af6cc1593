import { RubricSchema, type CheckResult, type Rubric } from '@assay/shared';
import { loadChallenge } from '../challenges/challenge.loader';
import { runTrials, summarize, type Trial } from '../challenges/judge/judge.trials';
import { mergeChecks, trialMetrics, verdictOf } from '../challenges/judge/judge.verdict';
import type { SandboxRunResult } from '../sandbox/sandbox.types';
import { score } from '../scoring/score';
import { rescore, scoreReferenceOf, scoringInputOf } from './rubric.rescore';

const MiB = 1024 * 1024;

/** A deterministic pseudo-random stream, so every run of this test sees the same trials. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * A judgement as the judge makes it: the real `runTrials` (with invalid
 * measurements re-run, so the history repeats indices), the real
 * `trialMetrics`, and the scorer over the pairs it kept; returned beside
 * what is stored of it (the history's summaries and the merged checks).
 */
function judge(rubric: Rubric, metric: string, seed: number, opts: { trials: number; retryEvery: number; wrongFrom?: number }) {
  const rand = rng(seed);
  let calls = 0;
  const runTrial = async (role: 'reference' | 'candidate', index: number): Promise<Trial> => {
    calls++;
    const wrong = role === 'candidate' && opts.wrongFrom !== undefined && index >= opts.wrongFrom;
    const run = {
      outcome: 'EXITED', exitCode: 0, signal: null,
      stdout: { text: '', bytes: 0, truncated: false }, stderr: { text: '', bytes: 0, truncated: false },
      measurements: { peakRssBytes: (60 + rand() * 200) * MiB, baselineRssBytes: 40 * MiB, wallMs: 500 + rand() * 3000, cpuMs: 400 + rand() * 2000, memoryMethod: 'test' },
      limits: { memoryBytes: 512 * MiB, wallTimeMs: 60_000 },
    } as unknown as SandboxRunResult;
    const checks: CheckResult[] = [{ name: 'totals', passed: !wrong }, { name: 'order', passed: rand() > 0.2 }];
    const evaluation = { checks, metrics: { [metric]: (role === 'reference' ? 400 : 100 + rand() * 500) * MiB, latencyP99Ms: 1 + rand() * 20 }, ...(calls % opts.retryEvery === 0 && { retry: 'generator lagged' }) };
    return { role, index, run, evaluation, verdict: verdictOf('batch', run, evaluation) };
  };
  return runTrials({ trials: opts.trials, paired: true, maxRetries: 10, runTrial, progress: () => undefined }).then((outcome) => {
    if ('internalError' in outcome) throw new Error(outcome.internalError);
    const candidates = outcome.pairs.map((p) => p.candidate);
    const checks = mergeChecks(candidates.map((t) => t.evaluation?.checks ?? []));
    const judged = score(
      {
        candidate: candidates.map((t) => trialMetrics(t.run, t.verdict.verdict, t.evaluation)),
        reference: outcome.pairs.flatMap((p) => (p.reference ? [trialMetrics(p.reference.run, p.reference.verdict.verdict, p.reference.evaluation)] : [])),
        checks,
      },
      rubric,
    );
    return { judged, stored: { trials: outcome.history.map(summarize), checks } };
  });
}

describe('re-scoring stored runs', () => {
  const streamLog = loadChallenge('stream-log').rubric;
  const metric = streamLog.dimensions.find((d) => d.basis === 'relative')!.metric;

  it('reproduces the stored total, level and every dimension exactly under the version that scored it', async () => {
    let retried = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { judged, stored } = await judge(streamLog, metric, seed, { trials: 3, retryEvery: 3 + (seed % 4), wrongFrom: seed % 5 === 0 ? 1 : undefined });
      if (stored.trials.length > 6) retried++;
      const again = rescore(stored.trials, stored.checks, streamLog)!;
      expect(again).toEqual(judged);
    }
    expect(retried).toBeGreaterThan(10); // the histories did repeat indices
  });

  it('keeps the last trial of each index and role (the pair the judge kept)', () => {
    const t = (role: 'reference' | 'candidate', index: number, x: number) => ({ role, index, verdict: 'ACCEPTED' as const, outcome: 'EXITED', wallMs: 1, peakRssBytes: 1, metrics: { x } });
    const input = scoringInputOf([t('reference', 0, 1), t('candidate', 0, 2), t('reference', 0, 3), t('candidate', 0, 4), t('reference', 1, 5), t('candidate', 1, 6)], []);
    expect(input.reference).toEqual([{ x: 3 }, { x: 5 }]);
    expect(input.candidate).toEqual([{ x: 4 }, { x: 6 }]);
  });

  it('scores a changed rubric from the same measurements, and the reference anchor at 1× on relative dimensions', async () => {
    const { stored } = await judge(streamLog, metric, 7, { trials: 3, retryEvery: 100 });
    const draft = RubricSchema.parse({ ...streamLog, version: streamLog.version + 1, levels: [{ level: 'junior', minTotal: 0 }, { level: 'mid', minTotal: 99.5 }] });
    const before = rescore(stored.trials, stored.checks, streamLog)!;
    const after = rescore(stored.trials, stored.checks, draft)!;
    expect(after.total).toBe(before.total);
    expect(after.rubricVersion).toBe(`stream-log@${streamLog.version + 1}`);
    const reference = scoreReferenceOf(stored.trials, streamLog)!;
    expect(reference.dimensions.find((d) => d.basis === 'relative')!.value).toBe(1);
    expect(rescore([], [], streamLog)).toBeNull();
  });
});
