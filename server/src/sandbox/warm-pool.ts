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
 * A pool of pre-started, single-use candidate containers. Each one runs the
 * run's command with warm-pool.gate.js preloaded: Node boots, then blocks
 * before reading the program. A run takes one, its code is copied into the
 * container's /app (a host folder bind-mounted read-only) and the gate opens:
 * the program starts without the ~100 ms container start and ~40 ms Node boot.
 * A container serves exactly one run and is removed by the runner after it;
 * the pool starts a fresh one in the background.
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

export interface WarmPoolOptions {
  /** Started containers kept waiting for a run. @defaultValue 2 */
  size?: number;
  /** Pause before retrying after the engine failed to start one. @defaultValue 1 000 ms */
  retryMs?: number;
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

interface Slot extends WarmCandidate {
  discard(): Promise<void>;
}

function shapeKey(s: WarmShape): string {
  const env = Object.entries(s.env ?? {}).sort(([a], [b]) => a.localeCompare(b));
  // Only the limits the engine fixes at create; wall time and output are the runner's, counted from release.
  const { memoryBytes, pids, tmpfsBytes, nofile } = s.limits;
  return JSON.stringify([s.image, s.command, env, s.mounts ?? [], [memoryBytes, pids, tmpfsBytes, nofile], s.cpuset ?? null, s.openStdin]);
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

async function createSlot(docker: Dockerode, shape: WarmShape): Promise<Slot> {
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

/**
 * Keeps `size` containers of one shape started and waiting. `take` hands one
 * to a run (or returns undefined: the run starts cold), then a replacement is
 * started in the background.
 */
export class WarmPool {
  private readonly idle: Slot[] = [];
  private readonly key: string;
  private readonly size: number;
  private readonly retryMs: number;
  private readonly filling = new Set<Promise<void>>();
  private closed = false;
  private waiters: Array<() => void> = [];
  /** The last engine error while filling, for health reporting. */
  lastError: Error | null = null;
  /** Runs of this shape that got a waiting container (hits) or found the pool empty (misses). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly docker: Dockerode,
    readonly shape: WarmShape,
    options: WarmPoolOptions = {},
  ) {
    this.key = shapeKey(shape);
    this.size = options.size ?? 2;
    this.retryMs = options.retryMs ?? 1_000;
    this.fill();
  }

  /** Containers started and waiting now. */
  get available(): number {
    return this.idle.length;
  }

  /** Resolves once the pool is full (or closed). */
  async full(): Promise<void> {
    while (!this.closed && this.idle.length < this.size) await new Promise<void>((r) => this.waiters.push(r));
  }

  /** A waiting container for a run of exactly this shape, or undefined. The caller owns it from now on. */
  take(shape: WarmShape): WarmCandidate | undefined {
    if (this.closed || shapeKey(shape) !== this.key) return undefined;
    const slot = this.idle.shift(); // the oldest first
    if (slot) this.stats.hits++;
    else this.stats.misses++;
    this.fill();
    return slot;
  }

  /** Stops refilling and removes every waiting container, including those still starting. */
  async close(): Promise<void> {
    this.closed = true;
    this.notify();
    await Promise.all([...this.filling]);
    await Promise.all(this.idle.splice(0).map((s) => s.discard()));
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private fill(): void {
    while (!this.closed && this.idle.length + this.filling.size < this.size) {
      const adding: Promise<void> = this.addOne().finally(() => {
        this.filling.delete(adding);
        this.notify();
      });
      this.filling.add(adding);
    }
  }

  private async addOne(): Promise<void> {
    let slot: Slot;
    try {
      slot = await createSlot(this.docker, this.shape);
    } catch (err) {
      this.lastError = err as Error;
      await new Promise((r) => setTimeout(r, this.retryMs).unref());
      if (!this.closed) setImmediate(() => this.fill());
      return;
    }
    if (this.closed) return void (await slot.discard());
    this.idle.push(slot);
    // One that dies while waiting (engine restart, host OOM) is dropped and replaced.
    void slot.exited.then(
      () => this.drop(slot),
      () => this.drop(slot),
    );
  }

  private drop(slot: Slot): void {
    const i = this.idle.indexOf(slot);
    if (i < 0) return; // taken: the run owns it
    this.idle.splice(i, 1);
    void slot.discard();
    this.fill();
  }
}
