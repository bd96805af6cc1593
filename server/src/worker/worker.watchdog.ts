import { Worker as Thread } from 'node:worker_threads';

/** How often the event loop stamps its heartbeat, and the watchdog checks it, as a share of the stall limit. */
const BEAT_FRACTION = 4;

/**
 * The watchdog's own thread: it cannot rely on the event loop it watches.
 * When the last heartbeat is older than the limit, it writes one JSON log
 * line to stderr itself and kills the process with SIGKILL: a stalled main
 * thread cannot run a shutdown (nor handle SIGTERM), and `process.exit` in a
 * thread only ends the thread. The supervisor (systemd, Docker, the `npm
 * start` process) sees a non-zero exit and restarts it; BullMQ hands the
 * jobs whose locks lapse to other workers, and the judge job is idempotent.
 */
const THREAD_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const beat = new BigInt64Array(workerData.beat);
setInterval(() => {
  const silentMs = Date.now() - Number(Atomics.load(beat, 0));
  if (silentMs <= workerData.stallMs) return;
  try {
    fs.writeSync(2, JSON.stringify({ level: 60, time: Date.now(), pid: process.pid, role: 'worker', silentMs, stallMs: workerData.stallMs,
      msg: 'worker event loop stalled: exiting so the supervisor restarts it' }) + '\\n');
  } finally {
    process.kill(process.pid, 'SIGKILL');
  }
}, workerData.checkMs);
`;

export interface Watchdog {
  stop(): Promise<void>;
}

/**
 * Watches the worker's event loop from a thread of its own: the loop stamps a
 * heartbeat into shared memory every `stallMs / 4`; a heartbeat older than
 * `stallMs` means the loop is stuck (synchronous code that never yields) and
 * the process is ended. Neither the timer nor the thread keeps the process alive.
 */
export function startEventLoopWatchdog(stallMs: number): Watchdog {
  const beat = new BigInt64Array(new SharedArrayBuffer(8));
  const stamp = () => Atomics.store(beat, 0, BigInt(Date.now()));
  stamp();
  const checkMs = Math.max(50, Math.floor(stallMs / BEAT_FRACTION));
  const timer = setInterval(stamp, checkMs);
  timer.unref();
  const thread = new Thread(THREAD_SOURCE, { eval: true, workerData: { beat: beat.buffer, stallMs, checkMs } });
  thread.unref();
  return {
    async stop() {
      clearInterval(timer);
      await thread.terminate();
    },
  };
}
