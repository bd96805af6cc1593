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
 * The ceiling used when the caller configures none (the CLI on an author's
 * machine): each limit is the largest of the defaults and what is requested.
 * A worker passes its operator's ceiling instead, and a challenge asking for
 * more than that fails loudly (INTERNAL_ERROR naming the limit).
 */
export function limitCeiling(requests: Array<Partial<SandboxLimits>>): SandboxLimits {
  const ceiling: SandboxLimits = { ...DEFAULT_SANDBOX_LIMITS };
  for (const r of requests) {
    for (const key of Object.keys(ceiling) as Array<keyof SandboxLimits>) {
      const v = r[key];
      if (v !== undefined && v > ceiling[key]) ceiling[key] = v;
    }
  }
  return ceiling;
}
