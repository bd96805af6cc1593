import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JudgeReport, MemorySample, Scale, TestResult } from '@assay/shared';
import { judgeSubmission } from '../challenges/challenge.judge';
import type { LoadedChallenge } from '../challenges/challenge.types';
import { limitCeiling, withinCeiling } from '../challenges/judge/judge.limits';
import { runVisibleTests, VISIBLE_TEST_LIMITS } from '../challenges/judge/judge.tests';
import { SolutionError } from '../challenges/judge/judge.workspace';
import type Dockerode from 'dockerode';
import { runInSandbox } from '../sandbox/sandbox.runner';
import type { SandboxLimits } from '../sandbox/sandbox.types';

/** What the judge tells the worker while it runs, for live events. */
export interface JudgeListener {
  onTest(test: TestResult): void;
  onSample(role: 'reference' | 'candidate', trial: number, sample: MemorySample): void;
  onProgress(message: string): void;
}

export interface JudgeInput {
  docker: Dockerode;
  image: string;
  challenge: LoadedChallenge;
  submissionId: string;
  kind: 'test' | 'final';
  files: Record<string, string>;
  scale: Scale;
  /** Persistent cache of generated challenge inputs (reused across judgements). */
  cacheDir: string;
  /** The operator's configured sandbox limits (SANDBOX_* variables). @defaultValue none */
  operatorLimits?: Partial<SandboxLimits>;
  listener: JudgeListener;
  /** Aborts the judgement: the run under way is killed and nothing more starts. */
  signal?: AbortSignal;
  /** See JudgeOptions.onLeaseQueue: the worker stops the hung-judgement clock while a pair queues. @defaultValue none */
  onLeaseQueue?: () => () => void;
}

/** The judge a worker runs (replaceable in a worker's options, e.g. by a deliberately hung one in tests). */
export type JudgeFn = (input: JudgeInput) => Promise<JudgeReport>;

/** Writes a solution's files where the sandbox user can read them. Paths were validated at the API. */
function writeSolution(dir: string, files: Record<string, string>): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    if (!file.startsWith(dir + path.sep)) throw new SolutionError(`${rel}: not a path inside the solution`);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    fs.writeFileSync(file, content, { mode: 0o644 });
  }
}

const report = (challenge: string, scale: Scale, rest: Pick<JudgeReport, 'verdict' | 'tests'> & Partial<Pick<JudgeReport, 'output' | 'message'>>): JudgeReport => ({
  challenge, scale, score: null, measurements: null, checks: [], trials: [], ...rest,
});

/**
 * Judges a stored submission. The visible tests run first (each result goes
 * to the listener as soon as that test finishes, once); a `test` submission
 * stops there, a `final` one goes on to the scored trials. Never throws for
 * the candidate's faults; a platform fault is an INTERNAL_ERROR report.
 */
export async function judgeStoredSubmission(input: JudgeInput): Promise<JudgeReport> {
  const { challenge, scale, listener } = input;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `assay-sub-${input.submissionId}-`));
  fs.chmodSync(workDir, 0o755);
  const labels = { 'assay.submission': input.submissionId };
  try {
    const solutionDir = path.join(workDir, 'solution');
    writeSolution(solutionDir, input.files);

    listener.onProgress('running the visible tests');
    const ceiling = limitCeiling([VISIBLE_TEST_LIMITS], input.operatorLimits);
    const visible = await runVisibleTests(
      challenge, solutionDir, workDir,
      (req) => runInSandbox(input.docker, input.image, { ...req, labels, signal: input.signal }, ceiling),
      withinCeiling(VISIBLE_TEST_LIMITS, ceiling),
      (test) => listener.onTest(test),
    );
    if (visible.internalError) return report(challenge.slug, scale, { verdict: 'INTERNAL_ERROR', tests: [], message: `visible tests: ${visible.internalError}` });
    const failed = visible.tests.find((t) => !t.passed && !t.skipped);
    const testsOutput = visible.output ? [visible.output] : [];

    if (input.kind === 'test') {
      return report(challenge.slug, scale, {
        verdict: failed ? 'WRONG_ANSWER' : 'ACCEPTED',
        tests: visible.tests,
        output: testsOutput,
        ...(failed && { message: `${failed.name}: ${failed.message ?? 'failed'}` }),
      });
    }

    const lastSample = new Map<string, number>();
    const judged = await judgeSubmission({
      docker: input.docker,
      image: input.image,
      challenge,
      solutionDir,
      scale,
      cacheDir: input.cacheDir,
      operatorLimits: input.operatorLimits,
      skipTests: true,
      labels,
      signal: input.signal,
      onLeaseQueue: input.onLeaseQueue,
      onProgress: (p) => listener.onProgress(p.message),
      onSample: (sample, trial) => {
        // One sample per 250 ms per trial is plenty for a chart and keeps the live log small.
        const key = `${trial.role}:${trial.index}`;
        if (sample.tMs - (lastSample.get(key) ?? -Infinity) < 250) return;
        lastSample.set(key, sample.tMs);
        listener.onSample(trial.role, trial.index, sample);
      },
    });
    return { ...judged, tests: visible.tests, output: [...testsOutput, ...(judged.output ?? [])] };
  } catch (err) {
    // Worker paths mean nothing to the candidate (and are none of their business).
    if (err instanceof SolutionError) return report(challenge.slug, scale, { verdict: 'RUNTIME_ERROR', tests: [], message: err.message.replaceAll(workDir, '').replace(/^\/solution:?\s*/, '') });
    return report(challenge.slug, scale, { verdict: 'INTERNAL_ERROR', tests: [], message: `judge failed: ${(err as Error).message}` });
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
