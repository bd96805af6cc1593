import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type Dockerode from 'dockerode';
import { repoRoot } from '../platform/paths';
import { candidateContainerSpec } from './sandbox.container-spec';
import { ownerLabels, registerLiveContainer, unregisterLiveContainer } from './sandbox.janitor';
import { ProbeChannel } from './sandbox.probe-channel';
import type { SandboxLimits, SandboxMount } from './sandbox.types';

/**
 * One pooled container: created with the hardened candidate spec, started,
 * and waiting at warm-pool.gate.js (Node booted, the program not yet read).
 * Its /app is a host folder of its own, bind-mounted read-only, into which
 * the run's code is copied just before the gate opens.
 */

const GATE_HOST_PATH = () => path.join(repoRoot(), 'server', 'src', 'sandbox', 'warm-pool.gate.js');
const GATE_CONTAINER_PATH = '/opt/assay-gate/gate.js';
const GATE_FIFO_CONTAINER_PATH = '/run/assay/gate';
export const POOL_LABEL = 'assay.pool';

/** Everything fixed when a container is created: a pooled one serves only runs that agree on all of it. */
export interface WarmShape {
  image: string;
  command: string[];
  env?: Record<string, string>;
  mounts?: SandboxMount[];
  limits: SandboxLimits;
  cpuset?: string;
  openStdin: boolean;
}

/** A pooled container handed to one run; the run owns (and removes) it from then on. */
export interface WarmCandidate {
  container: Dockerode.Container;
  /** The run's probe channel; the run closes it. */
  probe: ProbeChannel;
  /** The container's exit, awaited since before it started, so none is missed. */
  exited: Promise<{ StatusCode: number }>;
  /** Copies `codeDir` into /app and opens the gate. Resolves with the release time (ms since epoch). */
  release(codeDir?: string): Promise<number>;
}

export interface Slot extends WarmCandidate {
  /** Removes a container that will never run (pool closing, or it died while waiting). */
  discard(): Promise<void>;
}

/** Longest a pooled container may take to boot Node and reach its gate. */
const GATE_TIMEOUT_MS = 15_000;

/**
 * Resolves with the write end of the gate FIFO once the gate has opened the
 * read end, i.e. Node has booted and waits. A non-blocking write-open fails
 * with ENXIO until a reader is there, so polling it is the readiness check.
 * The fd stays open until the container exits: a FIFO drops its bytes once no
 * end is open.
 */
async function gateOpened(fifo: string, exited: Promise<unknown>): Promise<number> {
  let gone = false;
  void exited.finally(() => (gone = true)).catch(() => {});
  const deadline = Date.now() + GATE_TIMEOUT_MS;
  for (;;) {
    try {
      return fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENXIO') throw err;
    }
    if (gone) throw new Error('the pooled container exited before reaching its gate');
    if (Date.now() > deadline) throw new Error(`the pooled container did not reach its gate within ${GATE_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function createSlot(docker: Dockerode, shape: WarmShape): Promise<Slot> {
  const id = `pool-${randomUUID()}`;
  const base = path.join(os.tmpdir(), 'assay-pool');
  await fs.promises.mkdir(base, { recursive: true, mode: 0o700 });
  const dir = await fs.promises.mkdtemp(path.join(base, `${id}-`));
  const appDir = path.join(dir, 'app');
  const gateFifo = path.join(dir, 'gate');
  let gateFd: number | null = null;
  let probe: ProbeChannel | undefined;
  let container: Dockerode.Container | undefined;
  const cleanup = async () => {
    if (gateFd !== null) fs.closeSync(gateFd); // the gate reads EOF and exits, if still waiting
    gateFd = null;
    await fs.promises.rm(dir, { recursive: true, force: true });
  };
  try {
    await fs.promises.mkdir(appDir, { mode: 0o755 });
    await promisify(execFile)('mkfifo', ['-m', '0644', gateFifo]);
    probe = await ProbeChannel.open(id);
    const ownOptions = shape.env?.NODE_OPTIONS;
    container = await docker.createContainer(
      candidateContainerSpec({
        runId: id,
        image: shape.image,
        command: shape.command,
        codeDir: appDir,
        mounts: [
          ...(shape.mounts ?? []),
          { hostPath: GATE_HOST_PATH(), containerPath: GATE_CONTAINER_PATH },
          { hostPath: gateFifo, containerPath: GATE_FIFO_CONTAINER_PATH },
        ],
        // The gate removes ASSAY_GATE and its own --require before the program runs.
        env: { ...shape.env, ASSAY_GATE: GATE_FIFO_CONTAINER_PATH, NODE_OPTIONS: [`--require ${GATE_CONTAINER_PATH}`, ownOptions].filter(Boolean).join(' ') },
        limits: shape.limits,
        probeFifo: probe.hostPath,
        cpuset: shape.cpuset,
        openStdin: shape.openStdin,
        labels: { ...ownerLabels(), [POOL_LABEL]: '1' },
      }),
    );
    registerLiveContainer(container.id);
    const exited = container.wait({ condition: 'next-exit' }) as Promise<{ StatusCode: number }>;
    exited.catch(() => {});
    await container.start();
    void exited.finally(cleanup).catch(() => {});
    gateFd = await gateOpened(gateFifo, exited);
    const started = container;
    const channel = probe;
    return {
      container: started,
      probe: channel,
      exited,
      async release(codeDir) {
        if (codeDir) await fs.promises.cp(codeDir, appDir, { recursive: true, verbatimSymlinks: true });
        if (gateFd === null) throw new Error('the pooled container exited before its run');
        fs.writeSync(gateFd, 'g');
        return Date.now();
      },
      async discard() {
        await started.remove({ force: true, v: true }).catch(() => {});
        unregisterLiveContainer(started.id);
        await channel.close();
        await cleanup();
      },
    };
  } catch (err) {
    if (container) {
      await container.remove({ force: true, v: true }).catch(() => {});
      unregisterLiveContainer(container.id);
    }
    await probe?.close();
    await cleanup();
    throw err;
  }
}
