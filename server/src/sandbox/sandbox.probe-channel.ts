import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { ownerIsGone, ownerLabel } from './sandbox.owner';

/** Where the FIFO appears inside the container; sandboxes/node/probe.js writes to it. */
export const PROBE_FIFO_CONTAINER_PATH = '/run/assay/probe';

/** One line the probe writes at a Node process's exit (see sandboxes/node/probe.js). */
const ProbeReportSchema = z.object({
  pid: z.number().int(),
  startPpid: z.number().int(),
  exitCode: z.number().int(),
  maxRssBytes: z.number().int().nonnegative(),
  userUs: z.number().nonnegative(),
  sysUs: z.number().nonnegative(),
});
export type ProbeReport = z.infer<typeof ProbeReportSchema>;

/**
 * One FIFO made ahead of the next run (see ProbeChannel.open). Whoever takes
 * it clears the slot in the same synchronous step, so two runs never share it.
 */
let spare: Promise<{ dir: string; fifo: string }> | undefined;
/** Folders of spares made and not yet taken by a run: removed at exit. */
const untaken = new Set<string>();
let exitHook: (() => void) | undefined;

/** Starts making the next run's FIFO. */
function makeSpare(): Promise<{ dir: string; fifo: string }> {
  const next = makeFifo('ahead');
  next.then(
    (made) => {
      untaken.add(made.dir);
      if (!exitHook) process.once('exit', (exitHook = () => untaken.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }))));
    },
    () => {}, // its error, if any, is met by the run that takes it
  );
  return next;
}

/** The folder every run's FIFO folder is made in (shared with the engine's host, like the run directories). */
const fifoBase = () => path.join(os.tmpdir(), 'assay-sandbox');
/** Names the process a FIFO folder belongs to (`<pid>@<hostname>`, as on its containers), for the sweep. */
const OWNER_FILE = 'owner';

/** A fresh FIFO in its own private folder, with the owner's name beside it. */
async function makeFifo(label: string): Promise<{ dir: string; fifo: string }> {
  const base = fifoBase();
  await fs.promises.mkdir(base, { recursive: true, mode: 0o700 });
  const dir = await fs.promises.mkdtemp(path.join(base, `${label}-`));
  const fifo = path.join(dir, 'probe');
  try {
    await fs.promises.writeFile(path.join(dir, OWNER_FILE), ownerLabel());
    // Node has no mkfifo(3); coreutils' mkfifo is on every Linux Docker host.
    await promisify(execFile)('mkfifo', ['-m', '0622', fifo]);
    return { dir, fifo };
  } catch (err) {
    await fs.promises.rm(dir, { recursive: true, force: true });
    throw new Error(`Cannot create the probe FIFO: ${(err as Error).message}`);
  }
}

/**
 * Removes FIFO folders whose owner process on this host is gone: a process
 * killed with SIGKILL never runs its exit hook, so its spare (and the FIFO of
 * a run it was in) stays behind. Folders of live processes, of other hosts
 * (a worker container sharing the temp dir) and of unknown owners younger
 * than `maxAgeMs` are left alone. Call it when a worker starts, beside the
 * container janitor. Returns the folders removed.
 *
 * @param maxAgeMs folders without an owner file (made before it existed) older than this go too. @defaultValue 1 hour
 */
export async function removeOrphanFifoDirs(maxAgeMs = 60 * 60_000): Promise<string[]> {
  const base = fifoBase();
  const names = await fs.promises.readdir(base).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const dir = path.join(base, name);
    if (!fs.existsSync(path.join(dir, 'probe'))) continue; // not a FIFO folder (etc-hosts, run directories)
    const owner = await fs.promises.readFile(path.join(dir, OWNER_FILE), 'utf8').catch(() => null);
    // A folder its live owner removes meanwhile has no age (stat fails): it is not ours to sweep.
    const age = owner === null ? await fs.promises.stat(dir).then((st) => Date.now() - st.mtimeMs, () => 0) : 0;
    const orphan = owner === null ? age > maxAgeMs : ownerIsGone(owner.trim());
    if (!orphan) continue;
    await fs.promises.rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

/** Reads no more than this from the FIFO: the candidate can write to it too, and must not fill our memory. */
const MAX_PROBE_BYTES = 256 * 1024;

/**
 * A per-run FIFO on the host, bind-mounted read-only into the container (a
 * FIFO on a read-only mount can still be written). Reports survive the
 * container: unlike a tmpfs, which vanishes when the container stops, the data
 * sits in the pipe until the runner reads it. Opened O_RDWR so a writer never
 * finds "no reader" and the read side never sees EOF; O_NONBLOCK so `drain`
 * returns as soon as the pipe is empty.
 */
export class ProbeChannel {
  private pending = '';
  private bytes = 0;
  readonly reports: ProbeReport[] = [];

  private constructor(
    private readonly dir: string,
    readonly hostPath: string,
    private fd: number | null,
  ) {}

  static async open(runId: string): Promise<ProbeChannel> {
    // A FIFO made ahead (while the previous run was going) saves spawning mkfifo on the critical path.
    // Take it and refill the slot before any await: a concurrent open must never get the same one.
    const ahead = spare;
    spare = makeSpare();
    const made = await (ahead ?? makeFifo(runId)).catch(() => makeFifo(runId));
    untaken.delete(made.dir); // runs after makeSpare's own callback, which was registered first
    try {
      const fd = fs.openSync(made.fifo, fs.constants.O_RDWR | fs.constants.O_NONBLOCK);
      return new ProbeChannel(made.dir, made.fifo, fd);
    } catch (err) {
      await fs.promises.rm(made.dir, { recursive: true, force: true });
      throw new Error(`Cannot open the probe FIFO: ${(err as Error).message}`);
    }
  }

  /** Reads whatever is in the pipe now and parses complete lines; malformed ones are dropped. */
  drain(): void {
    if (this.fd === null) return;
    const buf = Buffer.alloc(64 * 1024);
    while (this.bytes < MAX_PROBE_BYTES) {
      let n: number;
      try {
        n = fs.readSync(this.fd, buf, 0, buf.length, null);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') break;
        throw err;
      }
      if (n === 0) break;
      this.bytes += n;
      this.pending += buf.subarray(0, n).toString('utf8');
    }
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const parsed = ProbeReportSchema.safeParse(JSON.parse(line));
        if (parsed.success) this.reports.push(parsed.data);
      } catch {
        // not JSON: written by the candidate, ignored
      }
    }
  }

  async close(): Promise<void> {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    await fs.promises.rm(this.dir, { recursive: true, force: true });
  }
}
