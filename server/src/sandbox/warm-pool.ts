import type Dockerode from 'dockerode';
import { createSlot, type Slot, type WarmCandidate, type WarmShape } from './warm-pool.slot';

export { POOL_LABEL, type WarmCandidate, type WarmShape } from './warm-pool.slot';

/**
 * A pool of pre-started, single-use candidate containers. Each one runs the
 * run's command with warm-pool.gate.js preloaded: Node boots, then blocks on a
 * FIFO before reading the program. A run takes one (runner option `pool`), its
 * code is copied into the container's /app and the gate opens: the program
 * starts without the container start (~100–400 ms here) and Node's boot
 * (~40 ms). Same process, same limits, same probe: memory is measured exactly
 * as in a cold run. CPU time carries a few ms of extra boot work, so a judge
 * should run the reference and the candidate the same way (both pooled or both
 * cold) when it compares their CPU.
 *
 * A container serves exactly one run and the runner removes it after; the pool
 * starts a fresh one in the background. The pool saves latency, not work: each
 * run still costs one container create + start, only off the critical path.
 */

export interface WarmPoolOptions {
  /** Started containers kept waiting for a run. @defaultValue 2 */
  size?: number;
  /** Pause before retrying after the engine failed to start one. @defaultValue 1 000 ms */
  retryMs?: number;
}

/** Equal keys, interchangeable containers. Of the limits only those the engine fixes at create count: wall time and output are the runner's, from release. */
function shapeKey(s: WarmShape): string {
  const env = Object.entries(s.env ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const { memoryBytes, pids, tmpfsBytes, nofile } = s.limits;
  return JSON.stringify([s.image, s.command, env, s.mounts ?? [], [memoryBytes, pids, tmpfsBytes, nofile], s.cpuset ?? null, s.openStdin]);
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
