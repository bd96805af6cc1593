import type { LatencySummary, MemorySample, RunMeasurements } from '@assay/shared';
import type { RunProgress } from './sandbox.progress';
import type { WarmPool } from './warm-pool';

/**
 * The contract between the sandbox runner and its callers (challenge judges,
 * the worker, the CLI). The runner knows nothing about challenges: it runs a
 * program in a fresh hardened container and reports what happened.
 */

/** Resource limits of one run. See `resolveLimits` for precedence. */
export interface SandboxLimits {
  /** Memory (and memory+swap) limit of the candidate container. @defaultValue 256 MiB */
  memoryBytes: number;
  /** Wall-clock limit; the whole container is killed when it passes. @defaultValue 10 000 ms */
  wallTimeMs: number;
  /** Max processes/threads in the container. @defaultValue 64 */
  pids: number;
  /** Size of the only writable place, a tmpfs at /tmp. @defaultValue 64 MiB */
  tmpfsBytes: number;
  /** Cap on each of stdout and stderr; overflow kills the run (OUTPUT_LIMIT). @defaultValue 1 MiB */
  outputBytes: number;
  /** Open file descriptors (RLIMIT_NOFILE). @defaultValue 1024 */
  nofile: number;
}

/** A read-only bind mount into a container. */
export interface SandboxMount {
  hostPath: string;
  containerPath: string;
}

/**
 * A helper program (e.g. a load generator) run in a second container that
 * shares only the candidate's loopback (`NetworkMode: container:<id>`). It is
 * trusted platform code: it may see files the candidate must not.
 */
export interface SidecarSpec {
  command: string[];
  mounts?: SandboxMount[];
  env?: Record<string, string>;
  /** Sidecar's own wall-clock limit. @defaultValue the run's wallTimeMs */
  wallTimeMs?: number;
}

export interface SandboxRunRequest {
  /** Host directory with the candidate's files, mounted read-only at /app (the working directory). */
  codeDir: string;
  /** Command run in the candidate container, e.g. ['node', 'main.js', '/data/input.log']. */
  command: string[];
  /** Extra read-only mounts for the candidate (e.g. input data). */
  mounts?: SandboxMount[];
  env?: Record<string, string>;
  /** Bytes written to the candidate's stdin, then stdin is closed. */
  stdin?: string | Buffer;
  /** Requested limits: each may only lower the configured one, never raise it. */
  limits?: Partial<SandboxLimits>;
  /**
   * A sidecar started once the candidate is running. When it exits the run
   * ends: the candidate is stopped and its outcome taken at that moment.
   */
  sidecar?: SidecarSpec;
  /** Extra labels on every container of this run (e.g. the submission id). */
  labels?: Record<string, string>;
  /** Called with each memory sample as it is taken (~every 50 ms), for live charts. */
  onSample?: (sample: MemorySample) => void;
  /**
   * Called with the candidate's stdout and stderr as they are captured, while
   * the program runs (e.g. to read test results as each test finishes). Only
   * what is kept under the `outputBytes` cap is passed on, so the chunks of a
   * stream join up to its `CapturedOutput.text` (unless the run failed on the
   * platform's side first). Decoded as UTF-8: a character cut between two
   * chunks arrives whole in the later one. A listener that throws does not
   * affect the run. The sidecar's output is not passed on.
   * @defaultValue none: the output is only in the result
   */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: string) => void;
  /**
   * CPUs to pin the candidate (and the sidecar) to, e.g. those the caller holds
   * the host's CPU lease on (cpu-lease.ts) for a timed trial.
   * @defaultValue `cpuPlan`'s for a run with a sidecar; none (unpinned) otherwise
   */
  cpus?: { candidate?: string; sidecar?: string };
  /** Aborts the run; containers are removed and the result is INTERNAL_ERROR. */
  signal?: AbortSignal;
  /**
   * Pre-started containers to take the candidate's from (warm-pool.ts), when
   * one of exactly this run's shape is waiting; otherwise it starts cold.
   * @defaultValue none: every run starts cold
   */
  pool?: WarmPool;
}

/** How the candidate's process ended, before any challenge judges its output. */
export type RunOutcome =
  | 'EXITED' // exited by itself (exitCode tells how)
  | 'TIME_LIMIT'
  | 'MEMORY_LIMIT'
  | 'OUTPUT_LIMIT'
  | 'STOPPED' // stopped by the runner because the sidecar finished (server challenges)
  | 'INTERNAL_ERROR';

export interface CapturedOutput {
  /** The head of the stream, at most `outputBytes` bytes, decoded as UTF-8. */
  text: string;
  /** Bytes the program wrote in total (may exceed what was kept). */
  bytes: number;
  truncated: boolean;
}

export interface SandboxRunResult {
  /** Id of the run (always set by runInSandbox): its containers carry the label `assay.run=<runId>`. */
  runId?: string;
  outcome: RunOutcome;
  exitCode: number | null;
  signal: string | null;
  stdout: CapturedOutput;
  stderr: CapturedOutput;
  measurements: RunMeasurements;
  sidecar?: { exitCode: number | null; stdout: CapturedOutput; stderr: CapturedOutput; latency?: LatencySummary };
  limits: SandboxLimits;
  /**
   * For TIME_LIMIT: the program's read bytes and CPU just before it was stopped
   * (see sandbox.progress.ts), so a judge can measure a slow program by what it
   * consumed. Null when the host's /proc could not be read.
   */
  progress?: RunProgress | null;
  /** For INTERNAL_ERROR: what went wrong on the platform side (never shown to candidates). */
  internalError?: string;
}
