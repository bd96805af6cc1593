import type { SandboxLimits } from './sandbox.types';

const MiB = 1024 * 1024;

/** The limits a run gets when neither the configuration nor the request says otherwise. */
export const DEFAULT_SANDBOX_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  memoryBytes: 256 * MiB,
  wallTimeMs: 10_000,
  pids: 64,
  tmpfsBytes: 64 * MiB,
  outputBytes: 1 * MiB,
  nofile: 1024,
});

/** The smallest value of each limit the engine and Node can work with. */
const MINIMUM: Readonly<SandboxLimits> = {
  memoryBytes: 16 * MiB, // below ~16 MiB Node cannot start
  wallTimeMs: 100,
  pids: 8, // tini + node + node's own threads
  tmpfsBytes: 64 * 1024,
  outputBytes: 1024,
  nofile: 64,
};

/** A limit that is not a whole number, too small, or a raise above the configured one. */
export class SandboxLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxLimitError';
  }
}

const LIMIT_NAMES = Object.keys(DEFAULT_SANDBOX_LIMITS) as Array<keyof SandboxLimits>;

/**
 * The limits of one run. Precedence, written down once:
 *  1. `configured` (the operator's ceiling, DEFAULT_SANDBOX_LIMITS unless configured);
 *  2. `requested` (a challenge or caller) may LOWER any of them, never raise:
 *     a raise is an error "cannot exceed the configured limit", not a silent clamp,
 *     so a challenge that needs more than an operator allows fails loudly.
 * Throws SandboxLimitError on a raise or on a value that is not a whole number at
 * least the minimum the engine and Node need.
 */
export function resolveLimits(
  configured: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
  requested: Partial<SandboxLimits> = {},
): SandboxLimits {
  const resolved = { ...configured };
  for (const name of LIMIT_NAMES) {
    check(name, configured[name], 'configured');
    const wanted = requested[name];
    if (wanted === undefined) continue;
    check(name, wanted, 'requested');
    if (wanted > configured[name]) {
      throw new SandboxLimitError(`Requested ${name} ${wanted} cannot exceed the configured limit ${configured[name]}`);
    }
    resolved[name] = wanted;
  }
  for (const key of Object.keys(requested)) {
    if (!LIMIT_NAMES.includes(key as keyof SandboxLimits)) throw new SandboxLimitError(`Unknown sandbox limit "${key}"`);
  }
  return resolved;
}

function check(name: keyof SandboxLimits, value: number, origin: string): void {
  if (!Number.isSafeInteger(value) || value < MINIMUM[name]) {
    throw new SandboxLimitError(`The ${origin} ${name} must be a whole number of at least ${MINIMUM[name]} (got ${value})`);
  }
}
