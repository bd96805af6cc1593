import path from 'node:path';
import { repoRoot } from '../../platform/paths';
import type { SandboxMount, SidecarSpec } from '../sandbox.types';
import { normalizeOptions, type LoadgenOptions, type ResolvedLoadgenOptions } from './loadgen.js';

/** Where the generator and an optional checker are mounted (read-only) in the sidecar. */
export const LOADGEN_CONTAINER_DIR = '/opt/assay-loadgen';
export const LOADGEN_CONTAINER_PATH = `${LOADGEN_CONTAINER_DIR}/loadgen.js`;
const CHECKER_CONTAINER_PATH = `${LOADGEN_CONTAINER_DIR}/checker.js`;

/** Host path of loadgen.js (the same file host-side tests run with `node`). */
export function loadgenHostPath(): string {
  return path.join(repoRoot(), 'server', 'src', 'sandbox', 'loadgen', 'loadgen.js');
}

/** What a challenge judge asks for: generator options, with the checker given as a host file. */
export interface LoadgenSidecarOptions extends Omit<LoadgenOptions, 'background'> {
  background?: (Omit<NonNullable<LoadgenOptions['background']>, 'checkerPath'> & {
    /** Host path of the checker (CommonJS, no npm imports); mounted read-only into the sidecar. */
    checkerHostPath?: string;
  }) | null;
  /** Extra read-only mounts for the checker's own data (e.g. expected digests). @defaultValue none */
  mounts?: SandboxMount[];
  /** Added to the generator's own expected duration for the sidecar's wall-clock limit. @defaultValue 5 000 ms */
  slackMs?: number;
}

/** How long the generator can legitimately run with these options (readiness + warm-up + window + drain). */
export function loadgenBudgetMs(options: ResolvedLoadgenOptions): number {
  const { readiness, probe } = options;
  return readiness.timeoutMs + probe.warmupMs + probe.durationMs + probe.timeoutMs;
}

/**
 * Builds the sidecar that runs loadgen.js against the candidate. Options are
 * validated here first, so a bad challenge definition fails on the host with a
 * clear LoadgenOptionsError instead of as a cryptic sidecar exit.
 */
export function buildLoadgenSidecar(options: LoadgenSidecarOptions): SidecarSpec {
  const { mounts = [], slackMs = 5_000, background, ...rest } = options;
  const sidecarMounts: SandboxMount[] = [{ hostPath: loadgenHostPath(), containerPath: LOADGEN_CONTAINER_PATH }, ...mounts];
  let generatorBackground: LoadgenOptions['background'] = background ?? null;
  if (background) {
    const { checkerHostPath, ...work } = background;
    generatorBackground = work;
    if (checkerHostPath !== undefined) {
      sidecarMounts.push({ hostPath: path.resolve(checkerHostPath), containerPath: CHECKER_CONTAINER_PATH });
      generatorBackground = { ...work, checkerPath: CHECKER_CONTAINER_PATH };
    }
  }
  const generatorOptions: LoadgenOptions = { ...rest, background: generatorBackground };
  const resolved = normalizeOptions(generatorOptions);
  return {
    command: ['node', LOADGEN_CONTAINER_PATH],
    mounts: sidecarMounts,
    env: { ASSAY_LOADGEN_OPTIONS: JSON.stringify(resolved) },
    wallTimeMs: loadgenBudgetMs(resolved) + slackMs,
  };
}
