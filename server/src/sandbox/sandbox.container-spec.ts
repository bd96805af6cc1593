import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Dockerode from 'dockerode';
import { PROBE_PATH, SANDBOX_GID, SANDBOX_UID } from './image/image.constants';
import { PROBE_FIFO_CONTAINER_PATH } from './sandbox.probe-channel';
import type { SandboxLimits, SandboxMount } from './sandbox.types';

/** Labels every sandbox container carries; the janitor finds orphans by them. */
export const SANDBOX_LABEL = 'assay.sandbox';
export const RUN_LABEL = 'assay.run';
export const ROLE_LABEL = 'assay.role';
export const OWNER_LABEL = 'assay.owner';

export interface CandidateSpecInput {
  runId: string;
  image: string;
  command: string[];
  /** Host directory mounted read-only at /app. Absent for the baseline run (an empty /app). */
  codeDir?: string;
  mounts?: SandboxMount[];
  env?: Record<string, string>;
  limits: SandboxLimits;
  /** Host path of the run's probe FIFO. */
  probeFifo: string;
  /** CPUs the candidate may run on (e.g. "1"), or undefined for any. */
  cpuset?: string;
  openStdin: boolean;
  labels: Record<string, string>;
}

/** Hardening shared by the candidate and the sidecar: no privilege, no writable disk, no devices. */
function hardenedHostConfig(limits: SandboxLimits, mounts: Dockerode.MountConfig, cpuset?: string): Dockerode.HostConfig {
  return {
    Memory: limits.memoryBytes,
    MemorySwap: limits.memoryBytes, // equal to Memory: no swap, so the limit is real memory
    PidsLimit: limits.pids,
    ...(cpuset ? { CpusetCpus: cpuset } : {}),
    ReadonlyRootfs: true,
    // The only writable place. Counted in the memory cgroup (shmem), so it cannot exceed the memory limit either.
    Tmpfs: { '/tmp': `rw,nosuid,nodev,size=${limits.tmpfsBytes},mode=1777` },
    Mounts: mounts,
    CapDrop: ['ALL'],
    SecurityOpt: ['no-new-privileges'],
    Privileged: false,
    // No /dev/shm: a second, unaccounted writable place otherwise.
    IpcMode: 'none',
    Ulimits: [
      { Name: 'nofile', Soft: limits.nofile, Hard: limits.nofile },
      { Name: 'core', Soft: 0, Hard: 0 },
    ],
    // tini as PID 1: reaps orphans and gives the program normal signal semantics (PID 1 ignores SIGTERM).
    Init: true,
    // Output is read through attach; the json-file driver would also copy gigabytes of it onto the host's disk.
    LogConfig: { Type: 'none', Config: {} },
    // Under host memory pressure, sandboxes die first.
    OomScoreAdj: 1000,
    AutoRemove: false,
  };
}

/** `localhost` for the container's own loopback, and nothing else. */
export const SANDBOX_ETC_HOSTS = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n';

let etcHostsFile: string | undefined;

/**
 * The engine writes /etc/hosts only for containers it networks; ours are not
 * (see NetworkDisabled below), so the runner mounts its own. It is written
 * under the temp dir like the run directories, because the engine's host must
 * see the same path (a worker in a container shares its TMPDIR with the host).
 */
function etcHostsMount(): SandboxMount {
  if (!etcHostsFile || !fs.existsSync(etcHostsFile)) {
    const dir = path.join(os.tmpdir(), 'assay-sandbox');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, 'etc-hosts');
    // Written aside and renamed: workers on the same host never see a half-written file.
    const partial = `${file}.${process.pid}`;
    fs.writeFileSync(partial, SANDBOX_ETC_HOSTS, { mode: 0o644 });
    fs.renameSync(partial, file);
    etcHostsFile = file;
  }
  return { hostPath: etcHostsFile, containerPath: '/etc/hosts' };
}

function readOnlyMounts(mounts: SandboxMount[]): Dockerode.MountConfig {
  return mounts.map((m) => ({ Type: 'bind' as const, Source: m.hostPath, Target: m.containerPath, ReadOnly: true }));
}

/**
 * The candidate's container: no network at all, a non-root user, the code
 * read-only at /app, the probe preloaded into every Node process.
 */
export function candidateContainerSpec(input: CandidateSpecInput): Dockerode.ContainerCreateOptions {
  const { env = {}, limits } = input;
  const mounts = readOnlyMounts([
    ...(input.codeDir ? [{ hostPath: input.codeDir, containerPath: '/app' }] : []),
    ...(input.mounts ?? []),
    { hostPath: input.probeFifo, containerPath: PROBE_FIFO_CONTAINER_PATH },
    etcHostsMount(),
  ]);
  // The probe goes first so the candidate's own NODE_OPTIONS still apply (and cannot drop it for the main process).
  const nodeOptions = [`--require ${PROBE_PATH}`, env.NODE_OPTIONS].filter(Boolean).join(' ');
  return {
    Image: input.image,
    Cmd: input.command,
    WorkingDir: '/app',
    User: `${SANDBOX_UID}:${SANDBOX_GID}`,
    Hostname: 'sandbox',
    Env: Object.entries({ HOME: '/tmp', ...env, NODE_OPTIONS: nodeOptions }).map(([k, v]) => `${k}=${v}`),
    Labels: { ...input.labels, [SANDBOX_LABEL]: '1', [RUN_LABEL]: input.runId, [ROLE_LABEL]: 'candidate' },
    Tty: false,
    AttachStdin: input.openStdin,
    OpenStdin: input.openStdin,
    StdinOnce: input.openStdin,
    AttachStdout: true,
    AttachStderr: true,
    // The engine leaves networking alone: runc gives the container a new network namespace with
    // only `lo` (up), which a sidecar can still join. NetworkMode none instead has libnetwork build
    // a sandbox for the same result, with a prestart hook that re-executes dockerd: about half of
    // a cold start's engine time on the 2-core box (README.md, "Container start cost").
    NetworkDisabled: true,
    HostConfig: { ...hardenedHostConfig(limits, mounts, input.cpuset), NetworkMode: 'none' },
  };
}

export interface SidecarSpecInput {
  runId: string;
  image: string;
  candidateId: string;
  command: string[];
  mounts?: SandboxMount[];
  env?: Record<string, string>;
  limits: SandboxLimits;
  cpuset?: string;
  labels: Record<string, string>;
}

/**
 * A trusted helper (e.g. the load generator) sharing ONLY the candidate's
 * network namespace: it reaches the candidate on 127.0.0.1 and nothing else.
 * It has its own mounts, which the candidate cannot see.
 */
export function sidecarContainerSpec(input: SidecarSpecInput): Dockerode.ContainerCreateOptions {
  return {
    Image: input.image,
    Cmd: input.command,
    WorkingDir: '/tmp',
    User: `${SANDBOX_UID}:${SANDBOX_GID}`,
    Env: Object.entries({ HOME: '/tmp', ...input.env }).map(([k, v]) => `${k}=${v}`),
    Labels: { ...input.labels, [SANDBOX_LABEL]: '1', [RUN_LABEL]: input.runId, [ROLE_LABEL]: 'sidecar' },
    Tty: false,
    AttachStdout: true,
    AttachStderr: true,
    HostConfig: {
      ...hardenedHostConfig(input.limits, readOnlyMounts([...(input.mounts ?? []), etcHostsMount()]), input.cpuset),
      NetworkMode: `container:${input.candidateId}`,
    },
  };
}
