import path from 'node:path';
import { CheckResultSchema, LatencySummarySchema, TrialMetricsSchema } from '@assay/shared';
import { z } from 'zod';
import { repoRoot } from '../../platform/paths';
import { LOADGEN_CONTAINER_PATH, loadgenHostPath } from '../../sandbox/loadgen/loadgen.sidecar';
import type { SandboxRunResult, SidecarSpec } from '../../sandbox/sandbox.types';
import type { ChallengeHarness, TrialEvaluation, TrialPlan } from '../challenge.types';
import { exitMessage } from '../judge/judge.verdict';

/** The port every server challenge listens on (`process.env.PORT`). */
export const SERVER_PORT = 3000;

/** Where a challenge's harness folder and the driver kit appear in the sidecar. */
export const HARNESS_CONTAINER_DIR = '/opt/assay-harness';
export const DRIVER_KIT_CONTAINER_PATH = '/opt/assay-kit/driver-kit.js';
/** The challenge's public tests/ folder, for helpers a driver shares with the visible tests (e.g. a fake upstream). */
export const TESTS_CONTAINER_DIR = '/opt/assay-tests';

export interface DriverSidecarOptions {
  /** The challenge folder; its `harness/` is mounted read-only into the sidecar only. */
  challengeDir: string;
  /** Driver file inside `harness/`, e.g. "event-loop.driver.js". */
  driver: string;
  /** Passed to the driver as ASSAY_DRIVER_OPTIONS (the port is added). */
  options: Record<string, unknown>;
  /** How long the driver may legitimately take (readiness included). */
  wallTimeMs: number;
  /** Also mount the platform's load generator (require it from LOADGEN_CONTAINER_PATH). @defaultValue false */
  loadgen?: boolean;
}

/**
 * A sidecar running a challenge driver (trusted, with the hidden harness
 * files) against the candidate's server over the shared loopback.
 */
export function driverSidecar(o: DriverSidecarOptions): SidecarSpec {
  const mounts = [
    { hostPath: path.join(o.challengeDir, 'harness'), containerPath: HARNESS_CONTAINER_DIR },
    { hostPath: path.join(o.challengeDir, 'tests'), containerPath: TESTS_CONTAINER_DIR },
    { hostPath: path.join(repoRoot(), 'server', 'src', 'challenges', 'kit', 'driver-kit.js'), containerPath: DRIVER_KIT_CONTAINER_PATH },
    ...(o.loadgen ? [{ hostPath: loadgenHostPath(), containerPath: LOADGEN_CONTAINER_PATH }] : []),
  ];
  return {
    command: ['node', `${HARNESS_CONTAINER_DIR}/${o.driver}`],
    mounts,
    env: {
      ASSAY_DRIVER_OPTIONS: JSON.stringify({ port: SERVER_PORT, ...o.options }),
      ASSAY_DRIVER_KIT: DRIVER_KIT_CONTAINER_PATH,
      ASSAY_LOADGEN: LOADGEN_CONTAINER_PATH,
      ASSAY_TESTS_DIR: TESTS_CONTAINER_DIR,
    },
    wallTimeMs: o.wallTimeMs,
  };
}

/** A server challenge's plan: `node <entry>` with PORT set, driven by a sidecar. */
export function serverPlan(sidecar: SidecarSpec, extra: Partial<TrialPlan> = {}): TrialPlan {
  const plan: TrialPlan = { env: { PORT: String(SERVER_PORT), ...extra.env }, sidecar };
  if (extra.nodeArgs) plan.nodeArgs = extra.nodeArgs;
  if (extra.mounts) plan.mounts = extra.mounts;
  return plan;
}

const DriverReportSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    checks: z.array(CheckResultSchema),
    metrics: TrialMetricsSchema.default({}),
    latency: LatencySummarySchema.optional(),
    retry: z.string().optional(),
  }),
  z.object({ status: z.literal('not-ready'), detail: z.string() }),
  z.object({ status: z.literal('error'), detail: z.string() }),
]);
export type DriverReport = z.infer<typeof DriverReportSchema>;

/** The driver's report: the last line of its stdout that parses as one. Null when there is none. */
export function parseDriverReport(stdout: string): DriverReport | null {
  const lines = stdout.trimEnd().split('\n').reverse();
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    try {
      const parsed = DriverReportSchema.safeParse(JSON.parse(line));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: keep looking
    }
  }
  return null;
}

export interface ReadDriverOptions {
  /** The server is expected to exit by itself during the run (graceful shutdown). @defaultValue false */
  exitExpected?: boolean;
}

/**
 * Turns a server run into an evaluation: the server dying mid-test or never
 * answering is the candidate's RUNTIME_ERROR; a driver that crashed or printed
 * nothing readable is a platform fault.
 */
export function readDriverReport(run: SandboxRunResult, o: ReadDriverOptions = {}): TrialEvaluation {
  const report = run.sidecar ? parseDriverReport(run.sidecar.stdout.text) : null;
  if (run.outcome === 'EXITED' && !o.exitExpected) {
    return { checks: report?.status === 'ok' ? report.checks : [], metrics: {}, verdict: 'RUNTIME_ERROR', message: `the server stopped while being tested (${exitMessage(run)})` };
  }
  if (!run.sidecar) return { checks: [], metrics: {}, internalError: 'the run had no sidecar' };
  if (!report) {
    const err = run.sidecar.stderr.text.trim().split('\n').slice(-5).join(' | ');
    const how = run.sidecar.exitCode === 137 ? 'was killed (its wall-clock limit, or memory)' : `exited with ${run.sidecar.exitCode}`;
    return { checks: [], metrics: {}, internalError: `the driver printed no report: it ${how}${err ? `; stderr: ${err.slice(0, 500)}` : ''}` };
  }
  if (report.status === 'error') return { checks: [], metrics: {}, internalError: report.detail };
  if (report.status === 'not-ready') {
    const stderr = run.stderr.text.trim().split('\n').slice(-8).join('\n');
    return { checks: [], metrics: {}, verdict: 'RUNTIME_ERROR', message: `${report.detail}${stderr ? `\nserver stderr:\n${stderr}` : ''}` };
  }
  return { checks: report.checks, metrics: report.metrics, ...(report.latency ? { latency: report.latency } : {}), ...(report.retry ? { retry: report.retry } : {}) };
}

export interface DriverHarnessDefinition<P> {
  /** Driver file inside the challenge's `harness/`. */
  driver: string;
  metrics: readonly string[];
  params: z.ZodType<P>;
  /** One line on what is measured at these params. */
  describe: (p: P) => string;
  /** The driver's options (JSON); the port is added. */
  options: (p: P) => Record<string, unknown>;
  /** How long the driver may take, readiness excluded. */
  driverMs: (p: P) => number;
  /** Extra candidate environment (e.g. UPSTREAM_URL of an upstream the driver simulates). */
  env?: Record<string, string>;
  /** Node flags / mounts for the candidate (e.g. a trusted signal hook). */
  nodeArgs?: string[];
  mounts?: TrialPlan['mounts'];
  loadgen?: boolean;
  exitExpected?: boolean;
  /** Adds checks that only the run's outcome can tell (e.g. the exit code). */
  finish?: (evaluation: TrialEvaluation, run: SandboxRunResult) => TrialEvaluation;
}

/** How long a driver waits for the server's GET /health before giving up. */
export const READY_TIMEOUT_MS = 10_000;

/** A complete harness for a server challenge whose driver does all the work. */
export function driverHarness<P>(def: DriverHarnessDefinition<P>): ChallengeHarness<P> {
  return {
    metrics: def.metrics,
    params: def.params,
    async prepare(ctx, p) {
      const sidecar = driverSidecar({
        challengeDir: ctx.challengeDir,
        driver: def.driver,
        options: { readyTimeoutMs: READY_TIMEOUT_MS, ...def.options(p) },
        loadgen: def.loadgen,
        wallTimeMs: READY_TIMEOUT_MS + def.driverMs(p) + 5_000,
      });
      return {
        description: def.describe(p),
        plan: () => serverPlan(sidecar, { env: def.env, nodeArgs: def.nodeArgs, mounts: def.mounts }),
        evaluate: (run) => {
          const evaluation = readDriverReport(run, { exitExpected: def.exitExpected });
          return def.finish && !evaluation.internalError ? def.finish(evaluation, run) : evaluation;
        },
      };
    },
  };
}
