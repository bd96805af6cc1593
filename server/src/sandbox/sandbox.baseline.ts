import { randomUUID } from 'node:crypto';
import type Dockerode from 'dockerode';
import { executeRun } from './sandbox.execute';
import { buildMeasurements } from './sandbox.measurements';
import type { SandboxLimits } from './sandbox.types';

const cache = new Map<string, Promise<number>>();

/**
 * Peak RSS of an empty Node program (`node -e 0`), measured exactly like a
 * candidate's run (same image, limits, probe). Measured once per process per
 * image + limits (V8 sizes its heap from the memory limit) and cached; a
 * failed measurement is not cached.
 */
export function baselineRss(docker: Dockerode, image: string, limits: SandboxLimits): Promise<number> {
  const key = JSON.stringify([image, limits.memoryBytes, limits.tmpfsBytes, limits.pids, limits.nofile]);
  let pending = cache.get(key);
  if (!pending) {
    pending = measure(docker, image, limits);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

async function measure(docker: Dockerode, image: string, limits: SandboxLimits): Promise<number> {
  const run = await executeRun(docker, {
    runId: randomUUID(),
    image,
    command: ['node', '-e', '0'],
    limits: { ...limits, wallTimeMs: Math.max(limits.wallTimeMs, 10_000) },
    labels: { 'assay.purpose': 'baseline' },
  });
  if (run.outcome !== 'EXITED' || run.exitCode !== 0 || !run.probeReports.some((r) => r.startPpid <= 1)) {
    throw new Error(
      `Measuring the Node baseline failed: ${run.internalError ?? `outcome ${run.outcome}, exit ${run.exitCode}, stderr ${run.stderr.text.slice(0, 500)}`}`,
    );
  }
  return buildMeasurements(run, 0, limits.memoryBytes).peakRssBytes;
}
