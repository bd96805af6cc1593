import type { ChallengeManifest, CheckResult, LatencySummary, Rubric, Scale, ScaleSpec, TrialMetrics, Verdict } from '@assay/shared';
import type { z } from 'zod';
import type { SandboxMount, SandboxRunResult, SidecarSpec } from '../sandbox/sandbox.types';

/**
 * What a challenge's hidden harness (trusted platform code under
 * `challenges/<slug>/harness/`) plugs into the judge. The harness runs on the
 * worker; it may add a sidecar (e.g. a load generator) to each run, but its
 * files are never mounted into the candidate's container.
 */
export interface ChallengeHarness<P = unknown> {
  /** Metrics `evaluate` reports, so a rubric naming an unknown metric fails at load, not at scoring. */
  readonly metrics: readonly string[];
  /** Schema of the `params` of each scale in challenge.json (checked at load). */
  readonly params: z.ZodType<P>;
  /** Builds (or reuses from the cache) the inputs and expected answers of one judgement. */
  prepare(ctx: HarnessContext, params: P): Promise<PreparedJudgement>;
}

/** Declares a harness with its params type inferred from its schema. */
export function defineHarness<P>(harness: ChallengeHarness<P>): ChallengeHarness<P> {
  return harness;
}

export interface HarnessContext {
  slug: string;
  /** The challenge folder (for the harness's own files, e.g. a sidecar driver). */
  challengeDir: string;
  scale: Scale;
  spec: ScaleSpec;
  /** Persistent, content-addressed cache for generated inputs (reused across judgements). */
  cacheDir: string;
  /** Scratch folder of this judgement, removed afterwards. */
  workDir: string;
  onProgress?: (message: string) => void;
}

/** What the harness adds to a run, beyond `node <entry>` in the solution folder. Same for reference and candidate. */
export interface TrialPlan {
  /** Arguments after `node <entry>`. */
  args?: string[];
  /** Node flags before `<entry>` (e.g. a trusted `--require` hook). */
  nodeArgs?: string[];
  mounts?: SandboxMount[];
  env?: Record<string, string>;
  stdin?: string | Buffer;
  sidecar?: SidecarSpec;
  /**
   * Reaching the wall limit ends a measurement instead of failing the run: the
   * harness evaluates a TIME_LIMIT run from `run.progress` (what it had read by
   * then) and decides whether that is progress or a TIME_LIMIT. Only for runs
   * whose correctness is decided elsewhere (see `PreparedJudgement.correctness`).
   * @defaultValue false
   */
  measureAtTimeLimit?: boolean;
}

/** What the harness concluded from one run. */
export interface TrialEvaluation {
  checks: CheckResult[];
  /** Challenge-specific metrics (names listed in `ChallengeHarness.metrics`). */
  metrics: TrialMetrics;
  latency?: LatencySummary;
  /** A verdict the run's outcome alone cannot tell (e.g. the server never became ready → RUNTIME_ERROR). */
  verdict?: Exclude<Verdict, 'ACCEPTED' | 'INTERNAL_ERROR'>;
  /** Shown to the candidate with a failing verdict. */
  message?: string;
  /** The measurement says nothing about the code (e.g. the generator lagged): run the pair again. */
  retry?: string;
  /** The harness itself failed (sidecar crashed, unreadable report): a platform fault. */
  internalError?: string;
}

export interface PreparedJudgement {
  /** One line on what is measured ("256 MiB of log, 3.9 M lines, seed 1"). */
  description: string;
  plan(): TrialPlan;
  evaluate(run: SandboxRunResult): TrialEvaluation | Promise<TrialEvaluation>;
  /**
   * A complete, smaller input run once for the candidate before the trials:
   * its checks decide correctness, while the trials (which may stop at a time
   * cap, `TrialPlan.measureAtTimeLimit`) measure throughput and memory on the
   * big input. A failing verdict here is the candidate's verdict.
   * @defaultValue none: the trials decide correctness themselves
   */
  correctness?: {
    description: string;
    plan(): TrialPlan;
    evaluate(run: SandboxRunResult): TrialEvaluation | Promise<TrialEvaluation>;
  };
}

/** A challenge folder, validated. */
export interface LoadedChallenge {
  slug: string;
  dir: string;
  manifest: ChallengeManifest;
  rubric: Rubric;
  /** prompt.md, the text the candidate reads. */
  prompt: string;
  starterDir: string;
  testsDir: string;
  harnessDir: string;
  /** Solution folders: the reference, the naive ones, and the graded ones between (mid*, slow*; each with a band in the manifest). */
  solutions: { reference: string; naive: string[]; graded: string[] };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  harness: ChallengeHarness<any>;
}

/** Metrics the judge measures for every challenge, on top of the harness's own. */
export const COMMON_METRICS = ['correctness', 'peakRssBytes', 'peakRssOverBaselineBytes', 'wallMs', 'cpuMs', 'latencyP99Ms', 'latencyP50Ms'] as const;
