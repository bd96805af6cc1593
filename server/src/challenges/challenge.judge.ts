import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Dockerode from 'dockerode';
import type { CheckResult, JudgeReport, MemorySample, ProgramOutput, Scale, TestResult, TrialMetrics, Verdict } from '@assay/shared';
import { loadConfig } from '../app/config';
import { hostCpuLease, withLease, type CpuLease } from '../sandbox/cpu-lease';
import { cpuPlan, leaseName } from '../sandbox/sandbox.engine';
import { runInSandbox } from '../sandbox/sandbox.runner';
import type { SandboxLimits, SandboxRunRequest } from '../sandbox/sandbox.types';
import { score } from '../scoring/score';
import type { LoadedChallenge, PreparedJudgement, TrialEvaluation, TrialPlan } from './challenge.types';
import { judgeLimits, limitCeiling, withinCeiling } from './judge/judge.limits';
import { candidateTrialOutputs } from './judge/judge.output';
import { buildReport } from './judge/judge.report';
import { runVisibleTests, VISIBLE_TEST_LIMITS } from './judge/judge.tests';
import { runTrials, summarize, type Role, type Trial, type TrialsOutcome } from './judge/judge.trials';
import { mergeChecks, shouldEvaluate, trialMetrics, verdictOf } from './judge/judge.verdict';
import { stageSolution } from './judge/judge.workspace';

/** How much longer than its sidecar a server may run before the candidate's own wall limit applies. */
const SIDECAR_MARGIN_MS = 10_000;

export type { Role } from './judge/judge.trials';

/** Where generated challenge inputs are cached under Assay's data dir (reused across judgements). */
export function challengeCacheDir(dataDir: string): string {
  return path.join(dataDir, 'cache', 'challenges');
}

export interface JudgeProgress {
  phase: 'prepare' | 'tests' | 'trials' | 'done';
  /** Steps done out of `total` (prepare, tests, then each reference and candidate trial). */
  done: number;
  total: number;
  message: string;
}

export interface JudgeOptions {
  docker: Dockerode;
  /** Sandbox image tag (from `ensureSandboxImage`). */
  image: string;
  challenge: LoadedChallenge;
  /** The solution: a folder holding the entry file, or a single file used as the entry. */
  solutionDir: string;
  scale: Scale;
  onProgress?: (progress: JudgeProgress) => void;
  /** Memory samples of candidate trials, for live charts. */
  onSample?: (sample: MemorySample, trial: { role: Role; index: number }) => void;
  /** The whole ceiling on sandbox limits, as is (tests and tools). @defaultValue `limitCeiling(challenge's, operatorLimits)` */
  configuredLimits?: SandboxLimits;
  /** The operator's configured limits (SANDBOX_* variables); see `limitCeiling` for precedence. @defaultValue none */
  operatorLimits?: Partial<SandboxLimits>;
  /** Persistent cache of generated inputs (see `challengeCacheDir`). @defaultValue <os tmpdir>/assay-challenge-cache */
  cacheDir?: string;
  /** Skip the visible tests (e.g. when only the score is wanted). @defaultValue false */
  skipTests?: boolean;
  /**
   * Re-runs of a trial pair whose measurement the harness called invalid (or whose reference
   * failed); past them the judgement is an INTERNAL_ERROR, never a score of noise. @defaultValue 3
   */
  maxRetries?: number;
  labels?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * The host's lease on the CPUs timed trials are pinned to: each trial pair
   * (reference + candidate, with their load generators) runs holding it, so
   * concurrent judgements queue for those CPUs instead of disturbing each
   * other; visible tests and correctness runs do not take it. `null`: no lease.
   * @defaultValue the host's lease under `<ASSAY_DATA_DIR>/locks` (see cpu-lease.ts)
   */
  cpuLease?: CpuLease | null;
  /** Told how long each pair queued for the CPU lease (benchmarks). @defaultValue none */
  onLeaseWait?: (waitedMs: number) => void;
  /**
   * Called when a trial pair starts queueing for the CPU lease; the function it
   * returns is called (possibly more than once) when the wait is over, so a
   * caller bounding the judgement's time can leave the queueing out. @defaultValue none
   */
  onLeaseQueue?: () => () => void;
}

/**
 * Judges one solution of a challenge at a scale: visible tests, then trial
 * pairs (reference, then candidate) so relative metrics compare runs made at
 * the same moment, then the pure scorer. Never throws for the candidate's
 * faults (they are verdicts); platform faults give an INTERNAL_ERROR report.
 * @throws SolutionError when the solution cannot be staged (no entry file, too large).
 */
export async function judgeSubmission(options: JudgeOptions): Promise<JudgeReport> {
  const { challenge, scale, onProgress } = options;
  const spec = challenge.manifest.scales[scale];
  // Same-run calibration only matters for relative thresholds; without them the reference is not rerun.
  const paired = challenge.rubric.dimensions.some((d) => d.basis === 'relative');
  let total = 1 + (options.skipTests ? 0 : 1) + spec.trials * (paired ? 2 : 1);
  let done = 0;
  const progress = (phase: JudgeProgress['phase'], message: string, step = false) => {
    if (step) done++;
    onProgress?.({ phase, done, total, message });
  };

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `assay-judge-${challenge.slug}-`));
  try {
    const candidateDir = path.join(workDir, 'candidate');
    const referenceDir = path.join(workDir, 'reference');
    stageSolution(options.solutionDir, challenge.manifest.entry, candidateDir);
    stageSolution(challenge.solutions.reference, challenge.manifest.entry, referenceDir);

    progress('prepare', `preparing ${challenge.slug} (${scale}): ${spec.description}`);
    let prepared: PreparedJudgement;
    try {
      prepared = await challenge.harness.prepare(
        {
          slug: challenge.slug,
          challengeDir: challenge.dir,
          scale,
          spec,
          cacheDir: options.cacheDir ?? path.join(os.tmpdir(), 'assay-challenge-cache'),
          workDir,
          onProgress: (message) => progress('prepare', message),
        },
        challenge.harness.params.parse(spec.params),
      );
    } catch (err) {
      return internal(options, `the harness could not prepare the inputs: ${(err as Error).message}`);
    }
    progress('prepare', prepared.description, true);

    // A server run lasts as long as its driver: the candidate's wall limit is only a safety net
    // behind the sidecar's, never what ends a healthy run on a slow machine.
    const sidecarMs = prepared.plan().sidecar?.wallTimeMs ?? 0;
    const requested = judgeLimits(spec.limits);
    if (sidecarMs) requested.wallTimeMs = Math.max(requested.wallTimeMs, sidecarMs + SIDECAR_MARGIN_MS);
    const ceiling = options.configuredLimits ?? limitCeiling([requested, VISIBLE_TEST_LIMITS], options.operatorLimits);
    const sandbox = (request: SandboxRunRequest) => runInSandbox(options.docker, options.image, { ...request, labels: options.labels, signal: options.signal }, ceiling);

    let tests: TestResult[] = [];
    let testsOutput: ProgramOutput[] = [];
    if (!options.skipTests) {
      progress('tests', 'running the visible tests');
      const visible = await runVisibleTests(challenge, candidateDir, workDir, sandbox, withinCeiling(VISIBLE_TEST_LIMITS, ceiling));
      if (visible.internalError) return internal(options, `visible tests: ${visible.internalError}`);
      tests = visible.tests;
      testsOutput = visible.output ? [visible.output] : [];
      progress('tests', `visible tests: ${tests.filter((t) => t.passed).length}/${tests.length} passed`, true);
    }

    // Timed trials run on the leased CPUs: the candidate on one, its sidecar (load generator) on the other.
    const cpus = await cpuPlan(options.docker);
    const lease = options.cpuLease === undefined ? hostCpuLease(path.join(loadConfig().dataDir, 'locks'), leaseName(cpus)) : options.cpuLease;
    const runOnce = async (role: Role, index: number, plan: TrialPlan, evaluate: PreparedJudgement['evaluate'], timed = true): Promise<Trial> => {
      const run = await sandbox({
        ...(timed && lease ? { cpus: plan.sidecar ? cpus : { candidate: cpus.candidate } } : {}),
        codeDir: role === 'reference' ? referenceDir : candidateDir,
        command: ['node', ...(plan.nodeArgs ?? []), challenge.manifest.entry, ...(plan.args ?? [])],
        mounts: plan.mounts,
        env: plan.env,
        stdin: plan.stdin,
        limits: requested,
        sidecar: plan.sidecar,
        onSample: role === 'candidate' && options.onSample ? (s) => options.onSample!(s, { role, index }) : undefined,
      });
      let evaluation: TrialEvaluation | null = null;
      if (shouldEvaluate(challenge.manifest.kind, run, plan)) {
        try {
          evaluation = await evaluate(run);
        } catch (err) {
          evaluation = { checks: [], metrics: {}, internalError: `the harness failed to evaluate the run: ${(err as Error).message}` };
        }
      }
      return { role, index, run, evaluation, verdict: verdictOf(challenge.manifest.kind, run, evaluation) };
    };
    const runTrial = (role: Role, index: number) => runOnce(role, index, prepared.plan(), (run) => prepared.evaluate(run));

    // Correctness on a complete smaller input first, when the trials only measure (they may stop at a time cap).
    let correctnessTrial: Trial | null = null;
    if (prepared.correctness) {
      const c = prepared.correctness;
      total++;
      progress('trials', `correctness: ${c.description}`);
      correctnessTrial = await runOnce('candidate', 0, c.plan(), (run) => c.evaluate(run), false);
      if (correctnessTrial.verdict.verdict === 'INTERNAL_ERROR') {
        return { ...internal(options, correctnessTrial.verdict.internalError ?? 'the correctness run failed on the platform side', [correctnessTrial]), output: [...testsOutput, ...candidateTrialOutputs([correctnessTrial])] };
      }
      progress('trials', `correctness: ${correctnessTrial.verdict.verdict}`, true);
    }

    const outcome: TrialsOutcome = correctnessTrial && correctnessTrial.verdict.verdict !== 'ACCEPTED'
      ? { pairs: [{ reference: null, candidate: correctnessTrial }], history: [correctnessTrial] } // its verdict stands: measuring would only repeat it
      : await runTrials({
      trials: spec.trials,
      paired,
      maxRetries: options.maxRetries ?? 3,
      runTrial,
      exclusive: (pair) => {
        const served = lease ? options.onLeaseQueue?.() : undefined;
        return withLease(
          lease,
          pair,
          (waited) => {
            served?.();
            options.onLeaseWait?.(waited);
            if (waited >= 1000) progress('trials', `waited ${(waited / 1000).toFixed(1)} s for the CPU lease (${lease!.cpus}): another judgement was timing`);
          },
          options.signal,
        ).finally(() => served?.());
      },
      progress: (message, step, extraSteps = 0) => {
        total += extraSteps;
        progress('trials', message, step);
      },
    });
    if (correctnessTrial && outcome.history[0] !== correctnessTrial) outcome.history.unshift(correctnessTrial);
    if ('internalError' in outcome) return { ...internal(options, outcome.internalError, outcome.history), output: [...testsOutput, ...candidateTrialOutputs(outcome.history)] };
    const { pairs, history } = outcome;

    const candidates = pairs.map((p) => p.candidate);
    const checks: CheckResult[] = mergeChecks([correctnessTrial, ...candidates].map((t) => t?.evaluation?.checks ?? []));
    const failing = candidates.find((t) => t.verdict.verdict !== 'ACCEPTED');
    const verdict: Verdict = failing?.verdict.verdict ?? 'ACCEPTED';
    if (failing && verdict !== 'WRONG_ANSWER') {
      // Name the failure among the checks, so the correctness line says why it scored nothing.
      const why = failing.verdict.message?.split('\n')[0];
      checks.unshift({ name: 'the run completed', passed: false, detail: why ? `${verdict}: ${why}` : verdict });
    }
    const result = score(
      {
        candidate: foldCorrectness(
          candidates.map((t) => trialMetrics(t.run, t.verdict.verdict, t.evaluation)),
          correctnessTrial && candidates[0] !== correctnessTrial ? trialMetrics(correctnessTrial.run, correctnessTrial.verdict.verdict, correctnessTrial.evaluation) : null,
        ),
        reference: pairs.flatMap((p) => (p.reference ? [trialMetrics(p.reference.run, p.reference.verdict.verdict, p.reference.evaluation)] : [])),
        checks,
      },
      challenge.rubric,
    );
    done = total;
    progress('done', `${verdict}: ${result.total}/100`);
    return buildReport({
      challenge: challenge.slug,
      scale,
      verdict,
      score: result,
      candidates: candidates.map((t) => ({ run: t.run, latency: t.evaluation?.latency })),
      tests,
      checks,
      trials: history.map(summarize),
      output: [...testsOutput, ...candidateTrialOutputs(history)],
      message: failing?.verdict.message,
    });
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Measured trials take their correctness from the complete correctness run
 * (the lower of the two), and their peak memory is the larger of both runs':
 * a capped trial checked nothing, and memory is the worst seen.
 */
export function foldCorrectness(trials: TrialMetrics[], correctness: TrialMetrics | null): TrialMetrics[] {
  if (!correctness) return trials;
  const worse = (a: number | null | undefined, b: number | null | undefined, pick: (x: number, y: number) => number) =>
    typeof a === 'number' && typeof b === 'number' ? pick(a, b) : (a ?? b ?? null);
  return trials.map((t) => ({
    ...t,
    correctness: worse(t.correctness, correctness.correctness, Math.min),
    peakRssBytes: worse(t.peakRssBytes, correctness.peakRssBytes, Math.max),
    peakRssOverBaselineBytes: worse(t.peakRssOverBaselineBytes, correctness.peakRssOverBaselineBytes, Math.max),
  }));
}

/** A platform fault: no score, the reason kept for operators (the worker retries these). */
function internal(options: JudgeOptions, reason: string, history: Trial[] = []): JudgeReport {
  return {
    challenge: options.challenge.slug,
    scale: options.scale,
    verdict: 'INTERNAL_ERROR',
    score: null,
    measurements: null,
    tests: [],
    checks: [],
    trials: history.map(summarize),
    message: reason,
  };
}
