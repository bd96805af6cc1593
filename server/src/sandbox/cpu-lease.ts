import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * An exclusive, per-host lease on the CPUs timing-sensitive trials are pinned
 * to (a load generator and the server it measures, a throughput run), so
 * concurrent judgements on one host take turns on them instead of disturbing
 * each other's figures; untimed work (inputs, visible tests, correctness runs)
 * does not take it and runs in parallel.
 *
 * The lease is a lock file under a folder every worker of the host shares
 * (the data dir): created with O_EXCL, holding its owner (host, pid, token),
 * its mtime refreshed while held. Waiters queue first come, first served
 * (a ticket file each, named by arrival time, refreshed while waiting). It is released in `finally` by the holder,
 * on process exit by an exit hook, and after a crash by the next waiter: a
 * holder on this host whose pid is gone, or a lock not refreshed for
 * `staleMs` (a crashed container, a frozen host), is broken.
 */
export interface CpuLease {
  /** The CPUs it guards ("0-1"), for pinning and for messages. */
  readonly cpus: string;
  /** Waits for the lease; the hold must be released (in `finally`). */
  acquire(signal?: AbortSignal): Promise<LeaseHold>;
}

export interface LeaseHold {
  /** How long the caller queued for the lease. */
  readonly waitedMs: number;
  release(): void;
}

export interface FileCpuLeaseOptions {
  /** Folder of the lock file, shared by every worker on the host (e.g. `<data dir>/locks`). */
  dir: string;
  /** The CPUs leased, part of the lock file's name. */
  cpus: string;
  /** A lock not refreshed for this long belongs to a dead holder. @defaultValue 15 000 */
  staleMs?: number;
  /** How often a waiter tries again. @defaultValue 25 */
  pollMs?: number;
}

interface Owner {
  host: string;
  pid: number;
  token: string;
}

/** Lock files held by this process, removed by the exit hook if a holder never got to `finally`. */
const heldFiles = new Map<string, string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [file, token] of heldFiles) removeIfOwned(file, token);
  });
}

function readOwner(file: string): Owner | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Owner;
  } catch {
    return null; // gone, or being written this instant
  }
}

function removeIfOwned(file: string, token: string): void {
  if (readOwner(file)?.token !== token) return;
  fs.rmSync(file, { force: true });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Refreshes a lock or ticket's mtime (a missing one was broken by a waiter that judged us dead: nothing to refresh). */
function touchFile(file: string): void {
  const now = new Date();
  try {
    fs.utimesSync(file, now, now);
  } catch {
    // gone
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FileCpuLease implements CpuLease {
  readonly cpus: string;
  private readonly file: string;
  private readonly staleMs: number;
  private readonly pollMs: number;
  private readonly queueDir: string;

  constructor(options: FileCpuLeaseOptions) {
    this.cpus = options.cpus;
    this.file = path.join(options.dir, `cpus-${options.cpus.replace(/[^0-9,-]/g, '_')}.lock`);
    this.staleMs = options.staleMs ?? 15_000;
    this.pollMs = options.pollMs ?? 25;
    this.queueDir = `${this.file}.queue`;
    fs.mkdirSync(this.queueDir, { recursive: true });
  }

  async acquire(signal?: AbortSignal): Promise<LeaseHold> {
    const started = Date.now();
    const owner: Owner = { host: os.hostname(), pid: process.pid, token: crypto.randomUUID() };
    installExitHook();
    // First come, first served: a ticket in the queue folder, named by arrival time. Without it the
    // holder that releases would win the race for its own next pair, every time.
    const ticket = path.join(this.queueDir, `${String(Date.now()).padStart(15, '0')}-${owner.token}`);
    fs.writeFileSync(ticket, JSON.stringify(owner));
    heldFiles.set(ticket, owner.token);
    const touch = setInterval(() => touchFile(ticket), Math.max(50, this.staleMs / 3));
    touch.unref();
    try {
      for (;;) {
        if (signal?.aborted) throw new Error('aborted while waiting for the CPU lease');
        if (this.firstInQueue(ticket) && this.tryCreate(owner)) break;
        this.breakIfDead();
        await sleep(this.pollMs);
      }
    } finally {
      clearInterval(touch);
      heldFiles.delete(ticket);
      fs.rmSync(ticket, { force: true });
    }
    heldFiles.set(this.file, owner.token);
    const heartbeat = setInterval(() => touchFile(this.file), Math.max(50, this.staleMs / 3));
    heartbeat.unref();
    let released = false;
    return {
      waitedMs: Date.now() - started,
      release: () => {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        heldFiles.delete(this.file);
        removeIfOwned(this.file, owner.token);
      },
    };
  }

  /** Whether `ticket` is the oldest live one (tickets of dead waiters are removed on the way). */
  private firstInQueue(ticket: string): boolean {
    const name = path.basename(ticket);
    for (const other of fs.readdirSync(this.queueDir).sort()) {
      if (other === name) return true;
      const file = path.join(this.queueDir, other);
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat) continue;
      const o = readOwner(file);
      const dead = (o !== null && o.host === os.hostname() && !pidAlive(o.pid)) || Date.now() - stat.mtimeMs > this.staleMs;
      if (dead) fs.rmSync(file, { force: true });
      else return false;
    }
    return true; // ours vanished (removed as stale by someone): take our chance
  }

  private tryCreate(owner: Owner): boolean {
    try {
      fs.writeFileSync(this.file, JSON.stringify(owner), { flag: 'wx' });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
  }

  /** Breaks the lock of a holder that is gone. Serialized by a second O_EXCL file, so two waiters cannot both break (and one remove the other's fresh lock). */
  private breakIfDead(): void {
    const breaker = `${this.file}.break`;
    const stat = fs.statSync(this.file, { throwIfNoEntry: false });
    if (!stat) return;
    const owner = readOwner(this.file);
    const dead = (owner !== null && owner.host === os.hostname() && !pidAlive(owner.pid)) || Date.now() - stat.mtimeMs > this.staleMs;
    if (!dead) return;
    try {
      fs.writeFileSync(breaker, String(process.pid), { flag: 'wx' });
    } catch {
      // Someone else is breaking it; a breaker left by a crash mid-break is stale too.
      const b = fs.statSync(breaker, { throwIfNoEntry: false });
      if (b && Date.now() - b.mtimeMs > this.staleMs) fs.rmSync(breaker, { force: true });
      return;
    }
    try {
      // Look again under the breaker: the lock may have changed hands meanwhile.
      const again = readOwner(this.file);
      const againStat = fs.statSync(this.file, { throwIfNoEntry: false });
      const stillDead = againStat && (again?.token === owner?.token) && ((again !== null && again.host === os.hostname() && !pidAlive(again.pid)) || Date.now() - againStat.mtimeMs > this.staleMs);
      if (stillDead) fs.rmSync(this.file, { force: true });
    } finally {
      fs.rmSync(breaker, { force: true });
    }
  }
}

/** Runs `fn` holding the lease, released in `finally` whatever happens. */
export async function withLease<T>(lease: CpuLease | null | undefined, fn: () => Promise<T>, onWaited?: (waitedMs: number) => void, signal?: AbortSignal): Promise<T> {
  if (!lease) return fn();
  const hold = await lease.acquire(signal);
  onWaited?.(hold.waitedMs);
  try {
    return await fn();
  } finally {
    hold.release();
  }
}

const leases = new Map<string, FileCpuLease>();
/** The host's lease on `cpus` under `dir` (one object per folder and CPU set in a process). */
export function hostCpuLease(dir: string, cpus: string): FileCpuLease {
  const key = `${dir}\0${cpus}`;
  let lease = leases.get(key);
  if (!lease) leases.set(key, (lease = new FileCpuLease({ dir, cpus })));
  return lease;
}
