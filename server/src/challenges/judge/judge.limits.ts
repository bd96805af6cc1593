import type { ChallengeLimits } from '@assay/shared';
import { DEFAULT_SANDBOX_LIMITS } from '../../sandbox/sandbox.limits';
import type { SandboxLimits } from '../../sandbox/sandbox.types';

const MiB = 1024 * 1024;

/** A challenge's limits at one scale (human units) as sandbox limits; what it leaves out keeps the default. */
export function judgeLimits(limits: ChallengeLimits): SandboxLimits {
  const d = DEFAULT_SANDBOX_LIMITS;
  return {
    memoryBytes: limits.memoryMiB !== undefined ? limits.memoryMiB * MiB : d.memoryBytes,
    wallTimeMs: limits.wallTimeSec !== undefined ? Math.round(limits.wallTimeSec * 1000) : d.wallTimeMs,
    pids: limits.pids ?? d.pids,
    tmpfsBytes: limits.tmpfsMiB !== undefined ? limits.tmpfsMiB * MiB : d.tmpfsBytes,
    outputBytes: limits.outputKiB !== undefined ? limits.outputKiB * 1024 : d.outputBytes,
    nofile: limits.nofile ?? d.nofile,
  };
}

/**
 * The ceiling a judgement runs under. Precedence, per limit:
 * 1. the operator's configured limit (SANDBOX_* variables), where set: a
 *    challenge asking for more fails loudly (INTERNAL_ERROR naming the limit);
 * 2. otherwise the largest of the platform defaults and what is requested
 *    (challenges are trusted content the operator installed).
 * A candidate never gets a say: requests from submissions can only lower it.
 */
export function limitCeiling(requests: Array<Partial<SandboxLimits>>, operator: Partial<SandboxLimits> = {}): SandboxLimits {
  const ceiling: SandboxLimits = { ...DEFAULT_SANDBOX_LIMITS };
  for (const key of Object.keys(ceiling) as Array<keyof SandboxLimits>) {
    for (const r of requests) {
      const v = r[key];
      if (v !== undefined && v > ceiling[key]) ceiling[key] = v;
    }
    const configured = operator[key];
    if (configured !== undefined) ceiling[key] = configured;
  }
  return ceiling;
}

/**
 * Limits the platform asks for on its own behalf (e.g. generous ones for the
 * visible tests), kept under the ceiling: they are a convenience, so they
 * yield to the operator instead of failing the run.
 */
export function withinCeiling(requested: Partial<SandboxLimits>, ceiling: SandboxLimits): Partial<SandboxLimits> {
  const out: Partial<SandboxLimits> = {};
  for (const key of Object.keys(requested) as Array<keyof SandboxLimits>) {
    const v = requested[key];
    if (v !== undefined) out[key] = Math.min(v, ceiling[key]);
  }
  return out;
}
