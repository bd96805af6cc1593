import os from 'node:os';
import type Dockerode from 'dockerode';

/** Small facts about the Docker Engine's answers, shared by the run steps. */

/** The engine's "already stopped / not there" answers to kill and remove. */
export function isNotRunning(err: unknown): boolean {
  const status = (err as { statusCode?: number }).statusCode;
  return status === 409 || status === 304 || status === 404;
}

/** The signal a 128+n exit status stands for (tini's convention), e.g. 137 → SIGKILL. */
export function signalName(code: number): string | null {
  const n = code - 128;
  const entry = Object.entries(os.constants.signals).find(([, v]) => v === n);
  return entry ? entry[0] : null;
}

/** Engine timestamps ("2026-11-21T07:29:00.123456789Z") to ms; Date.parse wants at most 3 decimals. */
export function engineTime(iso: string): number {
  return Date.parse(iso.replace(/(\.\d{3})\d+/, '$1'));
}

let cpuCount: Promise<number> | undefined;
/** Candidate on CPU 1, sidecar on CPU 0, when the engine has two CPUs or more (else no pinning). */
export async function cpuPlan(docker: Dockerode): Promise<{ candidate?: string; sidecar?: string }> {
  cpuCount ??= docker.info().then((i: { NCPU?: number }) => i.NCPU ?? 1, () => 1);
  return (await cpuCount) >= 2 ? { candidate: '1', sidecar: '0' } : {};
}

/** The name of the host's CPU lease over a plan's CPUs ("0-1"; "all" when nothing is pinned). */
export function leaseName(cpus: { candidate?: string; sidecar?: string }): string {
  const set = [cpus.sidecar, cpus.candidate].filter((c): c is string => c !== undefined).sort();
  return set.length ? set.join('-') : 'all';
}
