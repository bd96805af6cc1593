import type Dockerode from 'dockerode';
import type { JudgeReport, Scale } from '@assay/shared';
import type { LoadedChallenge } from '../challenges/challenge.types';
import { judgeLimits } from '../challenges/judge/judge.limits';
import { VISIBLE_TEST_LIMITS } from '../challenges/judge/judge.tests';
import { DEFAULT_SANDBOX_LIMITS } from '../sandbox/sandbox.limits';

/** Runs a trial may be repeated when its measurement is invalid (judgeSubmission's default `maxRetries`). */
const TRIAL_RETRIES = 3;
/** What a run may take beyond its wall limit before the runner itself gives up on the engine (ENGINE_GRACE_MS) plus start/removal. */
const PER_RUN_SLACK_MS = 40_000;
/** Preparing inputs (generated once, then cached), writing the solution, scoring. */
const JUDGEMENT_MARGIN_MS = 120_000;

/**
 * The longest a healthy judgement of this submission can take: every sandbox
 * run it may make, each at its wall limit (plus the runner's own slack), and
 * a margin for preparing inputs. Visible tests first; a final then may run a
 * correctness run on a complete smaller input (harnesses whose trials only
 * measure) and `trials` (+ retries) trials, reference and candidate when the
 * rubric compares them. A server challenge's candidate limit is raised to its
 * load generator's when that is longer; the manifest's wall limit covers the
 * load generators that ship today. Time spent queueing for the CPU lease is
 * not part of it (judgeWithinBound pauses its clock meanwhile).
 */
export function judgementBoundMs(challenge: LoadedChallenge, kind: 'test' | 'final', scale: Scale): number {
  const visible = (VISIBLE_TEST_LIMITS.wallTimeMs ?? DEFAULT_SANDBOX_LIMITS.wallTimeMs) + PER_RUN_SLACK_MS;
  if (kind === 'test') return visible + JUDGEMENT_MARGIN_MS;
  const spec = challenge.manifest.scales[scale];
  const paired = challenge.rubric.dimensions.some((d) => d.basis === 'relative');
  const correctnessRun = 1;
  const runs = correctnessRun + (spec.trials + TRIAL_RETRIES) * (paired ? 2 : 1);
  return visible + runs * (judgeLimits(spec.limits).wallTimeMs + PER_RUN_SLACK_MS) + JUDGEMENT_MARGIN_MS;
}

/**
 * A Docker client that refuses to create containers once `signal` aborted:
 * a judgement that ran past its bound may still be running code (a harness
 * that never returns), and must not start new sandboxes beside the retry.
 */
export function dockerUntil(docker: Dockerode, signal: AbortSignal): Dockerode {
  return new Proxy(docker, {
    get(target, prop) {
      if (prop === 'createContainer') {
        return (...args: Parameters<Dockerode['createContainer']>) =>
          signal.aborted ? Promise.reject(new Error('the judgement was aborted')) : target.createContainer(...args);
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Force-removes every container of a submission's judgement (they carry its `assay.submission` label). */
export async function removeJudgementContainers(docker: Dockerode, submissionId: string): Promise<number> {
  const found = await docker.listContainers({ all: true, filters: { label: [`assay.submission=${submissionId}`] } });
  await Promise.all(found.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  return found.length;
}

/**
 * The bound's clock, which the judgement may stop while it waits for
 * something that is not its own work (its turn on the host's CPU lease:
 * another judgement's timed trials can hold it for minutes).
 */
export interface BoundClock {
  /** Stops the clock until the returned function is called (nested pauses stack). */
  pause(): () => void;
}

/**
 * Waits for the judgement, at most `boundMs` of its own running time (the
 * clock stops while `run` has paused it). Past it the judgement is
 * aborted, its containers are removed and an INTERNAL_ERROR report comes
 * back: a platform fault (retried, never the candidate's verdict), since a
 * healthy judgement always ends within its bound whatever the code does.
 */
export async function judgeWithinBound(
  run: (signal: AbortSignal, clock: BoundClock) => Promise<JudgeReport>,
  opts: { boundMs: number; docker: Dockerode; submissionId: string; challenge: string; scale: Scale },
): Promise<JudgeReport> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let resolveOverrun!: (v: 'overrun') => void;
  const overrun = new Promise<'overrun'>((resolve) => (resolveOverrun = resolve));
  let remainingMs = opts.boundMs;
  let runningSince = Date.now();
  let pauses = 0;
  const arm = () => {
    runningSince = Date.now();
    timer = setTimeout(() => resolveOverrun('overrun'), remainingMs);
  };
  const clock: BoundClock = {
    pause() {
      if (pauses++ === 0) {
        clearTimeout(timer);
        remainingMs = Math.max(0, remainingMs - (Date.now() - runningSince));
      }
      let resumed = false;
      return () => {
        if (resumed) return;
        resumed = true;
        if (--pauses === 0 && !controller.signal.aborted) arm();
      };
    },
  };
  arm();
  const judged = run(controller.signal, clock);
  try {
    const first = await Promise.race([judged, overrun]);
    if (first !== 'overrun') return first;
  } finally {
    clearTimeout(timer);
  }
  controller.abort();
  judged.catch(() => undefined); // it may still settle, or never: nobody waits for it any more
  const removed = await removeJudgementContainers(opts.docker, opts.submissionId).catch(() => 0);
  return {
    challenge: opts.challenge, scale: opts.scale, verdict: 'INTERNAL_ERROR', score: null, measurements: null, tests: [], checks: [], trials: [],
    message: `the judgement ran past its bound of ${Math.round(opts.boundMs / 1000)} s and was aborted (${removed} container(s) removed)`,
  };
}
