import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

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

/** A fresh FIFO in its own private folder. */
async function makeFifo(label: string): Promise<{ dir: string; fifo: string }> {
  const base = path.join(os.tmpdir(), 'assay-sandbox');
  await fs.promises.mkdir(base, { recursive: true, mode: 0o700 });
  const dir = await fs.promises.mkdtemp(path.join(base, `${label}-`));
  const fifo = path.join(dir, 'probe');
  try {
    // Node has no mkfifo(3); coreutils' mkfifo is on every Linux Docker host.
    await promisify(execFile)('mkfifo', ['-m', '0622', fifo]);
    return { dir, fifo };
  } catch (err) {
    await fs.promises.rm(dir, { recursive: true, force: true });
    throw new Error(`Cannot create the probe FIFO: ${(err as Error).message}`);
  }
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
