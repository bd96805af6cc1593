import type Dockerode from 'dockerode';
import { attachOutput, type AttachedOutput } from './sandbox.attach';
import { sidecarContainerSpec } from './sandbox.container-spec';
import { registerLiveContainer } from './sandbox.janitor';
import type { CapturedOutput, SandboxLimits, SidecarSpec } from './sandbox.types';

export interface RunningSidecar {
  container: Dockerode.Container;
  /** Resolves with the sidecar's exit code when it exits (by itself or killed at its own wall limit). */
  exited: Promise<number | null>;
  /** Kills the sidecar if still running and returns what it printed. */
  finish(): Promise<{ exitCode: number | null; stdout: CapturedOutput; stderr: CapturedOutput }>;
}

/**
 * Starts the sidecar in the candidate's network namespace. `created` receives
 * the container at once so the caller's cleanup removes it whatever happens next.
 */
export async function startSidecar(
  docker: Dockerode,
  input: {
    runId: string;
    image: string;
    candidateId: string;
    spec: SidecarSpec;
    limits: SandboxLimits;
    cpuset?: string;
    labels: Record<string, string>;
    created: (container: Dockerode.Container) => void;
  },
): Promise<RunningSidecar> {
  const container = await docker.createContainer(
    sidecarContainerSpec({
      runId: input.runId,
      image: input.image,
      candidateId: input.candidateId,
      command: input.spec.command,
      mounts: input.spec.mounts,
      env: input.spec.env,
      limits: input.limits,
      cpuset: input.cpuset,
      labels: input.labels,
    }),
  );
  registerLiveContainer(container.id);
  input.created(container);
  // Trusted code: its output is capped for memory's sake but overflowing it is not a verdict.
  const output: AttachedOutput = await attachOutput(container, { outputBytes: input.limits.outputBytes });
  const wait = container.wait({ condition: 'next-exit' }) as Promise<{ StatusCode: number }>;
  await container.start();
  const timer = setTimeout(() => void container.kill().catch(() => {}), input.limits.wallTimeMs);
  const exited = wait.then(
    (r) => r.StatusCode,
    () => null,
  );
  void exited.finally(() => clearTimeout(timer));

  return {
    container,
    exited,
    async finish() {
      clearTimeout(timer);
      await container.kill().catch(() => {}); // already exited: nothing to do
      const exitCode = await exited;
      await output.finished(1000);
      return { exitCode, stdout: output.stdout.result(), stderr: output.stderr.result() };
    },
  };
}
