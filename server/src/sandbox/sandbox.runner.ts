import { randomUUID } from 'node:crypto';
import type Dockerode from 'dockerode';
import type { RunMeasurements } from '@assay/shared';
import { baselineRss } from './sandbox.baseline';
import { executeRun } from './sandbox.execute';
import { DEFAULT_SANDBOX_LIMITS, resolveLimits } from './sandbox.limits';
import { buildMeasurements } from './sandbox.measurements';
import type { SandboxLimits, SandboxRunRequest, SandboxRunResult } from './sandbox.types';

const NOT_MEASURED = 'not measured (internal error)';

function internalError(runId: string, limits: SandboxLimits, message: string): SandboxRunResult {
  const empty = { text: '', bytes: 0, truncated: false };
  const measurements: RunMeasurements = {
    peakRssBytes: 0,
    baselineRssBytes: 0,
    memoryMethod: NOT_MEASURED,
    memoryTimeline: [],
    timelineMethod: NOT_MEASURED,
    wallMs: 0,
    cpuUserMs: 0,
    cpuSysMs: 0,
    cpuMs: 0,
    cpuMethod: NOT_MEASURED,
  };
  return { runId, outcome: 'INTERNAL_ERROR', exitCode: null, signal: null, stdout: empty, stderr: empty, measurements, limits, internalError: message };
}

/**
 * Runs `request.command` in a fresh hardened container of `image` and reports
 * how it ended with its measurements. Never throws: a platform fault (engine
 * down, bad limits from a challenge, missing mount) is an INTERNAL_ERROR
 * result, never blamed on the candidate.
 *
 * @param configuredLimits the operator's ceiling; the request may only lower it.
 *   @defaultValue DEFAULT_SANDBOX_LIMITS
 */
export async function runInSandbox(
  docker: Dockerode,
  image: string,
  request: SandboxRunRequest,
  configuredLimits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
): Promise<SandboxRunResult> {
  const runId = randomUUID();
  let limits: SandboxLimits;
  try {
    limits = resolveLimits(configuredLimits, request.limits);
  } catch (err) {
    return internalError(runId, configuredLimits, (err as Error).message);
  }
  if (request.command.length === 0) return internalError(runId, limits, 'The sandbox command is empty');

  let baseline: number;
  try {
    baseline = await baselineRss(docker, image, limits);
  } catch (err) {
    return internalError(runId, limits, (err as Error).message);
  }

  const run = await executeRun(docker, {
    runId,
    image,
    command: request.command,
    codeDir: request.codeDir,
    mounts: request.mounts,
    env: request.env,
    stdin: request.stdin,
    limits,
    labels: request.labels,
    sidecar: request.sidecar && {
      spec: request.sidecar,
      // Trusted platform code: the operator's limits, not the candidate's lowered ones.
      limits: { ...configuredLimits, wallTimeMs: request.sidecar.wallTimeMs ?? limits.wallTimeMs },
    },
    onSample: request.onSample,
    onOutput: request.onOutput,
    signal: request.signal,
    pool: request.pool,
    ...(request.cpus ? { cpus: request.cpus } : {}),
  });
  if (run.outcome === 'INTERNAL_ERROR') {
    return { ...internalError(runId, limits, run.internalError ?? 'unknown sandbox failure'), stdout: run.stdout, stderr: run.stderr };
  }
  return {
    runId,
    outcome: run.outcome,
    exitCode: run.exitCode,
    signal: run.signal,
    stdout: run.stdout,
    stderr: run.stderr,
    measurements: buildMeasurements(run, baseline, limits.memoryBytes),
    ...(run.sidecar ? { sidecar: run.sidecar } : {}),
    ...(run.progress !== undefined ? { progress: run.progress } : {}),
    limits,
  };
}
