import type Dockerode from 'dockerode';
import type { MemorySample } from '@assay/shared';
import { attachOutput } from './sandbox.attach';
import { cpuPlan, engineTime, isNotRunning, signalName } from './sandbox.engine';
import { candidateContainerSpec } from './sandbox.container-spec';
import { ownerLabels, registerLiveContainer, removeInBackground } from './sandbox.janitor';
import { ProbeChannel, type ProbeReport } from './sandbox.probe-channel';
import { type KillReason, RunLifecycle } from './sandbox.run-state';
import { MemorySampler } from './sandbox.sampler';
import { readProgress, type RunProgress } from './sandbox.progress';
import { startSidecar, type RunningSidecar } from './sandbox.sidecar';
import type { CapturedOutput, RunOutcome, SandboxLimits, SandboxMount, SidecarSpec } from './sandbox.types';
import type { WarmPool } from './warm-pool';

/** How long past the wall limit we wait for the engine before calling the run an internal error. */
const ENGINE_GRACE_MS = 30_000;
/** How long we wait for the last output bytes after the container exited. */
const OUTPUT_DRAIN_MS = 2_000;

export interface ExecuteInput {
  runId: string;
  image: string;
  command: string[];
  codeDir?: string;
  mounts?: SandboxMount[];
  env?: Record<string, string>;
  stdin?: string | Buffer;
  limits: SandboxLimits;
  labels?: Record<string, string>;
  sidecar?: { spec: SidecarSpec; limits: SandboxLimits };
  onSample?: (sample: MemorySample) => void;
  /** The candidate's output as it is captured (see SandboxRunRequest.onOutput). */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: string) => void;
  signal?: AbortSignal;
  /** CPUs to pin to (see SandboxRunRequest.cpus). */
  cpus?: { candidate?: string; sidecar?: string };
  /** Pre-started containers (warm-pool.ts): the candidate's is taken from here when one of this exact shape waits. */
  pool?: WarmPool;
}

/** What one container run produced, before measurements are put together. */
export interface ExecuteOutput {
  outcome: RunOutcome;
  exitCode: number | null;
  signal: string | null;
  stdout: CapturedOutput;
  stderr: CapturedOutput;
  probeReports: ProbeReport[];
  timeline: MemorySample[];
  timelineMethod: string;
  /** Largest per-process RSS high-water mark sampled from the host (0 if not sampled). */
  sampledHwmBytes: number;
  /** Container CPU from the last cgroup sample (all processes, host side), if sampled. */
  cgroupCpu: { userMs: number; sysMs: number } | null;
  wallMs: number;
  sidecar?: { exitCode: number | null; stdout: CapturedOutput; stderr: CapturedOutput };
  /** For TIME_LIMIT: how far the program had got when it was stopped (null when /proc was not readable). */
  progress?: RunProgress | null;
  internalError?: string;
}

const EMPTY_OUTPUT: CapturedOutput = { text: '', bytes: 0, truncated: false };

/**
 * Runs one program in a fresh container (never reused) and reports how it
 * ended. Never throws: engine failures come back as INTERNAL_ERROR. Every
 * container it creates is force-removed, starting in `finally`, in the
 * background (settleRemovals awaits it; the janitor takes what the engine refused).
 */
export async function executeRun(docker: Dockerode, input: ExecuteInput): Promise<ExecuteOutput> {
  const life = new RunLifecycle();
  const created: Dockerode.Container[] = [];
  const timers: NodeJS.Timeout[] = [];
  let probe: ProbeChannel | undefined;
  let sampler: MemorySampler | undefined;
  let sidecar: RunningSidecar | undefined;
  let sidecarSkipped: string | undefined;
  let stdout = EMPTY_OUTPUT;
  let stderr = EMPTY_OUTPUT;
  const labels = { ...input.labels, ...ownerLabels() };
  const onAbort = () => void killFor('INTERNAL_ERROR', 'the run was aborted');
  let killFor: (reason: KillReason, detail?: string) => Promise<void> = async () => {};
  let hostPid = 0;
  let startedAt = 0;
  let progress: RunProgress | null | undefined;
  // The counters are read before the kill: after it, the processes and their /proc entries are gone.
  const timeLimit = () => {
    if (progress === undefined) progress = readProgress(hostPid, startedAt);
    return killFor('TIME_LIMIT');
  };

  try {
    if (input.signal?.aborted) throw new Error('the run was aborted before it started');
    const cpus = input.cpus ?? (input.sidecar ? await cpuPlan(docker) : {});
    // Warm pool hook: a pooled container comes already created and started, with its own probe FIFO.
    const warm = input.pool?.take({
      image: input.image,
      command: input.command,
      env: input.env,
      mounts: input.mounts,
      limits: input.limits,
      cpuset: cpus.candidate,
      openStdin: input.stdin !== undefined,
    });
    probe = warm?.probe ?? (await ProbeChannel.open(input.runId));
    const container = warm?.container ?? await docker.createContainer(
      candidateContainerSpec({
        runId: input.runId,
        image: input.image,
        command: input.command,
        codeDir: input.codeDir,
        mounts: input.mounts,
        env: input.env,
        limits: input.limits,
        probeFifo: probe.hostPath,
        cpuset: cpus.candidate,
        openStdin: input.stdin !== undefined,
        labels,
      }),
    );
    registerLiveContainer(container.id);
    created.push(container);
    life.to('CREATED');

    killFor = async (reason, detail) => {
      if (!life.decideKill(reason, detail)) return;
      try {
        await container.kill();
      } catch (err) {
        if (isNotRunning(err)) life.withdrawKill(); // it had ended by itself
      }
    };
    const output = await attachOutput(container, {
      outputBytes: input.limits.outputBytes,
      stdin: input.stdin,
      onOverflow: () => void killFor('OUTPUT_LIMIT'),
      onOutput: input.onOutput,
    });
    const exited = warm?.exited ?? (container.wait({ condition: 'next-exit' }) as Promise<{ StatusCode: number }>);
    exited.catch(() => {}); // observed below; avoid an unhandled rejection if start fails first
    // Warm pool hook: a pooled container is already running; releasing its gate starts the program.
    const releasedAt = warm ? await warm.release(input.codeDir) : undefined;
    if (!warm) await container.start();
    startedAt = releasedAt ?? Date.now();
    life.to('STARTED');
    output.sendStdin();
    timers.push(setTimeout(() => void timeLimit(), input.limits.wallTimeMs));
    input.signal?.addEventListener('abort', onAbort);

    hostPid = (await container.inspect()).State.Pid;
    const channel = probe;
    sampler = new MemorySampler(startedAt, (s) => input.onSample?.(s), () => channel.drain());
    void sampler.start(docker, container.id, hostPid).catch(() => {});

    if (input.sidecar) {
      try {
        sidecar = await startSidecar(docker, {
          runId: input.runId,
          image: input.image,
          candidateId: container.id,
          spec: input.sidecar.spec,
          limits: input.sidecar.limits,
          cpuset: cpus.sidecar,
          labels,
          created: (c) => created.push(c),
        });
        // The sidecar finishing ends the run: the candidate (a server) would otherwise run to its time limit.
        void sidecar.exited.then(() => killFor('STOPPED'));
      } catch (err) {
        // A candidate that died at once leaves no network namespace to join: its own outcome stands.
        if ((await container.inspect()).State.Running) throw err;
        sidecarSkipped = `not started: the candidate had already exited (${(err as Error).message})`;
      }
    }

    const engineHang = new Promise<never>((_, reject) =>
      timers.push(setTimeout(() => reject(new Error('the engine did not report the container exit')), input.limits.wallTimeMs + ENGINE_GRACE_MS)),
    );
    await Promise.race([exited, engineHang]);
    life.to(life.killReason ? 'KILLED' : 'EXITED');
    sampler.stop();
    await output.finished(OUTPUT_DRAIN_MS);
    stdout = output.stdout.result();
    stderr = output.stderr.result();
    probe.drain();
    const state = (await container.inspect()).State;
    const sidecarResult = sidecar
      ? await sidecar.finish()
      : sidecarSkipped
        ? { exitCode: null, stdout: EMPTY_OUTPUT, stderr: { text: sidecarSkipped, bytes: 0, truncated: false } }
        : undefined;
    life.to('COLLECTED');

    const main = probe.reports.find((r) => r.startPpid <= 1);
    const code = state.ExitCode;
    // tini exits 128+n when the program died of signal n; the probe tells that apart from a real exit(128+n).
    const bySignal = life.killReason !== null || (code > 128 && main?.exitCode !== code);
    let outcome: RunOutcome = life.killReason ?? 'EXITED';
    // The engine's flag, or the cgroup's own oom_kill count (memory.events on v2, memory.oom_control on v1)
    // for a kill the engine missed, such as a child process's on some cgroup v2 engines.
    if (!life.killReason && (state.OOMKilled || sampler.oomKills > 0)) outcome = 'MEMORY_LIMIT';
    // V8 aborts at its heap limit (derived from the memory limit) before the kernel's OOM killer acts.
    if (outcome === 'EXITED' && code === 134 && /JavaScript heap out of memory/.test(stderr.text)) outcome = 'MEMORY_LIMIT';
    const wallMs = engineTime(state.FinishedAt) - (releasedAt ?? engineTime(state.StartedAt));

    return {
      outcome,
      exitCode: bySignal ? null : code,
      signal: bySignal ? (life.killReason ? 'SIGKILL' : signalName(code)) : null,
      stdout,
      stderr,
      probeReports: probe.reports,
      timeline: sampler.timeline,
      timelineMethod: sampler.method,
      sampledHwmBytes: sampler.peakHwmBytes,
      cgroupCpu: sampler.lastCpu,
      wallMs: Number.isFinite(wallMs) && wallMs >= 0 ? wallMs : Date.now() - startedAt,
      sidecar: sidecarResult,
      ...(outcome === 'TIME_LIMIT' ? { progress: progress ?? null } : {}),
      ...(life.killReason === 'INTERNAL_ERROR' ? { internalError: life.killDetail } : {}),
    };
  } catch (err) {
    return {
      outcome: 'INTERNAL_ERROR',
      exitCode: null,
      signal: null,
      stdout,
      stderr,
      probeReports: [],
      timeline: sampler?.timeline ?? [],
      timelineMethod: sampler?.method ?? 'not sampled',
      sampledHwmBytes: 0,
      cgroupCpu: null,
      wallMs: 0,
      internalError: `Sandbox run ${input.runId} failed in state ${life.state}: ${(err as Error).message}`,
    };
  } finally {
    timers.forEach(clearTimeout);
    input.signal?.removeEventListener('abort', onAbort);
    sampler?.stop();
    // Started here whatever happened, but the result does not wait for it (see removeInBackground).
    const channel = probe;
    removeInBackground(
      docker,
      created.map((c) => c.id),
      async () => channel?.close(),
    );
  }
}
